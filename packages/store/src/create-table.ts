import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from './table.ts';

export interface TableOptions {
  /**
   * Give the table its stream (new and old images), as on AWS, where the overview's rollups are
   * kept from it. Only for a table whose stream is read: DynamoDB Local keeps every stream's
   * records, and a test run's shared DynamoDB Local holds hundreds of tables.
   */
  stream?: boolean;
}

/** The CreateTable request for the single table, for the local stack and tests (CDK builds its own from the same definition). */
export function createTableInput(
  tableName: string,
  options: TableOptions = {},
): CreateTableCommandInput {
  const d = tableDefinition;
  const attributes = new Set<string>([
    d.partitionKey,
    d.sortKey,
    ...d.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    ...(options.stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }
      : {}),
    AttributeDefinitions: [...attributes].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: d.globalIndexes.map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** Creates the table unless it exists; safe to call on every start. Returns whether it was created. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: TableOptions = {},
): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName, options)));
  } catch (err) {
    if (err instanceof ResourceInUseException) return false;
    throw err;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
    }),
  );
  return true;
}

/**
 * Adds the indexes of the table's definition that an existing table lacks (a table a local stack
 * kept on disk from before an index was defined; on AWS, CDK adds them). Returns their names: the
 * records written before have no entries in them until they are written again or indexed
 * (`indexOpenWork` for gsi4).
 */
export async function ensureIndexes(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const wanted = createTableInput(tableName);
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const have = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  const added: string[] = [];
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (!index.IndexName || have.has(index.IndexName)) continue;
    const names = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions?.filter((a) =>
          names.has(a.AttributeName),
        ),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    await untilIndexActive(client, tableName, index.IndexName);
    added.push(index.IndexName);
  }
  return added;
}

/** Waits (up to a minute) until the table and a new index of it are ACTIVE and can be written. */
async function untilIndexActive(client: DynamoDBClient, tableName: string, indexName: string) {
  for (let waited = 0; waited < 60_000; waited += 200) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const index = Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === indexName);
    if (Table?.TableStatus === 'ACTIVE' && index?.IndexStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`index ${indexName} of table ${tableName} did not become ACTIVE within a minute`);
}
