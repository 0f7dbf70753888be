import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { createTableInput, ensureIndexes, ensureTable } from '@weibao/store/create-table';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hospitalItem,
  makeDb,
  ticketItem,
  ticketsAcrossHospitals,
  type HospitalRecord,
} from '@weibao/store';
import { openTicket } from '../../../test/support/open-ticket.ts';
import { createTestTable } from '../../../test/support/table.ts';
import { localCredentials, localRegion, type LocalEnv } from './env.ts';
import { indexKeptRecords } from './seed.ts';
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
      'gsi4',
      'gsi5',
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

describe('ensureIndexes', () => {
  it('adds the indexes a kept table lacks, once, the index answers, and the kept tickets are indexed', async () => {
    // Prepare: a table as created before gsi4 and gsi5 were defined, on a DynamoDB Local of its own, like
    // the one `npm start` keeps on disk. On the run's shared one, which holds hundreds of tables,
    // DynamoDB Local leaves a new index CREATING for more than a minute.
    const db = await startDynamoDbLocal({ inMemory: true });
    const client = dynamoDbLocalClient(db.endpoint);
    const documentClient = DynamoDBDocumentClient.from(client);
    const tableName = 'weibao';
    const input = createTableInput(tableName);
    try {
      await client.send(
        new CreateTableCommand({
          ...input,
          GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter(
            (g) => g.IndexName !== 'gsi4' && g.IndexName !== 'gsi5',
          ),
          AttributeDefinitions: input.AttributeDefinitions?.filter(
            (a) => !a.AttributeName?.startsWith('gsi4') && !a.AttributeName?.startsWith('gsi5'),
          ),
        }),
      );
      // a hospital and a closed ticket of it, kept from before gsi5
      const ticket = { ...openTicket('whzx', 7), status: 'closed' as const };
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: hospitalItem({ id: 'whzx', name: '武汉市中心医院' } as HospitalRecord),
        }),
      );
      const { gsi5pk: _pk, gsi5sk: _sk, ...before } = ticketItem(ticket);
      await documentClient.send(new PutCommand({ TableName: tableName, Item: before }));
      // Act
      const added = await ensureIndexes(client, tableName);
      const again = await ensureIndexes(client, tableName);
      // Assess
      expect(added).toEqual(['gsi4', 'gsi5']);
      expect(again).toEqual([]);
      // Act: what `npm start` does on kept data after adding them
      await indexKeptRecords(
        {
          region: localRegion,
          tableName,
          endpoints: { dynamodb: db.endpoint },
          credentials: localCredentials,
        } as LocalEnv,
        added,
      );
      const found = await ticketsAcrossHospitals(makeDb(tableName, client), {
        hospitals: null,
        matches: () => true,
        limit: 10,
        readAtMost: 100,
      });
      expect(found.items.map((t) => t.number)).toEqual([ticket.number]);
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: 'H#a', sk: 'TICKET#1', gsi4pk: 'H#a#QUEUE', gsi4sk: '1' },
        }),
      );
      const { Items } = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi4',
          KeyConditionExpression: 'gsi4pk = :p',
          ExpressionAttributeValues: { ':p': 'H#a#QUEUE' },
        }),
      );
      expect(Items?.map((i) => i.sk)).toEqual(['TICKET#1']);
    } finally {
      client.destroy();
      await db.stop();
    }
  });
});
