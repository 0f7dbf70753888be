import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';

/**
 * Sets an index's two attributes on a record that lacks them, if its version is still `version`:
 * a record changed meanwhile is left to its writer (which writes them), one indexed already is
 * left alone. False when it was left.
 */
export async function addIndexEntry(
  db: Db,
  key: Record<string, string>,
  entry: Record<string, string>,
  version: number,
): Promise<boolean> {
  const [[pk, pkValue], [sk, skValue]] = Object.entries(entry) as [
    [string, string],
    [string, string],
  ];
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: key,
        UpdateExpression: 'SET #pk = :pk, #sk = :sk',
        ConditionExpression: 'attribute_not_exists(#pk) AND #v = :v',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk, '#v': 'version' },
        ExpressionAttributeValues: { ':pk': pkValue, ':sk': skValue, ':v': version },
      }),
    );
    return true;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    return false;
  }
}
