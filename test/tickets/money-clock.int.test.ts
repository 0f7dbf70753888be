import { describe, expect, it } from 'vitest';
import {
  ledgerEntrySchema,
  listOf,
  ticketSchema,
  ticketWithSlaSchema,
  vendorOverviewSchema,
} from '@weibao/api';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack({ followStream: true });

const contractId = '01KAW00000000000000000WHZX';

async function get(path: string, email = 'admin@vendor.example') {
  const res = await stack.fetchAs(email, path);
  expect(res.status).toBe(200);
  return (await res.json()) as unknown;
}

/** A serious fault reported by phone `agoMinutes` before the stack's clock, still unanswered. */
async function seriousPhoneReport(agoMinutes: number, title: string) {
  const res = await stack.fetchAs('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'fault',
      severity: 'serious',
      channel: 'phone',
      subsystemId: 's2',
      title,
      description: '电话报障：临床路径无法入径。',
      reportedAt: new Date(stack.now() - agoMinutes * 60_000).toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  return ticketWithSlaSchema.parse(await res.json());
}

const overviewOfWhzx = async () => {
  // The overview reads rollups, which follow the table's stream.
  await stack.streamDrained();
  const o = vendorOverviewSchema.parse(await get('/api/overview?limit=100'));
  return o.hospitals.find((h) => h.hospitalId === 'whzx')?.quarters.at(-1);
};
const listed = async (path: string, ticketId: string) =>
  listOf(ticketSchema)
    .parse(await get(path))
    .items.find((t) => t.id === ticketId);

describe('one clock for the money (扣款 and 超时 on the same ticket)', () => {
  it('gives a fresh serious fault the 60-minute deduction as its next deadline, in the view, the list and the queue', async () => {
    // Act
    const { ticket, deadlines } = await seriousPhoneReport(1, '医嘱打印格式错乱（扣款时限）');
    // Assess
    const due = new Date(Date.parse(ticket.reportedAt) + 60 * 60_000).toISOString();
    expect(deadlines?.next).toMatchObject({
      kind: 'deduction',
      name: '响应超时扣款',
      deadline: due,
      state: 'pending',
      whenPassed: { state: 'deducted', amountFen: 188_000 },
    });
    const view = ticketWithSlaSchema.parse(await get(`/api/hospitals/whzx/tickets/${ticket.id}`));
    expect(view.deadlines?.next?.name).toBe('响应超时扣款');
    for (const path of ['/api/hospitals/whzx/tickets?limit=100', '/api/queue?limit=100']) {
      expect(await listed(path, ticket.id)).toMatchObject({
        nextDeadline: due,
        nextDeadlineFor: { kind: 'deduction', name: '响应超时扣款' },
      });
    }
  });

  it('shows a serious fault unanswered for 61 minutes with the deduction passed and booked, and the overview counting it as 超时', async () => {
    // Prepare
    const before = await overviewOfWhzx();
    // Act
    const { ticket } = await seriousPhoneReport(61, '临床路径入径失败（61分钟未响应）');
    const view = ticketWithSlaSchema.parse(await get(`/api/hospitals/whzx/tickets/${ticket.id}`));
    const after = await overviewOfWhzx();
    const ledger = listOf(ledgerEntrySchema).parse(
      await get(`/api/hospitals/whzx/contracts/${contractId}/ledger`),
    ).items;
    // Assess: the deduction deadline has passed and the entry is in the ledger
    expect(view.deadlines?.deadlines.find((d) => d.kind === 'deduction')).toMatchObject({
      name: '响应超时扣款',
      state: 'passed',
    });
    expect(
      ledger.filter((e) => e.ticketId === ticket.id).map((e) => [e.ruleId, e.amountFen]),
    ).toEqual([['late-response', 188_000]]);
    // The 2-hour target is not broken yet, and it is what comes next
    expect(view.sla?.clocks.find((c) => c.kind === 'response')?.state).toBe('pending');
    expect(view.deadlines?.next).toMatchObject({ name: '响应时限', state: 'pending' });
    expect(await listed('/api/queue?limit=100', ticket.id)).toMatchObject({
      nextDeadlineFor: { kind: 'sla', name: '响应时限' },
    });
    // The overview agrees with the ledger: one more 超时, 达标率 below 100%
    expect(after?.breached).toBe((before?.breached ?? 0) + 1);
    expect(after?.breached).toBeGreaterThanOrEqual(1);
    expect(after?.compliantBp).toBeLessThan(10_000);
    expect(after?.deductionsFen).toBe((before?.deductionsFen ?? 0) + 188_000);
  });
});
