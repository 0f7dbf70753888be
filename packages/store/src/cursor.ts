import { StoreError } from './errors.ts';

/** Opaque list cursors: the LastEvaluatedKey, base64url JSON, checked to belong to the list asked for. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  if (!lastKey) return null;
  return Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
}

/**
 * The start key a cursor stands for, checked to be one this list gives out: exactly the key
 * attributes of the table (and of the index the list reads), each a string, in the partition
 * asked for. Anything else (another list's cursor, a key with a part missing or added) is refused
 * here rather than by DynamoDB.
 */
export function decodeCursor(
  cursor: string | undefined,
  expect: Record<string, string>,
  keyNames?: readonly string[],
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new StoreError('bad-cursor', 'the cursor is not one this list gave out');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StoreError('bad-cursor', 'the cursor is not one this list gave out');
  }
  const key = parsed as Record<string, unknown>;
  for (const [attr, value] of Object.entries(expect)) {
    if (key[attr] !== value)
      throw new StoreError('bad-cursor', 'the cursor belongs to another list');
  }
  for (const v of Object.values(key)) {
    if (typeof v !== 'string' || v === '')
      throw new StoreError('bad-cursor', 'the cursor is not one this list gave out');
  }
  if (keyNames) {
    const names = Object.keys(key);
    const wanted = new Set(keyNames);
    if (names.length !== wanted.size || !names.every((n) => wanted.has(n)))
      throw new StoreError('bad-cursor', 'the cursor is not one this list gave out');
  }
  return key;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}
