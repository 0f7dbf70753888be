import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const installLibreOffice =
  'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui';

/** Throws one line with the fix when soffice is missing (CI installs it). */
export function assertSoffice(): void {
  const probe = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error || probe.status !== 0) throw new Error(installLibreOffice);
}

export interface Converted {
  /** The converted file's bytes. */
  bytes: Buffer;
  /** Wall-clock time of the conversion, for the report. */
  ms: number;
}

/**
 * Opens a DOCX in headless LibreOffice as a hospital would and saves it as `filter` (e.g.
 * 'txt:Text (encoded):UTF8' or 'pdf'). Each call has its own temp dir and user profile, so
 * parallel test files never share LibreOffice's lock.
 */
export function convertDocx(docx: Buffer, filter: string, extension: string): Converted {
  const started = performance.now();
  const bytes = convertWithSoffice(docx, 'document.docx', filter, extension, (out) => {
    throw new Error(`soffice wrote no .${extension} (${out})`);
  });
  return { bytes, ms: Math.round(performance.now() - started) };
}

/**
 * Runs headless LibreOffice on one file in a temp dir of its own (with its own user profile, so
 * parallel test files never share LibreOffice's lock) and returns the converted file's bytes;
 * `missing` says why when soffice wrote nothing.
 */
function convertWithSoffice(
  bytes: Buffer,
  name: string,
  filter: string,
  extension: string,
  missing: (output: string) => never,
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'weibao-soffice-'));
  try {
    const input = join(dir, name);
    writeFileSync(input, bytes);
    const out = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        filter,
        '--outdir',
        dir,
        input,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (out.error && (out.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(installLibreOffice);
    }
    try {
      return readFileSync(join(dir, name.replace(/\.[^.]+$/, `.${extension}`)));
    } catch {
      return missing(`exit ${out.status}: ${`${out.stdout} ${out.stderr}`.trim()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The document's text as LibreOffice reads it (tables: one cell paragraph per line). */
export function docxText(docx: Buffer): { text: string; ms: number } {
  const { bytes, ms } = convertDocx(docx, 'txt:Text (encoded):UTF8', 'txt');
  return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), ms };
}

export const installLibreOfficeCalc =
  'LibreOffice Calc is not installed, so an .xlsx cannot be opened: apt-get install libreoffice-calc-nogui';

/** One CSV text as rows of cells: quoted cells, doubled quotes and line breaks inside quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * An .xlsx as LibreOffice Calc opens it, first sheet as rows of cell texts (numbers as Calc writes
 * them, unformatted): what a finance office sees, not what our own code wrote.
 */
export function xlsxRows(xlsx: Buffer): string[][] {
  // CSV: comma, double quote, UTF-8 (76), from the first line
  const csv = convertWithSoffice(
    xlsx,
    'export.xlsx',
    'csv:Text - txt - csv (StarCalc):44,34,76,1',
    'csv',
    // soffice without Calc answers "source file could not be loaded" and writes nothing
    (output) => {
      throw new Error(`${installLibreOfficeCalc} (${output})`);
    },
  );
  return csvRows(csv.toString('utf8').replace(/^\uFEFF/, ''));
}
