import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { chineseValidationMessage } from './validation-messages.ts';

const messages = (schema: z.ZodType, value: unknown) =>
  schema
    .safeParse(value, { error: chineseValidationMessage })
    .error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('validation messages in Chinese', () => {
  it('says at each field what is wrong in Chinese, keeps a schema’s own message, and never says “Invalid”', () => {
    // Prepare
    const schema = z.strictObject({
      contentType: z.enum(['application/pdf', 'image/png']),
      copies: z.number().int().max(5),
      title: z.string().min(1).max(10),
      email: z.email(),
      note: z.string().refine((s) => !s.includes('\u0000'), '不能含有控制字符'),
      required: z.string(),
      list: z.array(z.string()).max(1),
    });

    // Act
    const found = messages(schema, {
      contentType: 'text/html',
      copies: 9,
      title: '',
      email: 'x',
      note: 'a\u0000',
      list: ['a', 'b'],
      extra: 1,
    });

    // Assess
    expect(found).toEqual([
      ['contentType', '须为以下之一：application/pdf、image/png'],
      ['copies', '不能大于 5'],
      ['title', '不能为空'],
      ['email', '邮箱地址格式不正确'],
      ['note', '不能含有控制字符'],
      ['required', '必填'],
      ['list', '最多 1 项'],
      ['', '不接受的字段：extra'],
    ]);
    for (const [, message] of found ?? []) expect(message).not.toMatch(/invalid|expected/i);
  });
});
