import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freePort,
  isPortFree,
  javaMajorVersion,
  portTakenMessage,
  reservePort,
} from './preflight.ts';

describe('javaMajorVersion', () => {
  it('reads modern and Java 8 style version strings', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('java version "1.8.0_392"')).toBe(8);
    expect(javaMajorVersion('openjdk version "11.0.2" 2019-01-15')).toBe(11);
    expect(javaMajorVersion('no java here')).toBeUndefined();
  });
});

describe('ports', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('tells a taken port from a free one', async () => {
    const port = await freePort();
    expect(await isPortFree(port)).toBe(true);
    const server = createServer().listen(port, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    expect(await isPortFree(port)).toBe(false);
  });

  it('keeps a reserved port taken until it is released, then it is free for its server', async () => {
    const reserved = await reservePort();
    expect(await isPortFree(reserved.port)).toBe(false);
    await reserved.release();
    await reserved.release();
    expect(await isPortFree(reserved.port)).toBe(true);
  });

  it('says in one line which port is taken and how to pick others', () => {
    const line = portTakenMessage(3000, 'HTTP API', 3000);
    expect(line).not.toContain('\n');
    expect(line).toContain('Port 3000 (HTTP API)');
    expect(line).toContain('PORT=3100 npm start');
  });
});
