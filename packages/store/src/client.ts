import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  tableName: string;
}

/**
 * One client per cold start. The endpoint comes from the SDK's own AWS_ENDPOINT_URL_DYNAMODB
 * locally, so the same code reaches DynamoDB Local or AWS.
 */
export function makeDb(tableName: string, raw: DynamoDBClient = new DynamoDBClient({})): Db {
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, raw, tableName };
}
