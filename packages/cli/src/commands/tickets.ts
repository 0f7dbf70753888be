import { indexTicketSearch } from '@weibao/store';
import { UsageError, type Command } from '../command.ts';
import { tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao tickets index\n\n${tableTargetHelp}`;

/**
 * Run once after the deploy that adds gsi5 (every hospital's tickets by report time): gives the
 * tickets written before it their entry there, which 工单查询 across hospitals reads. Safe to
 * repeat.
 */
export const command: Command = {
  summary:
    'Index the tickets written before gsi5 for 工单查询 across hospitals (once after the deploy that adds it; safe to repeat).',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'index' || rest.length > 0)
      throw new UsageError(`say what to do: tickets index; usage: ${usage}`);
    const target = tableTarget();
    try {
      console.error(`weibao tickets: ${target.describe}`);
      const { tickets, skipped } = await indexTicketSearch(target.db);
      console.log(
        `indexed ${tickets} tickets for 工单查询 across hospitals; ${skipped} were indexed already or changed meanwhile (their change indexed them)`,
      );
      return 0;
    } finally {
      target.close();
    }
  },
};
