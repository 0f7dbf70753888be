import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const keyFileName = 'link-signing-key';

/**
 * The local key of signed links: 32 random bytes, base64, made once and kept under keyDir so links
 * in the local inbox survive a restart (memory only when keyDir is undefined). Local mode only.
 */
export async function loadOrCreateLinkKey(keyDir: string | undefined): Promise<string> {
  if (keyDir) {
    try {
      const stored = (await readFile(join(keyDir, keyFileName), 'utf8')).trim();
      if (Buffer.from(stored, 'base64').length >= 32) return stored;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const key = randomBytes(32).toString('base64');
  if (keyDir) {
    // Written whole, then renamed, so a crash leaves no half key.
    await mkdir(keyDir, { recursive: true });
    const tmp = join(keyDir, `${keyFileName}.${process.pid}.tmp`);
    await writeFile(tmp, key, { mode: 0o600 });
    await rename(tmp, join(keyDir, keyFileName));
  }
  return key;
}
