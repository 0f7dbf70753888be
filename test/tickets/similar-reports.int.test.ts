import { ticketEventSchema, ticketSchema, ticketWithSlaSchema } from '@weibao/api';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { admin, caller, engineer, phoneReport } from '../faults/support.ts';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();
const call = caller(stack);

const dept = 'dept@whch.example';
const it_ = 'it@whch.example';
const tickets = '/api/hospitals/whzx/tickets';
const items = z.strictObject({ items: z.array(ticketSchema) });
const timeline = z.strictObject({ items: z.array(ticketEventSchema) });

/** A fault of subsystem s1 (or `subsystemId`) the IT center reports on the web form now. */
async function webReport(title: string, extra: Record<string, unknown> = {}, key?: string) {
  const res = await call(
    it_,
    'POST',
    tickets,
    {
      kind: 'fault',
      severity: 'fatal',
      subsystemId: 's1',
      title,
      description: '全院无法开医嘱',
      ...extra,
    },
    key ? { 'idempotency-key': key } : {},
  );
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return ticketWithSlaSchema.parse(res.body).ticket;
}

async function similar(subsystemId: string, who = dept) {
  const res = await call(
    who,
    'GET',
    `/api/hospitals/whzx/similar-tickets?subsystemId=${subsystemId}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return items.parse(res.body).items;
}

async function eventsOf(ticketId: string) {
  return timeline.parse((await call(admin, 'GET', `${tickets}/${ticketId}/events`)).body).items;
}

async function allTickets() {
  const res = await call(admin, 'GET', `${tickets}?limit=100`);
  return z.object({ items: z.array(ticketSchema) }).parse(res.body).items;
}

describe('the offer to join a recent open ticket of the same subsystem (可能是同一故障)', () => {
  it('lists the open ticket of the same subsystem reported minutes ago, and not a closed one, one older than 30 minutes, another subsystem’s or another hospital’s', async () => {
    // Prepare: the outage reported on the web; a closed one, an old one, another subsystem's, another hospital's
    const recent = await webReport('医嘱系统无法登录');
    const closed = await webReport('医嘱系统无法登录（已处理）');
    for (const [type, body] of [
      ['resolution', { text: '已重启服务' }],
      ['close', { note: '确认恢复' }],
    ] as const) {
      const current = ticketWithSlaSchema.parse(
        (await call(engineer, 'GET', `${tickets}/${closed.id}`)).body,
      ).ticket;
      const res = await call(engineer, 'POST', `${tickets}/${closed.id}/events`, {
        type,
        version: current.version,
        ...body,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const old = await call(
      engineer,
      'POST',
      tickets,
      phoneReport('三十一分钟前的电话报障', 31 * 60_000),
    );
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    const otherSubsystem = await webReport('检验系统打印失败', { subsystemId: 's2' });
    const elsewhere = await call(admin, 'POST', '/api/hospitals/jcey/tickets', {
      ...phoneReport('另一家医院的同一子系统', 60_000),
    });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);

    // Act: the department about to report a fault of s1 asks
    const offered = await similar('s1');

    // Assess: only the recent open ticket of s1 in this hospital
    const ids = offered.map((t) => t.id);
    expect(ids).toContain(recent.id);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(ticketWithSlaSchema.parse(old.body).ticket.id);
    expect(ids).not.toContain(otherSubsystem.id);
    expect(ids).not.toContain(ticketWithSlaSchema.parse(elsewhere.body).ticket.id);
    expect(offered.every((t) => t.hospitalId === 'whzx' && t.subsystemId === 's1')).toBe(true);
    expect((await similar('s2')).map((t) => t.id)).toContain(otherSubsystem.id);
  });

  it('joining (加入该工单) records the second report on the open ticket, with its reporter, words, campus and place, and opens no ticket; a retry with the same Idempotency-Key adds nothing', async () => {
    // Prepare: the IT center's report, then the ward's offer
    const first = await webReport('医嘱系统卡死', { campus: '后湖院区', place: '信息中心机房' });
    const [offered] = (await similar('s1')).filter((t) => t.id === first.id);
    expect(offered?.number).toBe(first.number);
    const before = (await allTickets()).length;
    const join = {
      type: 'linked-report',
      version: offered?.version,
      description: '心内科病区同样无法下医嘱',
      campus: '后湖院区',
      place: '心内科病区 3 楼护士站',
      contactPhone: '027-82211234',
    };

    // Act: join, then the same request again (a retry after a lost answer)
    const key = { 'idempotency-key': `join-${first.id}` };
    const joined = await call(dept, 'POST', `${tickets}/${first.id}/events`, join, key);
    const again = await call(dept, 'POST', `${tickets}/${first.id}/events`, join, key);

    // Assess: one linked report on the existing ticket, by the department's person; no new ticket
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(again.status, JSON.stringify(again.body)).toBeLessThan(300);
    const linked = (await eventsOf(first.id)).filter((e) => e.type === 'linked-report');
    expect(linked).toHaveLength(1);
    expect(linked[0]?.actor?.email).toBe(dept);
    expect(linked[0]?.data).toMatchObject({
      description: '心内科病区同样无法下医嘱',
      campus: '后湖院区',
      place: '心内科病区 3 楼护士站',
      contactPhone: '027-82211234',
    });
    expect((await allTickets()).length).toBe(before);
  });

  it('refuses to join on a version someone else has changed since, and a campus the hospital does not have, at the field', async () => {
    // Prepare: a ticket the engineer answers after the ward read it
    const first = await webReport('医嘱系统报错 500');
    const read = ticketWithSlaSchema.parse(
      (await call(dept, 'GET', `${tickets}/${first.id}`)).body,
    ).ticket;
    const answered = await call(engineer, 'POST', `${tickets}/${first.id}/events`, {
      type: 'response',
      version: read.version,
      text: '正在排查',
    });
    expect(answered.status).toBe(201);
    const now = ticketWithSlaSchema.parse(answered.body).ticket;

    // Act
    const stale = await call(dept, 'POST', `${tickets}/${first.id}/events`, {
      type: 'linked-report',
      version: read.version,
      description: '同样报错',
    });
    const noCampus = await call(dept, 'POST', `${tickets}/${first.id}/events`, {
      type: 'linked-report',
      version: now.version,
      description: '同样报错',
      campus: '不存在的院区',
    });

    // Assess
    expect(stale.status).toBe(409);
    expect(noCampus.status).toBe(400);
    expect(noCampus.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(noCampus.body)).toContain('"path":"campus"');
  });

  it('仍然新建 opens a new ticket that names the other, and the other ticket’s timeline names the new one, once, also on a retry', async () => {
    // Prepare: the first report; the second reporter sees it offered and opens their own
    const first = await webReport('PACS 影像调阅失败');
    const key = `separate-${first.id}`;

    // Act
    const second = await webReport(
      'PACS 影像调阅失败（门诊）',
      { relatedTicketId: first.id, place: '门诊二楼放射科', contactPhone: '13800000000' },
      key,
    );
    const retried = await webReport(
      'PACS 影像调阅失败（门诊）',
      { relatedTicketId: first.id, place: '门诊二楼放射科', contactPhone: '13800000000' },
      key,
    );

    // Assess: the link on both tickets, the new ticket's place and phone stored
    expect(retried.id).toBe(second.id);
    expect(second.relatedTicket).toEqual({ id: first.id, number: first.number });
    expect(second.place).toBe('门诊二楼放射科');
    expect(second.reporter.phone).toBe('13800000000');
    const links = (await eventsOf(first.id)).filter((e) => e.type === 'linked-report');
    expect(links).toHaveLength(1);
    expect(links[0]?.data).toMatchObject({ ticketId: second.id, number: second.number });
  });

  it('refuses a related ticket of another hospital and a campus not on the hospital’s record, with problem+json at the field', async () => {
    // Prepare: a ticket of jcey
    const theirs = await call(
      admin,
      'POST',
      '/api/hospitals/jcey/tickets',
      phoneReport('别家的工单'),
    );
    expect(theirs.status).toBe(201);

    // Act
    const related = await call(it_, 'POST', tickets, {
      kind: 'fault',
      severity: 'minor',
      subsystemId: 's1',
      title: '关联别家工单',
      description: '…',
      relatedTicketId: ticketWithSlaSchema.parse(theirs.body).ticket.id,
    });
    const campus = await call(it_, 'POST', tickets, {
      kind: 'fault',
      severity: 'minor',
      title: '院区不对',
      description: '…',
      campus: '主院区',
    });

    // Assess
    for (const [res, path] of [
      [related, 'relatedTicketId'],
      [campus, 'campus'],
    ] as const) {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).toContain(`"path":"${path}"`);
    }
  });

  // Last in this file: it moves this stack's clock for everyone on it.
  it('stops offering a ticket once 30 minutes have passed since its report, on the stack’s clock', async () => {
    // Prepare: a report offered now
    const outage = await webReport('手麻系统无法登录', { subsystemId: 's4' });
    expect((await similar('s4')).map((t) => t.id)).toEqual([outage.id]);

    // Act: 31 minutes pass (the training clock, as a trainer moves it)
    const moved = await fetch(stack.urls.clock, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMinutes: 31 }),
    });

    // Assess: still open, no longer offered
    expect(moved.status).toBe(200);
    const now = ticketWithSlaSchema.parse(
      (await call(admin, 'GET', `${tickets}/${outage.id}`)).body,
    ).ticket;
    expect(['new', 'responded', 'on-site']).toContain(now.status);
    expect(await similar('s4')).toEqual([]);
  });
});
