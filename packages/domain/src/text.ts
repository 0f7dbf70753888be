import * as z from 'zod';

/**
 * Text fields of requests and of the records they make (names in contract terms, a hospital's
 * name). Control characters never belong in what people type: NUL and the
 * other C0/C1 controls are refused everywhere; line breaks and tabs only in multi-line text. A
 * single-line field (a title, a name, a file name) may end up in a mail header, where CR or LF
 * would start a header of the sender's choosing.
 */
// eslint-disable-next-line no-control-regex
const controlsButLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const anyControl = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Multi-line text (a description, a note): trimmed, 1 to `max` characters, no controls but line breaks and tabs. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !controlsButLineBreaks.test(v), { message: '不能包含控制字符' });

/** One line (a title, a name, a file name): trimmed, 1 to `max` characters, no control characters at all. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !anyControl.test(v), { message: '只能是一行文字，不能包含换行或控制字符' });

/**
 * Every string of a request body (at any depth) that holds a control character no text may hold:
 * the route's schema then decides about line breaks. Checked before the schema, so a field whose
 * schema forgot `text` or `line` (an id in a list, a file name) refuses them all the same.
 */
export function controlCharacterIssues(
  value: unknown,
  path: (string | number)[] = [],
): { path: string; message: string }[] {
  if (typeof value === 'string')
    return controlsButLineBreaks.test(value)
      ? [{ path: path.join('.'), message: '不能包含控制字符' }]
      : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacterIssues(v, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...(controlsButLineBreaks.test(k)
        ? [{ path: [...path, k].join('.'), message: '名称不能包含控制字符' }]
        : []),
      ...controlCharacterIssues(v, [...path, k]),
    ]);
  return [];
}
