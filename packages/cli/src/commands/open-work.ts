import { indexOpenWork } from '@weibao/store';
import { UsageError, type Command } from '../command.ts';
import { tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao open-work index\n\n${tableTargetHelp}`;

/**
 * Run once after the deploy that adds gsi4 (a hospital's open work): gives the open tickets and
 * open obligations written before it their entry there, which an engineer limited to some
 * hospitals reads. Safe to repeat.
 */
export const command: Command = {
  summary:
    'Index the open tickets and obligations written before gsi4 in their hospital’s open work (once after the deploy that adds it; safe to repeat).',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'index' || rest.length > 0)
      throw new UsageError(`say what to do: open-work index; usage: ${usage}`);
    const target = tableTarget();
    try {
      console.error(`weibao open-work: ${target.describe}`);
      const { tickets, obligations, skipped } = await indexOpenWork(target.db);
      console.log(
        `indexed ${tickets} open tickets and ${obligations} open obligations in their hospital’s open work; ${skipped} were indexed already or changed meanwhile (their change indexed them)`,
      );
      return 0;
    } finally {
      target.close();
    }
  },
};
