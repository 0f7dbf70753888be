import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import { keys } from './keys.ts';

/**
 * The record that a signed link was used. It goes into the action's own transaction with
 * `attribute_not_exists(pk)` (versionedWrite's alsoCreate), so two clicks at the same moment
 * cannot both act. It lives until the link would have expired anyway (TTL).
 */
export function usedLinkItem(
  hospitalId: string,
  nonce: string,
  link: { action: string; objectId: string; expiresAt: string },
  usedAt: string,
): Record<string, unknown> {
  return {
    ...keys.usedLink(hospitalId, nonce),
    itemType: 'UsedLink',
    action: link.action,
    objectId: link.objectId,
    usedAt,
    expiresAt: Math.ceil(Date.parse(link.expiresAt) / 1000),
  };
}

/** Whether the link with this nonce was used (a strongly consistent read). */
export async function linkWasUsed(db: Db, hospitalId: string, nonce: string): Promise<boolean> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.usedLink(hospitalId, nonce),
      ConsistentRead: true,
    }),
  );
  return out.Item !== undefined;
}
