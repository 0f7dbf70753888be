import { ticketWithSlaSchema } from '@weibao/api';
import { expect } from 'vitest';
import type { TestStack } from './stack.ts';

/** A fault of 武汉市中心医院 the demo engineer reports by phone (subsystem s2); `body` adds to it. */
export async function reportWhzxFault(stack: TestStack, body: Record<string, unknown>) {
  const res = await stack.fetchAs('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'fault', subsystemId: 's2', description: '电话报障', ...body }),
  });
  expect(res.status).toBe(201);
  return ticketWithSlaSchema.parse(await res.json()).ticket;
}
