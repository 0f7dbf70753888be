import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '@weibao/local';
import { afterAll, inject } from 'vitest';

export interface TestStack extends LocalStack {
  /** fetch against the local API as a demo user (null: no token). */
  fetchAs(email: string | null, path: string, init?: RequestInit): Promise<Response>;
}

/**
 * The whole local stack for one test file: free ports, nothing on disk, the run's shared
 * DynamoDB Local with a table of this file's own, and the demo data loaded.
 */
export async function startTestStack(
  options: Pick<LocalStackOptions, 'maxMessageBytes' | 'routes'> = {},
): Promise<TestStack> {
  const stack = await startLocalStack({
    ...options,
    port: 0,
    inMemory: true,
    quiet: true,
    dynamodbEndpoint: inject('dynamoEndpoint'),
    tableName: `api-${randomUUID()}`,
  });
  const tokens = new Map<string, string>();
  return {
    ...stack,
    async fetchAs(email, path, init = {}) {
      const headers = new Headers(init.headers);
      if (email) {
        let token = tokens.get(email);
        if (!token) tokens.set(email, (token = await stack.tokenFor(email)));
        headers.set('authorization', `Bearer ${token}`);
      }
      return fetch(new URL(path, stack.urls.api), { ...init, headers });
    },
  };
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
