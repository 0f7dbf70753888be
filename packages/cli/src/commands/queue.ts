import { reshardLegacyQueue } from '@weibao/store';
import { UsageError, type Command } from '../command.ts';
import { tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao queue reshard\n\n${tableTargetHelp}`;

/**
 * Run once after the deploy that shards the vendor's queue: moves open tickets from the old single
 * `QUEUE` partition of gsi1 to their `QUEUE#<shard>`. Safe to repeat.
 */
export const command: Command = {
  summary:
    'Move open tickets of the old single queue partition to their shards (once after the deploy that shards the queue; safe to repeat).',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'reshard' || rest.length > 0)
      throw new UsageError(`say what to do: queue reshard; usage: ${usage}`);
    const target = tableTarget();
    try {
      console.error(`weibao queue: ${target.describe}`);
      const { moved, skipped } = await reshardLegacyQueue(target.db);
      console.log(
        `moved ${moved} open tickets to their queue shards; ${skipped} changed meanwhile and were stored in their shard by that change`,
      );
      return 0;
    } finally {
      target.close();
    }
  },
};
