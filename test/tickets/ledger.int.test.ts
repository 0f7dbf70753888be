import { describe, expect, it } from 'vitest';
import {
  deductionSummarySchema,
  ledgerEntrySchema,
  listOf,
  noticeSchema,
  ticketWithSlaSchema,
} from '@weibao/api';
import { periodContaining, quarterPeriods } from '@weibao/domain';
import { demoContracts } from '@weibao/usecases';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack({ followStream: true });

/** 武汉市中心医院's contract quarter of today (北京时间), as the demo contract's term counts it. */
function whzxQuarterNow() {
  const today = new Date(stack.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const terms = demoContracts.find((c) => c.hospitalId === 'whzx')!.terms;
  const period = periodContaining(quarterPeriods(terms.term), today);
  if (!period) throw new Error(`the demo contract has no quarter on ${today}`);
  return period;
}

const contractId = '01KAW00000000000000000WHZX';
const ledgerPath = `/api/hospitals/whzx/contracts/${contractId}/ledger`;

const json = (email: string | null, method: string, path: string, body?: unknown) =>
  stack.jsonAs(email, method, path, body);

async function lateReport(
  title: string,
  severity: 'fatal' | 'serious' = 'serious',
  agoMinutes = 61,
) {
  // Reported by phone 61 minutes ago and not yet answered: the late-response rule (60 minutes, any severity) applies at once.
  const res = await json('engineer@vendor.example', 'POST', '/api/hospitals/whzx/tickets', {
    kind: 'fault',
    severity,
    channel: 'phone',
    subsystemId: 's2',
    title,
    description: '临床路径无法入径',
    reportedAt: new Date(stack.now() - agoMinutes * 60_000).toISOString(),
  });
  expect(res.status).toBe(201);
  return ticketWithSlaSchema.parse(res.body).ticket;
}

describe('the deduction ledger', () => {
  it('books a serious fault answered after more than an hour at 1% of the total, though its own SLA target is two hours', async () => {
    const ticket = await lateReport('临床路径入径失败（严重）');
    const entries = listOf(ledgerEntrySchema).parse(
      (await json('it@whch.example', 'GET', ledgerPath)).body,
    ).items;
    const entry = entries.find((e) => e.ticketId === ticket.id);
    expect(entry).toMatchObject({
      ruleId: 'late-response',
      amountFen: 188_000,
      severity: 'serious',
    });
    expect(entry?.sourceText).toContain('扣减1%合同款');
  });

  it('keeps a dispute and its outcome on the entry, decided by the other party, and sums what stands', async () => {
    const ticket = await lateReport('临床路径入径失败（争议）');
    const entry = listOf(ledgerEntrySchema)
      .parse((await json('manager@vendor.example', 'GET', ledgerPath)).body)
      .items.find((e) => e.ticketId === ticket.id);
    if (!entry) throw new Error('no entry booked');

    const raised = await json(
      'manager@vendor.example',
      'POST',
      `${ledgerPath}/${entry.id}/disputes`,
      { action: 'raise', version: entry.version, reason: '医院电话记录时间有误' },
    );
    expect(raised.status).toBe(200);
    const afterRaise = ledgerEntrySchema.parse(raised.body);
    const selfDecide = await json(
      'manager@vendor.example',
      'POST',
      `${ledgerPath}/${entry.id}/disputes`,
      {
        action: 'decide',
        version: afterRaise.version,
        disputeId: 'd1',
        upheld: true,
        note: '自己裁决',
      },
    );
    expect(selfDecide.status).toBe(403);
    const decided = await json('it@whch.example', 'POST', `${ledgerPath}/${entry.id}/disputes`, {
      action: 'decide',
      version: afterRaise.version,
      disputeId: 'd1',
      upheld: true,
      note: '核实通话记录，同意撤销',
    });
    expect(decided.status).toBe(200);
    expect(ledgerEntrySchema.parse(decided.body).disputes[0]?.outcome).toMatchObject({
      upheld: true,
    });

    // The summary, from the rollups once the stream reached them: the contract quarter of today
    await stack.streamDrained();
    const endsOn = whzxQuarterNow().endsOn;
    const summary = deductionSummarySchema.parse(
      (
        await json(
          'admin@vendor.example',
          'GET',
          `/api/deductions/summary?from=${endsOn}&to=${endsOn}&limit=100`,
        )
      ).body,
    );
    const row = summary.items.find((r) => r.hospitalId === 'whzx' && r.contractId === contractId);
    expect(row?.disputedFen).toBe(188_000);
    expect(row?.amountFen).toBe(188_000 * (row?.entries ?? 0) - 188_000);
  });

  it('does not deduct a vendor-caused fault traced to a notice the hospital acknowledged beforehand', async () => {
    const notice = await json(
      'manager@vendor.example',
      'POST',
      '/api/hospitals/whzx/advance-notices',
      {
        title: '临床路径系统升级',
        description: '升级至 5.2，期间可能短暂中断',
        windowStart: new Date(stack.now() - 3 * 3_600_000).toISOString(),
        windowEnd: new Date(stack.now() - 2 * 3_600_000).toISOString(),
        subsystemIds: ['s2'],
      },
    );
    expect(notice.status).toBe(201);
    const n = noticeSchema.parse(notice.body);
    expect(
      (
        await json(
          'dept@whch.example',
          'POST',
          `/api/hospitals/whzx/advance-notices/${n.id}/acknowledge`,
          { version: n.version },
        )
      ).status,
    ).toBe(403);
    const ack = await json(
      'it@whch.example',
      'POST',
      `/api/hospitals/whzx/advance-notices/${n.id}/acknowledge`,
      { version: n.version },
    );
    expect(ack.status).toBe(200);

    // The fault comes after the hospital acknowledged the notice: reported now.
    const ticket = await lateReport('升级后临床路径中断（已通知）', 'fatal', 0);
    const attributed = await json(
      'manager@vendor.example',
      'POST',
      `/api/hospitals/whzx/tickets/${ticket.id}/events`,
      {
        type: 'attribution',
        version: ticket.version,
        cause: 'vendor',
        subsystemId: 's2',
        advanceNoticeId: n.id,
        note: '已提前通知的升级',
      },
    );
    expect(attributed.status).toBe(201);
    const entries = listOf(ledgerEntrySchema).parse(
      (await json('manager@vendor.example', 'GET', ledgerPath)).body,
    ).items;
    expect(entries.filter((e) => e.ticketId === ticket.id)).toEqual([]);
  });
});
