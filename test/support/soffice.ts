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
  const dir = mkdtempSync(join(tmpdir(), 'weibao-soffice-'));
  try {
    const input = join(dir, 'document.docx');
    writeFileSync(input, docx);
    const started = performance.now();
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
    const ms = Math.round(performance.now() - started);
    if (out.error && (out.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(installLibreOffice);
    }
    if (out.status !== 0) {
      throw new Error(`soffice failed (${out.status}): ${out.stderr || out.stdout}`);
    }
    try {
      return { bytes: readFileSync(join(dir, `document.${extension}`)), ms };
    } catch {
      throw new Error(`soffice wrote no .${extension}: ${out.stdout} ${out.stderr}`);
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
