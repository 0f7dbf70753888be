import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from '@weibao/local';
import { describe, expect, inject, it } from 'vitest';
import * as z from 'zod';

const contractPath = '/api/hospitals/whzx/contracts/01KAW00000000000000000WHZX';
const obligationsSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), state: z.string(), dueOn: z.string().nullable() }).loose(),
  ),
});

/** A person's `npm start` on a shared table, its clock at `at`. */
function start(tableName: string, at: string) {
  return startLocalStack({
    port: 0,
    inMemory: true,
    quiet: true,
    dynamodbEndpoint: inject('dynamoEndpoint'),
    followStream: false,
    tableName,
    clockStart: at,
    demoDatedFromToday: true,
  });
}

async function read(stack: LocalStack, path: string): Promise<unknown> {
  const token = await stack.tokenFor('admin@vendor.example');
  const res = await fetch(new URL(path, stack.urls.api), {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status, path).toBe(200);
  return res.json();
}

const startsOn = async (stack: LocalStack) =>
  z
    .object({ terms: z.object({ term: z.object({ startsOn: z.string() }) }).loose() })
    .loose()
    .parse(await read(stack, contractPath)).terms.term.startsOn;

describe('the demo data of npm start', () => {
  it('is dated from the day the stack first starts, so the demo contract is in its first quarter with only its first payment overdue, and keeps those dates on later starts', async () => {
    // Prepare
    const tableName = `demo-dates-${randomUUID()}`;

    // Act: a first start on 20 November 2026, then another three months later on the same data
    const first = await start(tableName, '2026-11-20T01:00:00Z');
    let firstStart: string;
    let obligations: z.infer<typeof obligationsSchema>['items'];
    try {
      firstStart = await startsOn(first);
      obligations = obligationsSchema.parse(
        await read(first, `${contractPath}/obligations?limit=100`),
      ).items;
    } finally {
      await first.stop();
    }
    const later = await start(tableName, '2027-02-20T01:00:00Z');
    let laterStart: string;
    try {
      laterStart = await startsOn(later);
    } finally {
      await later.stop();
    }

    // Assess: signed 20 days before the first start; the next items ahead
    expect(firstStart).toBe('2026-10-31');
    expect(obligations.length).toBeGreaterThan(30);
    // Only the first payment, due within days of signing, is late: the hospital's, not a wall of the vendor's
    expect(obligations.filter((o) => o.state === 'overdue').map((o) => o.id)).toEqual([
      'payment-first',
    ]);
    expect(
      obligations.filter((o) => o.dueOn !== null && o.dueOn > '2026-11-20').length,
    ).toBeGreaterThan(0);
    expect(laterStart).toBe('2026-10-31');
  }, 60_000);
});
