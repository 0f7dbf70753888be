import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { keys, makeDb, rollupAt } from '@weibao/store';
import { makeFullVendorOverview } from '@weibao/usecases';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamoDbLocalClient, startDynamoDbLocal } from './dynamodb-local.ts';
import { startLocalStack } from './stack.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'weibao-rollups-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const port = Number(process.env.PORT ?? 3000) + 60;

describe('the local stack on a table kept on disk from before the stream', () => {
  it('adds the stream and rolls the overview up from the records the stream never saw', async () => {
    // Prepare: a stack's demo data on disk, then the table's stream taken away and the open cell
    // of 武汉市中心医院 deleted if there was one, as a table from before the rollups would be.
    const first = await startLocalStack({ port, dataDir, quiet: true });
    await first.streamDrained();
    await first.stop();
    const ddb = await startDynamoDbLocal({ port: port + 1, dataDir: join(dataDir, 'dynamodb') });
    const client = dynamoDbLocalClient(ddb.endpoint);
    const db = makeDb('weibao', client);
    try {
      await db.doc.send(new DeleteCommand({ TableName: 'weibao', Key: keys.rollupOpen('whzx') }));
      await client.send(
        new UpdateTableCommand({
          TableName: 'weibao',
          StreamSpecification: { StreamEnabled: false },
        }),
      );
    } finally {
      client.destroy();
      await ddb.stop();
    }
    // Act
    const second = await startLocalStack({ port, dataDir, quiet: true });
    try {
      const reader = makeDb('weibao', dynamoDbLocalClient(second.env.endpoints.dynamodb));
      // Assess: the cell is there, as a full recompute of the records on disk counts
      const full = await makeFullVendorOverview({
        db: reader,
        clock: { now: () => new Date(second.now()) },
        ids: { next: () => 'unused' },
      })();
      const whzx = full.hospitals.find((h) => h.hospitalId === 'whzx');
      expect(whzx).toBeDefined();
      expect((await rollupAt(reader, keys.rollupOpen('whzx')))?.figures).toEqual(whzx?.open);
      reader.raw.destroy();
    } finally {
      await second.stop();
    }
  }, 120_000);
});
