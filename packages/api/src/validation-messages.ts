import * as z from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';

type Issue = $ZodRawIssue;

const formats: Record<string, string> = {
  email: '邮箱地址格式不正确',
  url: '网址格式不正确',
  uuid: '编号格式不正确',
  ulid: '编号格式不正确',
  datetime: '时间格式不正确，须为带时区的 ISO 时间，如 2026-12-05T02:00:00Z',
  date: '日期格式不正确，须为 YYYY-MM-DD',
};

/**
 * A field's validation message in Chinese, as a person reads it at the field: 必填, 不能超过 200 个
 * 字符, 须为以下之一：…; the machine keeps the field path beside it. A schema's own message (the
 * domain's text rules, the calendar's) is kept as it is.
 */
export function chineseValidationMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填' : '类型不正确';
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`;
      return issue.inclusive ? `不能小于 ${min}` : `须大于 ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `不能超过 ${max} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      return issue.inclusive ? `不能大于 ${max}` : `须小于 ${max}`;
    }
    case 'invalid_value':
      return `须为以下之一：${issue.values.map((v: unknown) => String(v)).join('、')}`;
    case 'invalid_format':
      return formats[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `须为 ${String(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `不接受的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '格式不正确';
    default:
      return undefined;
  }
}

let installed = false;

/** Every schema of this process answers in Chinese from now on (a handler's module calls it once). */
export function useChineseValidationMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: chineseValidationMessage });
}
