import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '@weibao/store/create-table';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/table.ts';
import { dynamoDbLocalClient, startDynamoDbLocal } from './dynamodb-local.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('DynamoDB Local', () => {
  it('keeps data in its data dir across a restart', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'weibao-dynamodb-'));
    dirs.push(dataDir);
    const item = { pk: 'HOSPITAL#whzx', sk: 'HOSPITAL', name: '武汉市中心医院' };
    const first = await startDynamoDbLocal({ dataDir });
    try {
      const client = dynamoDbLocalClient(first.endpoint);
      await ensureTable(client, 'weibao');
      await DynamoDBDocumentClient.from(client).send(
        new PutCommand({ TableName: 'weibao', Item: item }),
      );
      client.destroy();
    } finally {
      await first.stop();
    }

    // Act
    const second = await startDynamoDbLocal({ dataDir, port: first.port });
    try {
      const client = dynamoDbLocalClient(second.endpoint);
      const { Item } = await DynamoDBDocumentClient.from(client).send(
        new GetCommand({ TableName: 'weibao', Key: { pk: item.pk, sk: item.sk } }),
      );
      client.destroy();

      // Assess
      expect(Item).toEqual(item);
    } finally {
      await second.stop();
    }
  });

  it('stops answering once stopped', async () => {
    const db = await startDynamoDbLocal({ inMemory: true });
    await db.stop();
    const client = dynamoDbLocalClient(db.endpoint);
    await expect(client.send(new DescribeTableCommand({ TableName: 'weibao' }))).rejects.toThrow();
    client.destroy();
  });
});

describe('createTestTable', () => {
  it('makes a table of its own on the run’s shared DynamoDB Local', async () => {
    const a = await createTestTable('local');
    const b = await createTestTable('local');
    expect(a.tableName).not.toBe(b.tableName);
    const { Table } = await a.client.send(new DescribeTableCommand({ TableName: a.tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual([
      'gsi1',
      'gsi2',
      'gsi3',
    ]);
    await a.documentClient.send(
      new PutCommand({ TableName: a.tableName, Item: { pk: 'P', sk: 'S' } }),
    );
    const { Item } = await b.documentClient.send(
      new GetCommand({ TableName: b.tableName, Key: { pk: 'P', sk: 'S' } }),
    );
    expect(Item).toBeUndefined();
  });
});
