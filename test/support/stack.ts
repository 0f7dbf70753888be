import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import {
  dynamoDbLocalClient,
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
} from '@weibao/local';
import { afterAll, inject } from 'vitest';

export interface TestStack extends LocalStack {
  /** fetch against the local API as a demo user (null: no token). */
  fetchAs(email: string | null, path: string, init?: RequestInit): Promise<Response>;
  /** A JSON request as a demo user: the status and the parsed body (null when empty). */
  jsonAs(
    email: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
}

/**
 * The whole local stack for one test file: free ports, nothing on disk, the run's shared
 * DynamoDB Local with a table of this file's own (deleted when the stack stops), and the demo data
 * loaded. The table has a stream, followed into the overview's rollups, only when the test asks
 * (`followStream: true`): a test that reads the overview's figures.
 */
export async function startTestStack(
  options: Pick<LocalStackOptions, 'maxMessageBytes' | 'routes' | 'followStream'> = {},
): Promise<TestStack> {
  const stack = await startLocalStack({
    ...options,
    followStream: options.followStream ?? false,
    port: 0,
    inMemory: true,
    quiet: true,
    dynamodbEndpoint: inject('dynamoEndpoint'),
    tableName: `api-${randomUUID()}`,
  });
  const tokens = new Map<string, string>();
  const testStack: TestStack = {
    ...stack,
    async stop() {
      await stack.stop();
      // The table is this file's alone: the run's shared DynamoDB Local need not keep it.
      const client = dynamoDbLocalClient(inject('dynamoEndpoint'));
      try {
        await client.send(new DeleteTableCommand({ TableName: stack.env.tableName }));
      } catch (err) {
        if (!(err instanceof ResourceNotFoundException)) throw err;
      } finally {
        client.destroy();
      }
    },
    async fetchAs(email, path, init = {}) {
      const headers = new Headers(init.headers);
      if (email) {
        let token = tokens.get(email);
        if (!token) tokens.set(email, (token = await stack.tokenFor(email)));
        headers.set('authorization', `Bearer ${token}`);
      }
      return fetch(new URL(path, stack.urls.api), { ...init, headers });
    },
    async jsonAs(email, method, path, body) {
      const res = await testStack.fetchAs(email, path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
  };
  return testStack;
}

/**
 * startTestStack for a whole test file, stopped after its last test: call it at the top of the file
 * (`const stack = await useTestStack();`), where its start belongs to the file's set-up.
 */
export async function useTestStack(
  options: Parameters<typeof startTestStack>[0] = {},
): Promise<TestStack> {
  const stack = await startTestStack(options);
  afterAll(async () => {
    await stack.stop();
  });
  return stack;
}
