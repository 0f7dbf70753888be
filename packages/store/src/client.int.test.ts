import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/table.ts';
import { makeDb, meterDynamoDbRequests, type Db, type MeteredRequest } from './client.ts';

let table: TestTable;
let db: Db;
beforeAll(async () => {
  table = await createTestTable('meter');
  db = makeDb(table.tableName, table.client);
});
afterAll(() => {
  meterDynamoDbRequests(undefined);
  table?.client.destroy();
});

describe('the opt-in DynamoDB request meter', () => {
  it('reports each request with its command, kind and the capacity DynamoDB charged, and nothing once turned off', async () => {
    // Prepare
    const seen: MeteredRequest[] = [];
    meterDynamoDbRequests((r) => seen.push(r));
    const item = { pk: 'H#meter', sk: 'TICKET#1', gsi1pk: 'QUEUE', gsi1sk: 'x', title: '计量' };

    // Act
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item }));
    await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: item.pk, sk: item.sk } }),
    );
    await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': item.pk },
      }),
    );
    meterDynamoDbRequests(undefined);
    await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: item.pk, sk: item.sk } }),
    );

    // Assess: the put wrote the table and one index; the reads cost half a unit each.
    expect(seen.map((r) => [r.command, r.kind, r.capacityUnits])).toEqual([
      ['PutItem', 'write', 2],
      ['GetItem', 'read', 0.5],
      ['Query', 'read', 0.5],
    ]);
  });
});
