import { indexRemovedHospitals } from '@weibao/store';
import { UsageError, type Command } from '../command.ts';
import { tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao hospitals index-removed\n\n${tableTargetHelp}`;

/**
 * Run once after the deploy that keeps the list of removed hospitals: gives the hospitals removed
 * before it their entry there, so the vendor-wide lists leave their records out. Safe to repeat.
 */
export const command: Command = {
  summary:
    'List the hospitals removed before the list of removed hospitals was kept, so the queue, the open obligations and 工单查询 leave them out (once after the deploy that adds it; reads the whole table; safe to repeat).',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'index-removed' || rest.length > 0)
      throw new UsageError(`say what to do: hospitals index-removed; usage: ${usage}`);
    const target = tableTarget();
    try {
      console.error(`weibao hospitals: ${target.describe}`);
      const { hospitals, skipped } = await indexRemovedHospitals(target.db);
      console.log(
        `listed ${hospitals} removed hospitals; ${skipped} changed meanwhile (their change listed them)`,
      );
      return 0;
    } finally {
      target.close();
    }
  },
};
