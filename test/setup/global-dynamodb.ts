// One DynamoDB Local (in memory) for the whole integration run; each test file makes its own
// table on it (test/support/table.ts), so files never see each other's data.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '@weibao/local/dynamodb-local';
import { LocalStackError } from '@weibao/local/preflight';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let db;
  try {
    db = await startDynamoDbLocal({ inMemory: true });
  } catch (err) {
    if (err instanceof LocalStackError) {
      // One line that says what to do, not a stack trace.
      const clear = new Error(`integration tests: ${err.message}`);
      clear.stack = clear.message;
      throw clear;
    }
    throw err;
  }
  project.provide('dynamoEndpoint', db.endpoint);
  return () => db.stop();
}
