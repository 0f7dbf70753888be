import {
  contractSchema,
  ledgerEntrySchema,
  listOf,
  ticketEventSchema,
  ticketWithSlaSchema,
} from '@weibao/api';
import { pausedTimeZh } from '@weibao/domain';
import { receivedEmails } from '@weibao/local';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { caller, phoneReport } from '../faults/support.ts';
import { until } from '../mail/support.ts';
import { useTestStack } from '../support/stack.ts';

// Its own stack: the training clock moves this stack's time for everyone on it.
const stack = await useTestStack();
const call = caller(stack);

const engineer = 'engineer@vendor.example';
const manager = 'manager@vendor.example';
const hospitalIt = 'it@whch.example';
const contractId = '01KAW00000000000000000WHZX';
const contractPath = `/api/hospitals/whzx/contracts/${contractId}`;
const ticketPath = (id: string) => `/api/hospitals/whzx/tickets/${id}`;

/** The training clock moved as a trainer does it; due timers fire while it moves. */
async function advanceMinutes(minutes: number) {
  const res = await fetch(stack.urls.clock, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMinutes: minutes }),
  });
  expect(res.status).toBe(200);
}

/** A fatal fault reported by phone `agoMinutes` ago on the stack's clock. */
async function fatalReport(title: string, agoMinutes: number) {
  // The report time on the stack's clock, which the training clock moves ahead of this machine's.
  const res = await call(engineer, 'POST', '/api/hospitals/whzx/tickets', {
    ...phoneReport(title, 0, 'fatal'),
    reportedAt: new Date(stack.now() - agoMinutes * 60_000).toISOString(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return ticketWithSlaSchema.parse(res.body).ticket;
}

const read = async (id: string) =>
  ticketWithSlaSchema.parse((await call(engineer, 'GET', ticketPath(id))).body);
const responseClock = async (id: string) => {
  const clock = (await read(id)).sla?.clocks.find((c) => c.kind === 'response');
  if (!clock) throw new Error('no response clock');
  return clock;
};
const eventsOf = async (id: string) =>
  z
    .object({ items: z.array(ticketEventSchema) })
    .parse((await call(manager, 'GET', `${ticketPath(id)}/events`)).body).items;
const ledgerOf = async (ticketId: string) =>
  listOf(ledgerEntrySchema)
    .parse((await call(manager, 'GET', `${contractPath}/ledger`)).body)
    .items.filter((e) => e.ticketId === ticketId);

/** One event posted on the ticket as it stands now. */
async function post(who: string, id: string, body: Record<string, unknown>) {
  const { ticket } = await read(id);
  return call(who, 'POST', `${ticketPath(id)}/events`, { ...body, version: ticket.version });
}

async function allowPause(allowed: boolean) {
  const contract = contractSchema.parse((await call(manager, 'GET', contractPath)).body);
  const res = await call(manager, 'PUT', contractPath, {
    terms: { ...contract.terms, slaPause: { allowed } },
    version: contract.version,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(contractSchema.parse(res.body).terms.slaPause).toEqual({ allowed });
}

describe('暂停计时 (optional pause of the SLA clocks)', () => {
  it('is refused on the seed contract, which allows no pause: 422 problem+json in Chinese', async () => {
    // Prepare
    const contract = contractSchema.parse((await call(manager, 'GET', contractPath)).body);
    expect(contract.terms.slaPause?.allowed ?? false).toBe(false);
    const ticket = await fatalReport('医嘱提交失败（不允许暂停）', 5);
    // Act
    const res = await call(engineer, 'POST', `${ticketPath(ticket.id)}/events`, {
      type: 'pause',
      version: ticket.version,
      reason: '等待院方确认',
    });
    // Assess
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(res.body)).toContain('该合同不允许暂停计时');
    expect((await read(ticket.id)).ticket.pausedAt ?? null).toBeNull();
  });

  it('with the opt-in: no breach while paused, the deadline moves by the pause, the hospital objects, a later breach names the paused time', async () => {
    // Prepare: the contract opts in; a fatal fault reported 10 minutes ago (1 h to respond)
    await allowPause(true);
    const ticket = await fatalReport('医嘱提交失败（暂停计时）', 10);
    const original = Date.parse((await responseClock(ticket.id)).deadline ?? '');
    expect(original).toBe(Date.parse(ticket.reportedAt) + 60 * 60_000);

    // Act 1: the engineer pauses; a hospital user may not pause, nor pause twice
    const byHospital = await post(hospitalIt, ticket.id, { type: 'pause', reason: '等待' });
    expect(byHospital.status).toBe(403);
    const paused = await post(engineer, ticket.id, { type: 'pause', reason: '等待院方确认' });
    expect(paused.status, JSON.stringify(paused.body)).toBe(201);
    const twice = await post(engineer, ticket.id, { type: 'pause', reason: '等待第三方' });
    expect(twice.status).toBe(409);
    expect(JSON.stringify(twice.body)).toContain('计时已在暂停中');

    // Act 2: 61 minutes pass while paused: the original deadline lies behind us in wall time
    await advanceMinutes(61);
    expect(stack.now()).toBeGreaterThan(original);
    // Any timer planned before the pause has fired by now; the ticket shows the pause and no breach
    const whilePaused = await read(ticket.id);
    expect(whilePaused.ticket.pausedAt).not.toBeNull();
    // No deadline is anyone's next while it moves: the queue shows 计时已暂停, no countdown
    expect(whilePaused.ticket.nextDeadline).toBeNull();
    expect(whilePaused.ticket.slaMarks).not.toContain('response:breach');
    expect(whilePaused.sla?.clocks.every((c) => c.state !== 'breached')).toBe(true);
    expect(whilePaused.sla?.clocks.find((c) => c.kind === 'response')?.paused).toBe(true);
    expect(await ledgerOf(ticket.id)).toEqual([]);

    // Act 3: the engineer resumes
    const resumed = await post(engineer, ticket.id, { type: 'resume' });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(201);
    const events = await eventsOf(ticket.id);
    const pauseAt = Date.parse(events.find((e) => e.type === 'pause')?.at ?? '');
    const resumeAt = Date.parse(events.find((e) => e.type === 'resume')?.at ?? '');
    expect(events.find((e) => e.type === 'pause')?.data.reason).toBe('等待院方确认');

    // Assess 3: new deadline = old + paused time, exactly
    const afterResume = await responseClock(ticket.id);
    expect(resumeAt - pauseAt).toBeGreaterThanOrEqual(61 * 60_000);
    expect(Date.parse(afterResume.deadline ?? '')).toBe(original + (resumeAt - pauseAt));
    expect(afterResume).toMatchObject({ paused: false, pausedMs: resumeAt - pauseAt });
    expect(afterResume.state).not.toBe('breached');
    expect(Date.parse((await read(ticket.id)).ticket.nextDeadline ?? '')).toBe(
      original + (resumeAt - pauseAt),
    );
    expect(await ledgerOf(ticket.id)).toEqual([]);

    // Act 4: paused again; five minutes on, the hospital objects (异议) with a reason
    expect((await post(engineer, ticket.id, { type: 'pause', reason: '等待第三方' })).status).toBe(
      201,
    );
    await advanceMinutes(5);
    const vendorObjects = await post(manager, ticket.id, {
      type: 'pause-objection',
      reason: '我方未被要求确认',
    });
    expect(vendorObjects.status).toBe(403);
    const objected = await post(hospitalIt, ticket.id, {
      type: 'pause-objection',
      reason: '院方已于当日答复，不应暂停',
    });
    expect(objected.status, JSON.stringify(objected.body)).toBe(201);

    // Assess 4: recorded, the clocks run again, the service manager is told through the outbox
    const withObjection = await eventsOf(ticket.id);
    const objection = withObjection.find((e) => e.type === 'pause-objection');
    expect(objection).toMatchObject({
      data: { reason: '院方已于当日答复，不应暂停' },
      actor: { email: hospitalIt },
    });
    expect((await read(ticket.id)).ticket.pausedAt ?? null).toBeNull();
    const mail = await until(
      async () =>
        (await receivedEmails(stack.urls.sesv2)).find(
          (m) => m.subject.includes(ticket.number) && m.subject.includes('异议'),
        ),
      10_000,
      'the objection notice',
    );
    expect(mail.destination.to).toContain(manager);
    expect(mail.body.text).toContain('院方已于当日答复，不应暂停');
    expect(mail.body.text).toContain('等待第三方');

    // Act 5: time runs on past the moved deadline: the breach and the deduction are booked
    const secondPause = Date.parse(withObjection.filter((e) => e.type === 'pause')[1]?.at ?? '');
    const pausedMs = resumeAt - pauseAt + (Date.parse(objection?.at ?? '') - secondPause);
    const moved = original + pausedMs;
    expect(Date.parse((await responseClock(ticket.id)).deadline ?? '')).toBe(moved);
    await advanceMinutes(Math.ceil((moved - stack.now()) / 60_000) + 1);
    const entries = await until(
      async () => {
        const e = await ledgerOf(ticket.id);
        return e.length > 0 ? e : undefined;
      },
      10_000,
      'the late-response deduction',
    );

    // Assess 5: one entry; its basis names the paused time; its time is the moved threshold
    expect(entries).toHaveLength(1);
    expect(entries[0]?.ruleId).toBe('late-response');
    expect(entries[0]?.reason).toBe(
      `报告后60分钟内未响应（暂停计时${pausedTimeZh(pausedMs)}不计）`,
    );
    expect(Date.parse(entries[0]?.occurredAt ?? '')).toBe(moved + 1);
    const breached = await read(ticket.id);
    expect(breached.ticket.slaMarks).toContain('response:breach');
  }, 60_000);
});
