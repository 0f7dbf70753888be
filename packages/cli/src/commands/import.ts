import { readFile } from 'node:fs/promises';
import { ImportRefusedError, importHospitalItems, parseExportLine } from '@weibao/store';
import { UsageError, type Command } from '../command.ts';
import { parseOptions, tableTarget, tableTargetHelp } from '../table-target.ts';

const usage = `npx weibao import --file FILE\n\n${tableTargetHelp}`;

/** Restores one hospital's export; refuses a table that already holds anything of that hospital. */
export const command: Command = {
  summary:
    'Restore one hospital from a file `weibao export` wrote, into a table that holds nothing of that hospital yet.',
  usage,
  async run(args) {
    const { file } = parseOptions(args, ['file'], usage);
    if (!file) throw new UsageError(`name the export with --file FILE; usage: ${usage}`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const lines = text.split('\n');
    const items = [];
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      try {
        items.push(parseExportLine(line, i + 1));
      } catch (err) {
        throw new UsageError(`${file} ${(err as Error).message}`);
      }
    }
    const target = tableTarget();
    try {
      console.error(`weibao import: ${target.describe}`);
      const { hospitalId, count, intakeLocalPart } = await importHospitalItems(target.db, items);
      console.log(
        `imported ${count} items of hospital ${hospitalId}` +
          (intakeLocalPart ? `; its mail arrives at ${intakeLocalPart}@ again` : ''),
      );
      return 0;
    } catch (err) {
      if (err instanceof ImportRefusedError) throw new UsageError(err.message);
      throw err;
    } finally {
      target.close();
    }
  },
};
