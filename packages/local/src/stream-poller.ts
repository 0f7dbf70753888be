import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { dynamoDbLocalClient } from './dynamodb-local.ts';
import { localCredentials, localRegion } from './env.ts';

export interface StreamPoller {
  /** The table existed without a stream: its older records are in none, and need a rebuild. */
  streamAddedToExistingTable: boolean;
  /** Resolves once every record written before the call has been handed to `deliver`. */
  drained(): Promise<void>;
  /**
   * Holds the poller after its current round, until the answered function is called: what runs
   * meanwhile is measured without the rollups' work (the bench's metered calls).
   */
  pause(): Promise<() => void>;
  stop(): Promise<void>;
}

/**
 * The table stream's event source mapping, locally: every `intervalMs` reads each shard of DynamoDB
 * Local's stream (new shards too, after a split) and hands each non-empty batch to `deliver`, as
 * Lambda would with a DynamoDBStreamEvent. A failed batch is delivered again on the next round
 * (Lambda retries too); the iterator moves on only after a delivery succeeded.
 */
export async function startStreamPoller(options: {
  endpoint: string;
  tableName: string;
  deliver: (records: _Record[]) => Promise<void>;
  intervalMs?: number;
  log?: (line: string) => void;
}): Promise<StreamPoller> {
  const table = dynamoDbLocalClient(options.endpoint);
  let described = await table.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamAddedToExistingTable = !described.Table?.StreamSpecification?.StreamEnabled;
  if (streamAddedToExistingTable) {
    // A table kept on disk from before the stream: given one (its older items are in no stream).
    await table.send(
      new UpdateTableCommand({
        TableName: options.tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    described = await table.send(new DescribeTableCommand({ TableName: options.tableName }));
  }
  table.destroy();
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream: create it with one`);
  const client = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  // Per shard: the iterator to read next, or null once a closed shard is read to its end.
  const iterators = new Map<string, string | null>();
  let stopped = false;
  let round: Promise<void> = Promise.resolve();

  const readRound = async () => {
    const shards = [];
    let start: string | undefined;
    do {
      const out = await client.send(
        new DescribeStreamCommand({
          StreamArn: streamArn,
          ...(start ? { ExclusiveStartShardId: start } : {}),
        }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const shard of shards) {
      const id = shard.ShardId as string;
      if (!iterators.has(id)) {
        const it = await client.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: id,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        iterators.set(id, it.ShardIterator ?? null);
      }
      let iterator = iterators.get(id);
      while (iterator && !stopped) {
        let out;
        try {
          out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        } catch (err) {
          if (!(err instanceof ExpiredIteratorException)) throw err;
          iterators.delete(id);
          break;
        }
        const records = out.Records ?? [];
        if (records.length > 0) await options.deliver(records.map(withNulls));
        iterator = out.NextShardIterator ?? null;
        iterators.set(id, iterator);
        if (records.length === 0) break;
      }
    }
  };

  const interval = options.intervalMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let started = 0;
  let finished = 0;
  const waiting: { round: number; resolve: () => void }[] = [];
  let paused = false;
  const schedule = () => {
    if (stopped || paused) return;
    timer = setTimeout(() => {
      started += 1;
      const mine = started;
      round = readRound()
        .catch((err: unknown) => options.log?.(`[local] stream poller: ${String(err)}`))
        .finally(() => {
          finished = mine;
          for (const w of waiting.splice(0)) {
            if (w.round <= finished) w.resolve();
            else waiting.push(w);
          }
          schedule();
        });
    }, interval);
  };
  schedule();

  return {
    streamAddedToExistingTable,
    drained() {
      // The next round to start reads everything written before this call.
      const target = started + 1;
      if (stopped) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ round: target, resolve }));
    },
    async pause() {
      paused = true;
      clearTimeout(timer);
      await round;
      return () => {
        paused = false;
        schedule();
      };
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      for (const w of waiting.splice(0)) w.resolve();
      client.destroy();
    },
  };
}

/**
 * The streams client hands a NULL attribute over as `{}` (seen with DynamoDB Local): made
 * `{ NULL: true }` again, as Lambda's event carries it, so the images unmarshall.
 */
function withNulls(record: _Record): _Record {
  const fix = (value: unknown): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return { NULL: true };
    const [[type, inner]] = entries as [[string, unknown]];
    if (type === 'M' && inner && typeof inner === 'object')
      return { M: fixImage(inner as Record<string, unknown>) };
    if (type === 'L' && Array.isArray(inner)) return { L: inner.map(fix) };
    return value;
  };
  const fixImage = (image: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(image).map(([k, v]) => [k, fix(v)]));
  const d = record.dynamodb;
  if (!d) return record;
  return {
    ...record,
    dynamodb: {
      ...d,
      ...(d.OldImage ? { OldImage: fixImage(d.OldImage) as typeof d.OldImage } : {}),
      ...(d.NewImage ? { NewImage: fixImage(d.NewImage) as typeof d.NewImage } : {}),
    },
  };
}
