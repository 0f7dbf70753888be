import { describe, expect, it } from 'vitest';
import {
  hospitalSchema,
  listOf,
  obligationsDueSchema,
  ticketSchema,
  ticketSearchPageSchema,
  ticketWithSlaSchema,
} from '@weibao/api';
import { makeObligationSchedulesFromEnv } from '@weibao/adapters';
import { shanghaiDateOf } from '@weibao/domain';
import { dynamoDbLocalClient, receivedEmails } from '@weibao/local';
import { makeDb, ticketById } from '@weibao/store';
import type { ObligationTimerPayload } from '@weibao/usecases';
import { reportByPhone } from '../support/report-fault.ts';
import { useTestStack } from '../support/stack.ts';

/** A removed hospital leaves the vendor-wide lists: the queue, the open obligations, 工单查询. */
const stack = await useTestStack();

const get = async (path: string) => {
  const res = await stack.jsonAs('manager@vendor.example', 'GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

/** Every page of a vendor-wide list: the hospitals its rows belong to. */
async function hospitalsOf(
  path: string,
  parse: (body: unknown) => { items: { hospitalId: string }[]; next: string | null },
) {
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = parse(
      await get(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    for (const item of page.items) seen.add(item.hospitalId);
    cursor = page.next;
  } while (cursor);
  return seen;
}

const queue = () => hospitalsOf('/api/queue?limit=100', (b) => listOf(ticketSchema).parse(b));
const search = () => hospitalsOf('/api/tickets?limit=100', (b) => ticketSearchPageSchema.parse(b));
const obligations = () =>
  hospitalsOf('/api/obligations/due?withinDays=90&limit=100', (b) => {
    const due = obligationsDueSchema.parse(b);
    return { items: due.items.map((o) => ({ hospitalId: o.hospitalId })), next: due.next };
  });

describe('a removed hospital', () => {
  it('leaves the queue, the open obligations and 工单查询 of the vendor at once, even when asked for by name, and its SLA clocks and reminders stop', async () => {
    // Prepare: an open fault of 江城第二人民医院 and one of 武汉市中心医院; both have open obligations
    const report = (hospitalId: string, title: string) =>
      reportByPhone(stack, hospitalId, { title, severity: 'serious' });
    const reported = await report('jcey', '门诊挂号系统无法登录');
    expect(reported.status).toBe(201);
    // A fatal fault reported by phone 59 min 52 s ago: its one-hour response runs out in 8 s
    const late = await reportByPhone(stack, 'jcey', {
      title: '全院门诊停摆',
      severity: 'fatal',
      reportedAt: new Date(stack.now() - 3_600_000 + 8_000).toISOString(),
    });
    expect(late.status).toBe(201);
    const fatal = ticketWithSlaSchema.parse(late.body);
    const deadline = Date.parse(
      fatal.sla?.clocks.find((c) => c.kind === 'response')?.deadline ?? '',
    );
    expect((await report('whzx', '医嘱系统无法保存')).status).toBe(201);
    const ticket = ticketWithSlaSchema.parse(reported.body).ticket;
    expect(await queue()).toContain('jcey');
    expect(await search()).toContain('jcey');
    expect(await obligations()).toContain('jcey');
    const hospital = hospitalSchema.parse(await get('/api/hospitals/jcey'));

    // Act
    const removed = await stack.jsonAs(
      'admin@vendor.example',
      'DELETE',
      `/api/hospitals/jcey?version=${hospital.version}`,
    );

    // Assess: out of every vendor-wide list, whzx's still in them
    expect(removed.status).toBe(200);
    for (const list of [await queue(), await search(), await obligations()]) {
      expect(list).not.toContain('jcey');
      expect(list).toContain('whzx');
    }
    const byName = ticketSearchPageSchema.parse(await get('/api/tickets?hospitalId=jcey'));
    expect(byName.items.map((t) => t.id)).not.toContain(ticket.id);
    // Its clocks stop: the response deadline's timer fires and books nothing
    expect(deadline).toBeGreaterThan(stack.now());
    const fired = () =>
      stack.scheduler
        .invocations()
        .some(
          (i) =>
            JSON.stringify(i.event).includes(fatal.ticket.id) &&
            Date.parse(i.dueAt) >= deadline - 1_000 &&
            i.outcome === 'succeeded',
        );
    for (const end = Date.now() + 30_000; !fired();) {
      if (Date.now() > end) throw new Error('the response deadline’s timer did not fire in 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
    try {
      const stored = await ticketById(db, 'jcey', fatal.ticket.id, true);
      expect(stored?.slaMarks).toEqual(fatal.ticket.slaMarks);
      expect(stored?.deductionIds).toEqual([]);
      expect(stored?.version).toBe(fatal.ticket.version);
    } finally {
      db.raw.destroy();
    }
    // Its obligations' reminders send nothing: one fires, as the Scheduler would deliver it
    const today = shanghaiDateOf(new Date(stack.now()).toISOString());
    const reminder: ObligationTimerPayload = {
      kind: 'obligation-reminder',
      hospitalId: 'jcey',
      contractId: '01KAW00000000000000000JCEY',
      obligationId: 'deliverables-4',
      reminderKey: `${today}:before-99`,
    };
    const name = `removed-jcey-${Date.now().toString(36)}`;
    await makeObligationSchedulesFromEnv().put([
      {
        name,
        atMs: Math.ceil((stack.now() + 1_500) / 1_000) * 1_000,
        payload: reminder,
        description: 'test',
      },
    ]);
    for (const end = Date.now() + 30_000; ;) {
      if (stack.scheduler.invocations().some((i) => i.name === name && i.outcome === 'succeeded'))
        break;
      if (Date.now() > end) throw new Error('the reminder did not fire in 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const reminded = (await receivedEmails(stack.urls.sesv2)).filter((m) =>
      m.subject.includes('还有99个工作日到期'),
    );
    expect(reminded).toEqual([]);
  });
});
