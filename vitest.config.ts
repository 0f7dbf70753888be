import { defineConfig } from 'vitest/config';

const ignored = ['**/node_modules/**', '**/cdk.out/**', '.data/**'];

// The test tier is in the file name: *.test.ts (unit), *.int.test.ts (local stand-ins),
// *.e2e.test.ts (the built SPA in Chromium against the local stack).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // CDK synth inside a test takes seconds on a busy 2-core machine.
          testTimeout: 30_000,
          include: ['**/*.test.ts'],
          exclude: [...ignored, '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          globalSetup: ['test/setup/global-dynamodb.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude: ignored,
          // In order: Chromium present (else one line and stop), web/dist current, DynamoDB Local.
          globalSetup: [
            'test/setup/global-chromium.ts',
            'test/setup/global-web-build.ts',
            'test/setup/global-dynamodb.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A screen that changes after a save waits for a refetch through the whole stack; with
          // Chromium, the stack and DynamoDB Local sharing two cores that takes seconds, not the
          // 1 s vitest gives expect.poll by default (a work record's obligation state missed it).
          expect: { poll: { timeout: 10_000, interval: 100 } },
        },
      },
    ],
  },
});
