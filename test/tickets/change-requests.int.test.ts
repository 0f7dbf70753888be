import {
  contractSchema,
  problemSchema,
  ticketEventSchema,
  ticketWithSlaSchema,
  type Problem,
} from '@weibao/api';
import { quarterPeriods, shanghaiDateOf, addDays } from '@weibao/domain';
import { receivedEmails } from '@weibao/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { caller } from '../faults/support.ts';
import { until } from '../mail/support.ts';
import { assertSoffice, docxText } from '../support/soffice.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  assertSoffice();
  stack = await startTestStack();
  call = caller(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const it_ = 'it@whch.example';
const dept = 'dept@whch.example';
const engineer = 'engineer@vendor.example';
const whzxContract = '01KAW00000000000000000WHZX';
const tickets = '/api/hospitals/whzx/tickets';
const stamp = Date.now();

type Ticket = z.infer<typeof ticketWithSlaSchema>['ticket'];

async function request(title: string, dueOn: string | undefined, kind = 'change-request') {
  return call(dept, 'POST', tickets, {
    kind,
    severity: 'minor',
    title,
    description: '门诊病历增加过敏史必填项',
    ...(dueOn ? { dueOn } : {}),
  });
}

async function current(id: string): Promise<Ticket> {
  return ticketWithSlaSchema.parse((await call(it_, 'GET', `${tickets}/${id}`)).body).ticket;
}

async function post(email: string, id: string, body: Record<string, unknown>, version?: number) {
  return call(email, 'POST', `${tickets}/${id}/events`, {
    version: version ?? (await current(id)).version,
    ...body,
  });
}

const timeline = async (id: string) =>
  z
    .object({ items: z.array(ticketEventSchema) })
    .parse((await call(it_, 'GET', `${tickets}/${id}/events`)).body).items;

const problem = (body: unknown): Problem => problemSchema.parse(body);
const today = () => shanghaiDateOf(new Date().toISOString());

describe('change requests are approved by the IT center before the vendor works on them', () => {
  it('asks a change request for its requested completion date, and refuses one for a fault', async () => {
    // Act
    const missing = await request(`无日期需求 ${stamp}`, undefined);
    const fault = await call(dept, 'POST', tickets, {
      kind: 'fault',
      severity: 'minor',
      title: `故障带日期 ${stamp}`,
      description: '打印缓慢',
      dueOn: today(),
    });
    // Assess
    expect(missing.status).toBe(400);
    expect(problem(missing.body).errors?.[0]?.path).toBe('dueOn');
    expect(problem(missing.body).detail).toBe('需求变更和病历模板修改须填写要求完成日期');
    expect(fault.status).toBe(400);
    expect(problem(fault.body).errors?.[0]?.path).toBe('dueOn');
  });

  it('lets only the IT center decide, wants a reason for a decline, refuses progress before approval and a stale version, then tells the requester', async () => {
    // Prepare
    const dueOn = addDays(today(), 14);
    const res = await request(`门诊病历过敏史必填 ${stamp}`, dueOn);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const opened = ticketWithSlaSchema.parse(res.body);
    const id = opened.ticket.id;
    expect(opened.ticket.change).toMatchObject({ dueOn, progress: 'pending', decision: null });
    // Not a fault: no SLA clock runs on it
    expect(opened.sla).toBeNull();
    const approve = { type: 'change-approval', decision: 'approve' };

    // Act & Assess: vendor staff and the department may not decide
    for (const who of [engineer, dept]) {
      const refused = await post(who, id, approve);
      expect(refused.status, who).toBe(403);
      expect(problem(refused.body).detail).toBe(
        '只有医院信息中心可以审批需求变更或修改要求完成日期',
      );
    }
    // Another hospital's IT center reaches no ticket of this one
    const elsewhere = await post('it@second.example', id, approve, opened.ticket.version);
    expect([403, 404]).toContain(elsewhere.status);
    // A decline without a reason
    const bare = await post(it_, id, { type: 'change-approval', decision: 'decline' });
    expect(bare.status).toBe(400);
    expect(problem(bare.body).errors?.[0]?.path).toBe('reason');
    expect(problem(bare.body).detail).toBe('拒绝需求变更须填写原因');
    // Progress before approval
    const early = await post(engineer, id, { type: 'change-progress', progress: 'in-progress' });
    expect(early.status).toBe(409);
    expect(problem(early.body).detail).toBe('需求变更尚未批准，不能开始实施');
    // The IT center cannot record progress either
    expect((await post(it_, id, { type: 'change-progress', progress: 'done' })).status).toBe(403);
    // A stale version: the department commented since the IT center read the ticket
    const read = (await current(id)).version;
    expect((await post(dept, id, { type: 'comment', text: '请尽快安排' })).status).toBe(201);
    const stale = await post(it_, id, approve, read);
    expect(stale.status).toBe(409);
    expect(problem(stale.body).errors?.[0]?.path).toBe('version');

    // Act: approved, then worked on and done by the vendor
    const approved = await post(it_, id, approve);
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    const started = await post(engineer, id, { type: 'change-progress', progress: 'in-progress' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const done = await post(engineer, id, { type: 'change-progress', progress: 'done' });
    expect(done.status, JSON.stringify(done.body)).toBe(201);

    // Assess
    const after = await current(id);
    expect(after.change).toMatchObject({ dueOn, progress: 'done' });
    expect(after.change?.decision).toMatchObject({ approved: true, reason: null });
    expect(after.change?.decision?.by.email).toBe(it_);
    expect(after.change?.completedAt).not.toBeNull();
    const events = await timeline(id);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['change-approval', 'change-progress']),
    );
    // A second decision is refused
    const again = await post(it_, id, {
      type: 'change-approval',
      decision: 'decline',
      reason: '改主意',
    });
    expect(again.status).toBe(409);
    expect(problem(again.body).detail).toBe('该需求已批准，不能再次审批');
    // The requester is told by mail
    const mail = await until(
      async () =>
        (await receivedEmails(stack.urls.sesv2)).find(
          (m) =>
            m.subject.includes(after.number) &&
            m.subject.includes('需求变更已批准') &&
            m.destination.to.includes(dept),
        ),
      10_000,
      'the approval mail to the requester',
    );
    expect(mail.body.text).toContain(`要求完成日期：${dueOn}`);
  });

  it('is repeated safely with the same Idempotency-Key, and moves its date only by the IT center', async () => {
    // Prepare
    const res = await request(`模板修改幂等 ${stamp}`, addDays(today(), 7), 'template-change');
    const id = ticketWithSlaSchema.parse(res.body).ticket.id;
    const version = (await current(id)).version;
    const key = `change-${stamp}`;
    // Act
    const move = () =>
      call(
        it_,
        'POST',
        `${tickets}/${id}/events`,
        { type: 'change-due-date', version, dueOn: addDays(today(), 30) },
        { 'idempotency-key': key },
      );
    const first = await move();
    const repeated = await move();
    const byDept = await post(dept, id, { type: 'change-due-date', dueOn: addDays(today(), 40) });
    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(repeated.status, JSON.stringify(repeated.body)).toBe(201);
    const after = await current(id);
    expect(after.change?.dueOn).toBe(addDays(today(), 30));
    const dateEvents = (await timeline(id)).filter((e) => e.type === 'change-due-date');
    expect(dateEvents).toHaveLength(1);
    expect(byDept.status).toBe(403);
  });

  it('refuses an approval on a fault ticket', async () => {
    const res = await call(engineer, 'POST', tickets, {
      kind: 'fault',
      severity: 'minor',
      channel: 'phone',
      title: `故障无需审批 ${stamp}`,
      description: '打印缓慢',
      reporter: { name: '刘洋', phone: '027-00000000' },
    });
    const id = ticketWithSlaSchema.parse(res.body).ticket.id;
    const refused = await post(it_, id, { type: 'change-approval', decision: 'approve' });
    expect(refused.status).toBe(400);
    expect(problem(refused.body).errors?.[0]?.path).toBe('type');
  });
});

describe('需求变更改造清单', () => {
  it('lists the quarter’s approved requests and not the declined one, read back through LibreOffice, and the 项目提交物清单 counts them', async () => {
    // Prepare: one approved, one declined, one waiting, all reported today
    const open = async (title: string) => {
      const res = await request(title, addDays(today(), 10));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return ticketWithSlaSchema.parse(res.body).ticket;
    };
    const yes = await open(`住院医嘱增加双签 ${stamp}`);
    const no = await open(`删除全部历史病历 ${stamp}`);
    const waiting = await open(`护理记录单调整 ${stamp}`);
    expect((await post(it_, yes.id, { type: 'change-approval', decision: 'approve' })).status).toBe(
      201,
    );
    const declined = await post(it_, no.id, {
      type: 'change-approval',
      decision: 'decline',
      reason: '违反病历管理规定',
    });
    expect(declined.status).toBe(201);
    const contract = contractSchema.parse(
      (await call(it_, 'GET', `/api/hospitals/whzx/contracts/${whzxContract}`)).body,
    );
    const day = shanghaiDateOf(yes.reportedAt);
    const quarter =
      quarterPeriods(contract.terms.term).findIndex((p) => p.startsOn <= day && day <= p.endsOn) +
      1;
    expect(quarter).toBeGreaterThan(0);
    const document = (kind: string) =>
      stack.fetchAs(
        it_,
        `/api/hospitals/whzx/contracts/${whzxContract}/documents/${kind}?quarter=${quarter}`,
      );

    // Act
    const res = await document('change-requests');
    const list = await document('deliverables');

    // Assess
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      `-需求变更改造清单.docx`,
    );
    const { text } = docxText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(`需求变更改造清单（第${quarter}季度）`);
    expect(text).toContain(yes.number);
    expect(text).toContain(`住院医嘱增加双签 ${stamp}`);
    expect(text).toContain('陈静');
    expect(text).toContain('已批准');
    expect(text).not.toContain(no.number);
    expect(text).not.toContain(`删除全部历史病历 ${stamp}`);
    expect(text).not.toContain(waiting.number);
    expect(text).toMatch(/未获批准：[1-9]\d* 项/);
    expect(text).not.toContain(whzxContract);
    expect(text).not.toMatch(/change-request|pending|approved|declined/);

    expect(list.status).toBe(200);
    const listed = docxText(Buffer.from(await list.arrayBuffer())).text;
    expect(listed).toMatch(/需求变更改造清单[\s\S]*系统生成[\s\S]*有 [1-9]\d* 项/);
    expect(listed).toContain(`第${quarter}季度-需求变更改造清单.docx`);
  });
});
