import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BenchStack } from './bench-stack.ts';

/**
 * Puts every item of `source` with BatchWriteItem, 25 a request and `workers` requests at a time,
 * sending unprocessed items again until none is left, then waits until the table's stream reached
 * the rollups (as the Lambda behind the stream would follow on AWS), so nothing measured after it
 * shares the machine with that work. Answers the wall time in ms of each.
 */
export async function batchPut(
  b: BenchStack,
  source: Iterator<Record<string, unknown>>,
  workers = 8,
): Promise<{ writeMs: number; settleMs: number }> {
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const batch: Record<string, unknown>[] = [];
      while (batch.length < 25) {
        const next = source.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) return;
      let pending: Record<string, unknown>[] = batch;
      while (pending.length > 0) {
        const out = await b.db.doc.send(
          new BatchWriteCommand({
            RequestItems: { [b.db.tableName]: pending.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        pending = (out.UnprocessedItems?.[b.db.tableName] ?? []).map(
          (w) => w.PutRequest?.Item as Record<string, unknown>,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const written = performance.now();
  await b.stack.streamDrained();
  return { writeMs: written - started, settleMs: performance.now() - written };
}
