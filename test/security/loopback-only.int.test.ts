import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();

/** Whether a TCP connection to host:port is taken. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('the local stack', () => {
  it('listens on 127.0.0.1 only: API, DynamoDB Local, S3, SES, the Scheduler and SMTP refuse another address', async () => {
    // Prepare: each stand-in's port. A socket bound to every interface also answers on
    // 127.0.0.2 (all of 127/8 is this machine on Linux); one bound to 127.0.0.1 does not.
    const { api, dynamodb, s3, sesv2, scheduler, smtp } = stack.urls;
    const ports = Object.entries({ api, dynamodb, s3, sesv2, scheduler, smtp }).map(
      ([name, url]) => [name, Number(new URL(url).port)] as const,
    );
    // Act
    const answers = await Promise.all(
      ports.map(async ([name, port]) => ({
        name,
        loopback: await reachable('127.0.0.1', port),
        other: await reachable('127.0.0.2', port),
      })),
    );
    // Assess
    expect(answers).toEqual(ports.map(([name]) => ({ name, loopback: true, other: false })));
  });
});
