import { describe, expect, it } from 'vitest';
import { listOf, ticketEventSchema, ticketWithSlaSchema, ledgerEntrySchema } from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import * as z from 'zod';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();

const contractId = '01KAW00000000000000000WHZX';

const json = (email: string | null, method: string, path: string, body?: unknown) =>
  stack.jsonAs(email, method, path, body);

/** A fatal fault reported by phone `agoMs` ago, entered by the engineer now. */
async function phoneReport(agoMs: number, title: string) {
  const res = await json('engineer@vendor.example', 'POST', '/api/hospitals/whzx/tickets', {
    kind: 'fault',
    severity: 'fatal',
    channel: 'phone',
    subsystemId: 's1',
    title,
    description: '医嘱无法提交，全院停用',
    reporter: { name: '刘洋', phone: '027-00000000' },
    reportedAt: new Date(stack.now() - agoMs).toISOString(),
  });
  expect(res.status).toBe(201);
  return ticketWithSlaSchema.parse(res.body);
}

const ticketPath = (id: string) => `/api/hospitals/whzx/tickets/${id}`;
const ledger = async () =>
  listOf(ledgerEntrySchema).parse(
    (
      await json(
        'admin@vendor.example',
        'GET',
        `/api/hospitals/whzx/contracts/${contractId}/ledger`,
      )
    ).body,
  ).items;

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('SLA timers on the local Scheduler stand-in', () => {
  it('breaches a fatal phone report made 59m50s ago within 2 s of its deadline, books 188000 fen once and emails the escalation contacts once', async () => {
    const created = await phoneReport(59 * 60_000 + 50_000, '住院医生医嘱系统宕机（超时测试）');
    const deadline = Date.parse(
      created.sla?.clocks.find((c) => c.kind === 'response')?.deadline ?? '',
    );
    expect(deadline - stack.now()).toBeGreaterThan(5_000);

    const breach = await until(async () => {
      const events = z
        .object({ items: z.array(ticketEventSchema) })
        .parse(
          (await json('admin@vendor.example', 'GET', `${ticketPath(created.ticket.id)}/events`))
            .body,
        ).items;
      return events.find((e) => e.type === 'sla-breach' && e.data.clock === 'response');
    }, 20_000);
    expect(Date.parse(breach.recordedAt) - deadline).toBeLessThanOrEqual(2_000);
    expect(Date.parse(breach.recordedAt)).toBeGreaterThan(deadline);

    const entries = (await ledger()).filter((e) => e.ticketId === created.ticket.id);
    expect(entries.map((e) => [e.ruleId, e.amountFen])).toEqual([['late-response', 188_000]]);

    // The escalation is sent after the breach is stored (claimed, sent, taken off): wait for it
    const breachMails = async () =>
      (await receivedEmails(stack.urls.sesv2)).filter(
        (m) => m.subject.includes(created.ticket.number) && m.subject.includes('已超时'),
      );
    // One message per escalation contact, each with a reply address of their own
    await until(async () => ((await breachMails()).length >= 2 ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 500));
    const mails = await breachMails();
    expect(mails.map((m) => m.destination.to).sort()).toEqual([
      ['it-director@whch.example'],
      ['manager@vendor.example'],
    ]);
    expect(mails.every((m) => m.body.text?.includes('查看工单'))).toBe(true);
  }, 40_000);

  it('books one entry however often the timer fires at once', async () => {
    const created = await phoneReport(60 * 60_000 - 1_500, '临床路径系统中断（重复触发测试）');
    await new Promise((r) => setTimeout(r, 1_700));
    const { handler } = await import('../../functions/timers/sla-timer.ts');
    const payload = {
      kind: 'sla-timer',
      hospitalId: 'whzx',
      ticketId: created.ticket.id,
      clock: 'response',
      point: 'breach',
      at: new Date(stack.now()).toISOString(),
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => handler(payload, {} as never)),
    );
    expect(results.every((r) => r.outcome !== 'refused')).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await ledger()).filter((e) => e.ticketId === created.ticket.id)).toHaveLength(1);
    const events = z
      .object({ items: z.array(ticketEventSchema) })
      .parse(
        (await json('admin@vendor.example', 'GET', `${ticketPath(created.ticket.id)}/events`)).body,
      ).items;
    expect(
      events.filter((e) => e.type === 'sla-breach' && e.data.clock === 'response'),
    ).toHaveLength(1);
  }, 30_000);

  it('a response at 59 minutes cancels the breach: no mark, no deduction', async () => {
    const created = await phoneReport(59 * 60_000 + 56_000, '临床数据检索系统异常（及时响应）');
    const responded = await json(
      'engineer@vendor.example',
      'POST',
      `${ticketPath(created.ticket.id)}/events`,
      {
        type: 'response',
        version: created.ticket.version,
        text: '已收到，工程师正在排查。',
        at: new Date(Date.parse(created.ticket.reportedAt) + 59 * 60_000).toISOString(),
      },
    );
    expect(responded.status).toBe(201);
    await new Promise((r) => setTimeout(r, 6_000));
    const now = ticketWithSlaSchema.parse(
      (await json('admin@vendor.example', 'GET', ticketPath(created.ticket.id))).body,
    );
    expect(now.ticket.slaMarks).not.toContain('response:breach');
    expect(now.sla?.clocks.find((c) => c.kind === 'response')?.state).toBe('met');
    expect((await ledger()).filter((e) => e.ticketId === created.ticket.id)).toEqual([]);
  }, 20_000);
});

