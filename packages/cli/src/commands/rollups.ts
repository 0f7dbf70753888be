import { systemClock } from '@weibao/adapters';
import { hospitalIdSchema } from '@weibao/domain';
import { hospitalById } from '@weibao/store';
import { makeRebuildRollups } from '@weibao/usecases';
import { monotonicFactory } from 'ulid';
import { UsageError, type Command } from '../command.ts';
import { parseOptions, tableTarget, tableTargetHelp, unreachable } from '../table-target.ts';

const usage = `npx weibao rollups rebuild [--hospital ID]\n\n${tableTargetHelp}`;

/**
 * Run once after the deploy that adds the rollups (the table stream only sees later changes), and
 * again after a contract's term is edited or a restore: recomputes from source every cell the
 * overview and the deduction summary show, of one hospital or all. Safe to repeat: a second run writes nothing.
 */
export const command: Command = {
  summary:
    'Recompute the rollups (the overview’s and the deduction summary’s) from the tickets and ledger, of every hospital or one (once after the deploy that adds them, after a contract’s term is edited, after a restore; a second run writes nothing).',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'rebuild')
      throw new UsageError(`say what to do: rollups rebuild [--hospital ID]; usage: ${usage}`);
    const hospitalId = parseOptions(rest, ['hospital'], usage).hospital;
    if (hospitalId !== undefined && !hospitalIdSchema.safeParse(hospitalId).success)
      throw new UsageError(
        `"${hospitalId}" is not a hospital id (2 to 40 of a-z, 0-9 and -); leave out --hospital to rebuild every hospital`,
      );
    const target = tableTarget();
    const ulid = monotonicFactory();
    const deps = { db: target.db, clock: systemClock, ids: { next: () => ulid() } };
    try {
      console.error(`weibao rollups: ${target.describe}`);
      if (hospitalId !== undefined && !(await hospitalById(target.db, hospitalId)))
        throw new UsageError(
          `no hospital ${hospitalId} in the ${target.describe}: check the id (the vendor's 医院 page lists every hospital with its id), or leave out --hospital to rebuild every hospital`,
        );
      const out = await makeRebuildRollups(deps)(hospitalId !== undefined ? { hospitalId } : {});
      console.log(
        `${out.hospitals} hospitals: ${out.written} rollup cells written, ${out.unchanged} unchanged` +
          (out.none > 0
            ? `, ${out.none} skipped (their contract was deleted or ended meanwhile)`
            : '') +
          (hospitalId === undefined ? '; the vendor’s deduction totals set to their sum' : ''),
      );
      return 0;
    } catch (err) {
      if (unreachable(err))
        throw new UsageError(
          `cannot reach the ${target.describe}: is \`npm start\` running (or TABLE_NAME set for AWS)?`,
        );
      throw err;
    } finally {
      target.close();
    }
  },
};
