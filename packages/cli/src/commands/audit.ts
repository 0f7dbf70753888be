import { verifyAuditChain, writeAuditCheckpoint } from '@weibao/store';
import { UsageError, type Command } from '../command.ts';
import { hospitalOption, parseOptions, tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao audit verify|checkpoint --hospital ID\n\n${tableTargetHelp}`;

/**
 * Checks a hospital's audit lanes record by record and against its checkpoints; `checkpoint`
 * verifies and then writes a new checkpoint (docs/data-model.md says how both are built).
 */
export const command: Command = {
  summary:
    'Verify the hash chains (lanes) of a hospital’s audit log: OK with the count, or the first broken link (exit code 1); `checkpoint` also records a checkpoint.',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'verify' && sub !== 'checkpoint')
      throw new UsageError(`say what to do: audit verify or audit checkpoint; usage: ${usage}`);
    const hospitalId = hospitalOption(parseOptions(rest, ['hospital'], usage).hospital, usage);
    const target = tableTarget();
    try {
      console.error(`weibao audit: ${target.describe}`);
      const verdict =
        sub === 'verify'
          ? await verifyAuditChain(target.db, hospitalId)
          : await writeAuditCheckpoint(target.db, hospitalId, new Date());
      if (verdict.ok) {
        console.log(
          `OK: ${verdict.count} audit records of hospital ${hospitalId} in ${verdict.lanes} lanes, every lane intact and ending at its item's head, ${verdict.checkpoints} checkpoints match`,
        );
        if ('cutoff' in verdict && verdict.cutoff)
          console.log(`checkpoint: every record before ${verdict.cutoff}`);
        return 0;
      }
      console.log(
        `BROKEN in lane ${verdict.lane || '(checkpoints)'} at seq ${verdict.seq}: ${verdict.problem}: ${verdict.detail} (${verdict.count} records before it are intact)`,
      );
      return 1;
    } finally {
      target.close();
    }
  },
};
