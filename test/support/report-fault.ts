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

/**
 * A fault the service manager enters for a hospital as reported by phone a minute ago (subsystem
 * s1, reporter 刘洋); `body` adds to it or overrides. The answer as it came, for its status.
 */
export function reportByPhone(stack: TestStack, hospitalId: string, body: Record<string, unknown>) {
  return stack.jsonAs('manager@vendor.example', 'POST', `/api/hospitals/${hospitalId}/tickets`, {
    kind: 'fault',
    severity: 'minor',
    channel: 'phone',
    subsystemId: 's1',
    description: '电话报障',
    reporter: { name: '刘洋', phone: '027-00000000' },
    reportedAt: new Date(stack.now() - 60_000).toISOString(),
    ...body,
  });
}
