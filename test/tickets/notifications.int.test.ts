import { hmacLinkKey } from '@weibao/adapters';
import { personSchema, ticketEventSchema, ticketWithSlaSchema } from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import { vendorReplyAddress } from '@weibao/usecases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { caller } from '../faults/support.ts';
import { until } from '../mail/support.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  stack = await startTestStack();
  call = caller(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const engineer = 'engineer@vendor.example';
const manager = 'manager@vendor.example';
const reporter = 'dept@whch.example';
const tickets = '/api/hospitals/whzx/tickets';

async function report(severity: 'fatal' | 'serious' | 'minor', title: string) {
  const res = await call(engineer, 'POST', tickets, {
    kind: 'fault',
    severity,
    channel: 'phone',
    subsystemId: 's1',
    title,
    description: '门诊医生站无法开立处方',
    reporter: { name: '陈静', email: reporter, phone: '027-00000000' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return ticketWithSlaSchema.parse(res.body).ticket;
}

const mailsAbout = async (number: string) =>
  (await receivedEmails(stack.urls.sesv2)).filter((m) => m.subject.includes(number));

async function mailTo(number: string, to: string, words: string) {
  return until(
    async () =>
      (await mailsAbout(number)).find(
        (m) => m.destination.to.includes(to) && m.subject.includes(words),
      ),
    10_000,
    `the mail to ${to} with ${words}`,
  );
}

async function post(email: string, ticketId: string, body: Record<string, unknown>) {
  const current = ticketWithSlaSchema.parse(
    (await call(email, 'GET', `${tickets}/${ticketId}`)).body,
  );
  return call(email, 'POST', `${tickets}/${ticketId}/events`, {
    version: current.ticket.version,
    ...body,
  });
}

describe('people are told about a ticket', () => {
  it('tells the service manager of a new fatal fault at once, with a reply address of their own, and acknowledges the phone reporter with the deadlines', async () => {
    // Act
    const ticket = await report('fatal', `全院医嘱停用（通知） ${Date.now()}`);

    // Assess
    const toManager = await mailTo(ticket.number, manager, '新致命故障');
    expect(toManager.body.text).toContain('响应截止时间');
    const key = hmacLinkKey(Buffer.from(stack.env.linkSigningKey, 'base64'));
    expect(toManager.replyTo).toEqual([
      await vendorReplyAddress(key, {
        intakeLocalPart: 'whzx',
        intakeDomain: 'intake.example',
        ticketId: ticket.id,
        recipient: manager,
      }),
    ]);
    const ack = await mailTo(ticket.number, reporter, '已收到您的故障报告');
    expect(ack.body.text).toMatch(/响应截止时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
  });

  it('tells the engineers who reach the hospital of a new serious fault, not one limited to another hospital or deactivated', async () => {
    // Prepare: three engineers invited; one limited to 江城第二人民医院, one deactivated
    const invite = async (name: string, email: string) => {
      const res = await call('admin@vendor.example', 'POST', '/api/people', {
        name,
        email,
        phone: null,
        role: 'support-engineer',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return personSchema.parse(res.body);
    };
    const stamp = Date.now();
    const free = await invite('王工', `wang-${stamp}@vendor.example`);
    const elsewhere = await invite('赵工', `zhao-${stamp}@vendor.example`);
    const gone = await invite('钱工', `qian-${stamp}@vendor.example`);
    const limited = await call(
      'admin@vendor.example',
      'PUT',
      `/api/engineers/${encodeURIComponent(elsewhere.sub)}/hospitals`,
      { hospitalIds: ['jcey'], version: 0 },
    );
    expect(limited.status, JSON.stringify(limited.body)).toBe(200);
    const off = await call('admin@vendor.example', 'PATCH', `/api/people/${gone.id}`, {
      version: gone.version,
      state: 'deactivated',
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);

    // Act
    const ticket = await report('serious', `医保结算失败（工程师） ${stamp}`);

    // Assess: the manager, the demo engineer (assigned to whzx) and the unlimited one are told,
    // each in a mail of their own; the one limited to jcey and the deactivated one are not
    for (const to of [manager, engineer, free.email.toLowerCase()])
      await mailTo(ticket.number, to, '新严重故障');
    const recipients = (await mailsAbout(ticket.number)).flatMap((m) => m.destination.to);
    expect(recipients).not.toContain(elsewhere.email.toLowerCase());
    expect(recipients).not.toContain(gone.email.toLowerCase());
  });

  it('tells nobody at the vendor of a new minor fault, but still acknowledges the reporter', async () => {
    const ticket = await report('minor', `打印格式错位（通知） ${Date.now()}`);
    await mailTo(ticket.number, reporter, '已收到您的故障报告');
    await new Promise((r) => setTimeout(r, 500));
    expect(
      (await mailsAbout(ticket.number)).filter((m) => m.destination.to.includes(manager)),
    ).toEqual([]);
  });

  it('names a web reporter by their name from the token and acknowledges them at their address', async () => {
    // Act: the IT center's 刘洋 reports through the web form
    const res = await call('it@whch.example', 'POST', tickets, {
      kind: 'fault',
      severity: 'serious',
      subsystemId: 's1',
      title: `检验结果无法回传（网页报障） ${Date.now()}`,
      description: '检验科结果回传失败',
    });
    // Assess
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ticket = ticketWithSlaSchema.parse(res.body).ticket;
    expect(ticket.channel).toBe('web');
    expect(ticket.reporter).toMatchObject({ name: '刘洋', email: 'it@whch.example' });
    await mailTo(ticket.number, 'it@whch.example', '已收到您的故障报告');
  });

  it('makes the first responding engineer 负责人 and tells the reporter of the response and the resolution', async () => {
    // Prepare
    const ticket = await report('serious', `检验结果不回传（通知） ${Date.now()}`);

    // Act
    const responded = await post(engineer, ticket.id, { type: 'response', text: '正在排查。' });
    const resolved = await post(engineer, ticket.id, { type: 'resolution', text: '已修复接口。' });

    // Assess
    expect(responded.status).toBe(201);
    expect(resolved.status).toBe(201);
    const after = ticketWithSlaSchema.parse(
      (await call(engineer, 'GET', `${tickets}/${ticket.id}`)).body,
    ).ticket;
    expect(after.assignee).toMatchObject({ email: engineer, name: '李强' });
    const events = z
      .object({ items: z.array(ticketEventSchema) })
      .parse((await call(engineer, 'GET', `${tickets}/${ticket.id}/events`)).body).items;
    expect(events.map((e) => e.type)).toContain('assignment');
    await mailTo(ticket.number, reporter, '工程师已响应');
    const resolution = await mailTo(ticket.number, reporter, '故障已解决');
    expect(resolution.body.text).toContain('重新打开');
  });

  it('lets an engineer claim a ticket for themselves but not assign it to someone else; the manager assigns vendor staff of the directory, named as the directory has them', async () => {
    // Prepare: the engineer as the directory has them, and the name a client might send instead
    const people = z
      .object({ items: z.array(personSchema) })
      .parse((await call(manager, 'GET', '/api/people')).body).items;
    const li = people.find((p) => p.email === engineer);
    expect(li?.name).toBe('李强');
    const ticket = await report('minor', `报表导出慢（认领） ${Date.now()}`);
    const someone = { sub: 'someone-else', email: 'other@vendor.example', name: '赵六' };
    const forged = { sub: 'forged-sub', email: engineer, name: '王五' };

    // Act
    const assignOther = await post(engineer, ticket.id, { type: 'assignment', assignee: someone });
    const notInDirectory = await post(manager, ticket.id, {
      type: 'assignment',
      assignee: someone,
    });
    const managerAssigns = await post(manager, ticket.id, { type: 'assignment', assignee: forged });

    // Assess
    expect(assignOther.status).toBe(403);
    expect(notInDirectory.status).toBe(400);
    expect(JSON.stringify(notInDirectory.body)).toContain('assignee.email');
    expect(managerAssigns.status).toBe(201);
    expect(
      ticketWithSlaSchema.parse((await call(engineer, 'GET', `${tickets}/${ticket.id}`)).body)
        .ticket.assignee,
    ).toEqual({ sub: li?.sub, email: engineer, name: '李强' });
  });
});
