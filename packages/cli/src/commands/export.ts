import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { exportLine, hospitalItems } from '@weibao/store';
import type { Command } from '../command.ts';
import { hospitalOption, parseOptions, tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao export --hospital ID [--out FILE]\n\n${tableTargetHelp}`;

/** Everything of one hospital, for the hospital (its own data) or for a restore with `import`. */
export const command: Command = {
  summary:
    'Write every item of one hospital (all its partitions: data, audit log, …) as JSON lines in DynamoDB JSON, to FILE or stdout.',
  usage,
  async run(args) {
    const options = parseOptions(args, ['hospital', 'out'], usage);
    const hospitalId = hospitalOption(options.hospital, usage);
    const target = tableTarget();
    const out: Writable = options.out
      ? createWriteStream(options.out, { mode: 0o600 })
      : process.stdout;
    try {
      console.error(`weibao export: ${target.describe}`);
      let count = 0;
      for await (const item of hospitalItems(target.db, hospitalId)) {
        if (!out.write(`${exportLine(item)}\n`)) await once(out, 'drain');
        count += 1;
      }
      if (options.out) {
        out.end();
        await finished(out);
      }
      console.error(
        `weibao export: ${count} items of hospital ${hospitalId}${options.out ? ` in ${options.out}` : ''}`,
      );
      return 0;
    } finally {
      target.close();
    }
  },
};
