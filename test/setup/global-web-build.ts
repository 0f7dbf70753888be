// The browser tests run against web/dist as the local server serves it. Build it once per run,
// and only when a source is newer than the last build (`npm test` has just built it).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../../web/', import.meta.url));
const builtIndex = join(web, 'dist', 'index.html');
const vite = join(
  createRequire(import.meta.url).resolve('vite/package.json'),
  '..',
  'bin',
  'vite.js',
);

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(
    s.mtimeMs,
    ...readdirSync(path)
      .filter((n) => n !== 'node_modules' && n !== 'dist')
      .map((n) => newestMtime(join(path, n))),
  );
}

/** Sources of the bundle: the SPA and the route table and rules it imports. */
function sourcesNewerThanBuild(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const sources = [
    join(web, 'src'),
    join(web, 'public'),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(web, '..', 'packages', 'api', 'src'),
    join(web, '..', 'packages', 'domain', 'src'),
  ].filter(existsSync);
  return sources.some((s) => newestMtime(s) > built);
}

export default function setup(): void {
  if (!sourcesNewerThanBuild()) return;
  // A child process: vitest sets NODE_ENV=test, which would give React's development build.
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
