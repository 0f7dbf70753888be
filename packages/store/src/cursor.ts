import { StoreError } from './errors.ts';

/** Opaque list cursors: the LastEvaluatedKey, base64url JSON, checked to belong to the list asked for. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  if (!lastKey) return null;
  return Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  expect: Record<string, string>,
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
    if (typeof v !== 'string')
      throw new StoreError('bad-cursor', 'the cursor is not one this list gave out');
  }
  return key;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}