describe('tickets under concurrency and across hospitals', () => {
  it('records the engineer’s response on the version they read although the breach and its escalation mails moved the ticket on since; a person’s change since is still a 409', async () => {
    // Prepare: the engineer reads a fatal ticket 3 s before its response deadline
    const created = await phoneReport(60 * 60_000 - 3_000, '检验报告系统中断（超时后响应）');
    const read = created.ticket.version;
    // The breach is marked and its escalation mails are sent: the ticket moves on without a person
    const mails = async () =>
      (await receivedEmails(stack.urls.sesv2)).filter(
        (m) => m.subject.includes(created.ticket.number) && m.subject.includes('已超时'),
      );
    await until(async () => ((await mails()).length >= 2 ? true : undefined), 20_000);
    const moved = await until(async () => {
      const t = ticketWithSlaSchema.parse(
        (await json('admin@vendor.example', 'GET', ticketPath(created.ticket.id))).body,
      ).ticket;
      return t.pendingEscalations.length === 0 ? t : undefined;
    }, 10_000);
    expect(moved.version).toBeGreaterThan(read);
    expect(moved.slaMarks).toContain('response:breach');

    // Act: the engineer responds with the version they read; then the IT center comments on it
    const responded = await json(
      'engineer@vendor.example',
      'POST',
      `${ticketPath(created.ticket.id)}/events`,
      { type: 'response', version: read, text: '已到岗，正在排查。' },
    );
    const stale = await json('it@whch.example', 'POST', `${ticketPath(created.ticket.id)}/events`, {
      type: 'comment',
      version: read,
      text: '请尽快处理',
      visibility: 'public',
    });

    // Assess
    expect(responded.status).toBe(201);
    const after = ticketWithSlaSchema.parse(responded.body).ticket;
    expect(after.status).toBe('responded');
    expect(after.lastEditVersion).toBe(after.version);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ errors: [{ path: 'version' }] });
  }, 40_000);

  it('loses none of fifty concurrent updates of one ticket: each applies or gets 409', async () => {
    const created = await phoneReport(60_000, '会诊闭环改造问题（并发测试）');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        json('engineer@vendor.example', 'POST', `${ticketPath(created.ticket.id)}/events`, {
          type: 'comment',
          version: created.ticket.version,
          text: `并发备注 ${i}`,
          visibility: 'internal',
        }),
      ),
    );
    const applied = results.filter((r) => r.status === 201).length;
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(applied).toBe(1);
    const events = z
      .object({ items: z.array(ticketEventSchema) })
      .parse(
        (await json('admin@vendor.example', 'GET', `${ticketPath(created.ticket.id)}/events`)).body,
      ).items;
    expect(events.filter((e) => e.type === 'comment')).toHaveLength(applied);
  }, 30_000);

  it('shows the second hospital none of it, and keeps attribution and disputes from the department user', async () => {
    const created = await phoneReport(5 * 60_000, '接口超时（隔离测试）');
    expect((await json('it@second.example', 'GET', '/api/hospitals/whzx/tickets')).status).toBe(
      404,
    );
    expect((await json('it@second.example', 'GET', ticketPath(created.ticket.id))).status).toBe(
      404,
    );
    expect((await json('it@second.example', 'GET', '/api/queue')).status).toBe(403);
    expect(
      (await json('it@second.example', 'GET', `/api/hospitals/whzx/contracts/${contractId}/ledger`))
        .status,
    ).toBe(404);

    const attribute = await json(
      'dept@whch.example',
      'POST',
      `${ticketPath(created.ticket.id)}/events`,
      {
        type: 'attribution',
        version: created.ticket.version,
        cause: 'vendor',
        subsystemId: 's1',
        note: '升级未通知',
      },
    );
    expect(attribute.status).toBe(403);
    const entries = await ledger();
    const entry = entries[0];
    expect(entry).toBeDefined();
    const dispute = await json(
      'dept@whch.example',
      'POST',
      `/api/hospitals/whzx/contracts/${contractId}/ledger/${entry?.id}/disputes`,
      {
        action: 'raise',
        version: entry?.version,
        reason: '不同意',
      },
    );
    expect(dispute.status).toBe(403);
  }, 30_000);

  it('books 5% of the subsystem for a fatal fault the review puts on an unannounced vendor change', async () => {
    const created = await phoneReport(2 * 60_000, '结构化模板改造后系统中断（未通知升级）');
    const attributed = await json(
      'manager@vendor.example',
      'POST',
      `${ticketPath(created.ticket.id)}/events`,
      {
        type: 'attribution',
        version: created.ticket.version,
        cause: 'vendor',
        subsystemId: 's6',
        note: '厂商升级未提前通知',
      },
    );
    expect(attributed.status).toBe(201);
    const entries = (await ledger()).filter(
      (e) => e.ticketId === created.ticket.id && e.trigger === 'vendor-fault-without-notice',
    );
    expect(entries.map((e) => e.amountFen)).toEqual([117_500]);
  }, 20_000);
});
