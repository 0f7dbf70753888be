import { verifyAuditChain } from '@weibao/store';
import { UsageError, type Command } from '../command.ts';
import { hospitalOption, parseOptions, tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao audit verify --hospital ID\n\n${tableTargetHelp}`;

/** Checks a hospital's audit hash chain record by record (docs/data-model.md says how it is built). */
export const command: Command = {
  summary:
    'Verify the hash chain of a hospital’s audit log: OK with the count, or the first broken link (exit code 1).',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw new UsageError(`say what to do: audit verify; usage: ${usage}`);
    const hospitalId = hospitalOption(parseOptions(rest, ['hospital'], usage).hospital, usage);
    const target = tableTarget();
    try {
      console.error(`weibao audit: ${target.describe}`);
      const verdict = await verifyAuditChain(target.db, hospitalId);
      if (verdict.ok) {
        console.log(
          `OK: ${verdict.count} audit records of hospital ${hospitalId}, chain intact up to seq ${verdict.head.seq} (${verdict.head.hash})`,
        );
        return 0;
      }
      console.log(
        `BROKEN at seq ${verdict.seq}: ${verdict.problem}: ${verdict.detail} (${verdict.count} records before it are intact)`,
      );
      return 1;
    } finally {
      target.close();
    }
  },
};
