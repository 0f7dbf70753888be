import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@weibao/local';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/weibao.js', import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

interface Run {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  signal(s: NodeJS.Signals): void;
}

/** `weibao start` as `npm start` runs it, in a child process. */
function start(args: string[], env: Record<string, string>): Run {
  // The stack is under test here, not the web build.
  const child = spawn(process.execPath, [bin, 'start', '--no-web-build', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  // Never leave a stack behind, whatever the test did.
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { code, stdout: () => out, stderr: () => err, signal: (s) => child.kill(s) };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('weibao start', () => {
  it('refuses with one line naming the port and how to pick another when the port is taken', async () => {
    // Prepare
    const port = await freePort();
    const blocker: Server = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    cleanups.push(() => new Promise((r) => blocker.close(r)));
    // Act
    const run = start(['--in-memory'], { PORT: String(port) });
    // Assess
    expect(await run.code).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `weibao start: Port ${port} (HTTP API) is already in use: stop what uses it, or move the ` +
        `whole stack with PORT=${port + 100} npm start (ports ${port + 100}–${port + 104})`,
    );
  });

  it('refuses with one line saying how to get Java when it is missing or too old', async () => {
    const noJava = await mkdtemp(join(tmpdir(), 'weibao-no-java-'));
    const oldJava = await mkdtemp(join(tmpdir(), 'weibao-old-java-'));
    cleanups.push(() => rm(noJava, { recursive: true, force: true }));
    cleanups.push(() => rm(oldJava, { recursive: true, force: true }));
    await symlink(process.execPath, join(noJava, 'node'));
    await writeFile(
      join(oldJava, 'java'),
      `#!/bin/sh\necho 'openjdk version "11.0.2" 2019-01-15' >&2\n`,
    );
    await chmod(join(oldJava, 'java'), 0o755);

    for (const [path, found] of [
      [noJava, 'was not found on PATH'],
      [oldJava, 'found Java 11'],
    ] as const) {
      const run = start(['--in-memory'], { PORT: '0', PATH: path });
      expect(await run.code).toBe(1);
      const lines = run.stderr().trim().split('\n');
      expect(lines, run.stderr()).toHaveLength(1);
      expect(lines[0]).toContain('Java 17+ is needed for DynamoDB Local');
      expect(lines[0]).toContain(found);
      expect(lines[0]).toContain('apt-get install openjdk-17-jre-headless');
    }
  });

  it('prints every URL, issues tokens, and stops everything on Ctrl-C with exit code 0', async () => {
    // Prepare
    const run = start(['--in-memory', '--no-seed'], { PORT: '0' });
    await until(() => run.stdout().includes('Ctrl-C stops everything.'), 60_000);
    const banner = run.stdout();
    const url = (label: string) =>
      new RegExp(`^  ${label}\\s+(http://127\\.0\\.0\\.1:\\d+\\S*)`, 'm').exec(banner)?.[1];
    const web = url('Web app');
    const dynamodb = url('DynamoDB');
    for (const label of [
      'API',
      'Health',
      'OpenAPI',
      'Inbox',
      'Webhooks',
      'DynamoDB',
      'S3',
      'SES v2',
      'Scheduler',
    ]) {
      expect(url(label), label).toBeDefined();
    }
    expect(banner).toContain('it@second.example');
    expect(banner).toMatch(/^ {2}SMTP\s+smtp:\/\/127\.0\.0\.1:\d+/m);

    // Act
    const res = await fetch(`${web}local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'manager@vendor.example' }),
    });
    const inbox = await fetch(url('Inbox')!);
    const webhooks = await fetch(url('Webhooks')!, { headers: { accept: 'text/html' } });
    run.signal('SIGINT');

    // Assess
    expect(res.status).toBe(200);
    expect(((await res.json()) as { token: string }).token.split('.')).toHaveLength(3);
    expect(inbox.status).toBe(200);
    expect(webhooks.status).toBe(200);
    expect(await webhooks.text()).toContain('群机器人消息');
    expect(await run.code).toBe(0);
    expect(run.stdout()).toContain('Stopped.');
    await expect(fetch(dynamodb!)).rejects.toThrow();
    await expect(fetch(web!)).rejects.toThrow();
  });
});
