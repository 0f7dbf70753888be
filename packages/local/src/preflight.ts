import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** A reason the local stack cannot start, written as one line that says what to do. */
export class LocalStackError extends Error {
  override name = 'LocalStackError';
}

export const javaInstallHint =
  'apt-get install openjdk-17-jre-headless (macOS: brew install openjdk@17)';

/** The major version in `java -version` output: 'version "17.0.15"' → 17, 'version "1.8.0_392"' → 8. */
export function javaMajorVersion(output: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** DynamoDB Local needs Java 17 or later; say so in one line before anything starts. */
export function assertJava17(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error) {
    throw new LocalStackError(
      `Java 17+ is needed for DynamoDB Local and \`java\` was not found on PATH: ${javaInstallHint}`,
    );
  }
  const major = javaMajorVersion(`${result.stderr}\n${result.stdout}`);
  if (major === undefined || major < 17) {
    const found = major === undefined ? 'an unknown version' : `Java ${major}`;
    throw new LocalStackError(
      `Java 17+ is needed for DynamoDB Local, found ${found}: ${javaInstallHint}`,
    );
  }
}

function tryListen(port: number, host: string | undefined): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** Whether nothing listens on the port, on loopback or on all interfaces. */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of ['127.0.0.1', undefined]) {
    const err = await tryListen(port, host);
    if (err?.code === 'EADDRINUSE' || err?.code === 'EACCES') return false;
    if (err && err.code !== 'EAFNOSUPPORT' && err.code !== 'EADDRNOTAVAIL') throw err;
  }
  return true;
}

/** A port the system just handed out; free unless someone takes it in the next instant. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export function portTakenMessage(port: number, component: string, basePort: number): string {
  const suggestion = basePort + 100;
  return (
    `Port ${port} (${component}) is already in use: stop what uses it, or move the whole stack ` +
    `with PORT=${suggestion} npm start (ports ${suggestion}–${suggestion + 4})`
  );
}

export async function assertPortsFree(
  ports: readonly { port: number; component: string }[],
  basePort: number,
): Promise<void> {
  for (const { port, component } of ports) {
    if (!(await isPortFree(port)))
      throw new LocalStackError(portTakenMessage(port, component, basePort));
  }
}

/**
 * A port the system hands out, kept bound until `release` (right before its server listens): no
 * other stack's choice and no outgoing connection can take it in between, as they could take a
 * port `freePort` already let go of.
 */
export function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) {
        server.close();
        reject(new Error('no port'));
        return;
      }
      let released: Promise<void> | undefined;
      resolve({
        port: address.port,
        release: () => (released ??= new Promise<void>((done) => server.close(() => done()))),
      });
    });
  });
}
