import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbLocalClient } from '@weibao/local/dynamodb-local';
import { ensureTable } from '@weibao/store/create-table';
import { inject } from 'vitest';

export interface TestTable {
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
}

/**
 * A table of its own for one test file, on the run's shared DynamoDB Local (in memory, so it is
 * gone when the run ends). Call it in beforeAll.
 */
export async function createTestTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const client = dynamoDbLocalClient(endpoint);
  const safePrefix = prefix.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 64);
  const tableName = `${safePrefix}-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, documentClient: DynamoDBDocumentClient.from(client), tableName, endpoint };
}
