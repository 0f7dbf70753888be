import { createHmac } from 'node:crypto';
import { channelSchema, listOf, ticketWithSlaSchema } from '@weibao/api';
import { makeObligationSchedulesFromEnv } from '@weibao/adapters';
import { shanghaiDateOf } from '@weibao/domain';
import type { WebhookPost } from '@weibao/local';
import type { ObligationTimerPayload } from '@weibao/usecases';
import { beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../faults/support.ts';
import { until } from '../mail/support.ts';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();
const call = caller(stack);

const admin = 'admin@vendor.example';
const it_ = 'it@whch.example';
const engineer = 'engineer@vendor.example';
const channels = '/api/hospitals/whzx/channels';
const tickets = '/api/hospitals/whzx/tickets';

const wecomKey = '693a91f6-7aaa-4bc4-97a0-0ec2abfa5aaa';
const dingToken = '0123456789abcdef'.repeat(4);
const dingSecret = `SEC${'5a3ecf88'.repeat(8)}`;
const reminderKey = '0f0e0d0c-0b0a-4908-8706-050403020100';
const demoContract = '01KAW00000000000000000WHZX';

/** 2026-12-05T02:30:00Z → 2026-12-05 10:30（北京时间）. */
const beijing = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}（北京时间）`;
};

async function report(severity: 'fatal' | 'serious' | 'minor', title: string) {
  const res = await call(engineer, 'POST', tickets, {
    kind: 'fault',
    severity,
    channel: 'phone',
    subsystemId: 's1',
    title,
    description: '全院医嘱无法提交',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...ticketWithSlaSchema.parse(res.body), ms: res.ms };
}

const postsAbout = (number: string, kind?: WebhookPost['kind']) =>
  stack.webhooks.posts().filter((p) => p.text.includes(number) && (!kind || p.kind === kind));

async function listed() {
  const res = await call(admin, 'GET', channels);
  expect(res.status).toBe(200);
  return listOf(channelSchema).parse(res.body).items;
}

beforeAll(async () => {
  // The IT center sets its hospital's WeCom group; the vendor admin a signed DingTalk group.
  const wecom = await call(it_, 'POST', channels, {
    kind: 'wecom',
    name: '信息中心值班群',
    contractId: null,
    webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}`,
    signingSecret: null,
    events: ['ticket-fatal', 'ticket-serious'],
  });
  expect(wecom.status, JSON.stringify(wecom.body)).toBe(201);
  const ding = await call(admin, 'POST', channels, {
    kind: 'dingtalk',
    name: '厂商工程师群',
    contractId: null,
    webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${dingToken}`,
    signingSecret: dingSecret,
    events: ['ticket-fatal', 'sla-breach'],
  });
  expect(ding.status, JSON.stringify(ding.body)).toBe(201);
});

describe('notification channels (WeCom and DingTalk group robots)', () => {
  it('a new fatal ticket posts once to the WeCom and the DingTalk stand-in, with its number and the response deadline in 北京时间, and its creation does not wait for a robot that holds the post 5 s', async () => {
    // Prepare: each robot holds its post for 5 s before answering
    stack.webhooks.answerNext({ holdMs: 5_000, times: 2 });

    // Act
    const { ticket, sla, ms } = await report('fatal', '住院医生站停机');

    // Assess: answered long before a robot did
    console.info(
      `fatal ticket created in ${Math.round(ms)} ms; the robots hold their posts 5000 ms`,
    );
    expect(ms).toBeLessThan(2_500);
    const deadline = sla?.clocks.find((c) => c.kind === 'response')?.deadline;
    if (!deadline) throw new Error('a fatal ticket has a response deadline');
    const wecom = await until(
      async () => postsAbout(ticket.number, 'wecom')[0],
      15_000,
      'the WeCom post',
    );
    const ding = await until(
      async () => postsAbout(ticket.number, 'dingtalk')[0],
      15_000,
      'the DingTalk post',
    );
    for (const post of [wecom, ding]) {
      expect(post.text).toContain(
        `【致命故障】工单 ${ticket.number} 住院医生站停机，响应时限 ${beijing(deadline)}`,
      );
      // The ticket's internal id only in the link to its page, never in what people read.
      expect(post.text.replace(/\]\(http[^)]*\)/g, '')).not.toContain(ticket.id);
      expect(post.heldMs).toBe(5_000);
    }
    expect(wecom.key).toBe(wecomKey);
    expect(wecom.body).toMatchObject({ msgtype: 'markdown', markdown: { content: wecom.text } });
    expect(ding.key).toBe(dingToken);
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { text: ding.text } });
    // DingTalk's 加签, checked as DingTalk does it.
    const expected = createHmac('sha256', dingSecret)
      .update(`${ding.signature?.timestamp}\n${dingSecret}`)
      .digest('base64');
    expect(ding.signature?.sign).toBe(expected);
    // Both channels show the delivery once the robots have answered, and nothing is posted twice.
    await until(
      async () =>
        (await listed()).every((c) => c.status.lastDeliveredAt !== null) ? true : undefined,
      15_000,
      'both channels delivered',
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(postsAbout(ticket.number, 'wecom')).toHaveLength(1);
    expect(postsAbout(ticket.number, 'dingtalk')).toHaveLength(1);
  });

  it('a robot answering 500 is tried again and gets the message; the channel shows the error meanwhile, and the write never waited', async () => {
    // Prepare: the next post is answered 500
    stack.webhooks.answerNext({ status: 500 });

    // Act: a serious fault goes to the WeCom group only
    const { ticket, ms } = await report('serious', '检验系统报告无法打印');

    // Assess
    console.info(`serious ticket created in ${Math.round(ms)} ms; the robot answers 500 first`);
    expect(ms).toBeLessThan(2_500);
    const wecom = await until(
      async () => {
        const found = postsAbout(ticket.number, 'wecom');
        return found.length >= 2 ? found : undefined;
      },
      20_000,
      'the WeCom post and its retry',
    );
    expect(wecom.map((p) => p.answered)).toEqual([500, 200]);
    const channel = await until(
      async () =>
        (await listed()).find(
          (c) =>
            c.kind === 'wecom' &&
            c.status.lastError !== null &&
            (c.status.lastDeliveredAt ?? '') > (c.status.lastFailedAt ?? ''),
        ),
      15_000,
      'the WeCom channel delivered after its failure',
    );
    expect(channel.status.lastError).toBe('机器人应答 HTTP 500');
    expect(channel.status.failuresSinceDelivery).toBe(0);
    expect(postsAbout(ticket.number, 'dingtalk')).toEqual([]);
    expect(stack.scheduler.deadLetters().filter((d) => d.name.startsWith('chd-'))).toEqual([]);
  });

  it('a new minor ticket goes to no group', async () => {
    const { ticket } = await report('minor', '报表字体偏小');
    await new Promise((r) => setTimeout(r, 2_500));
    expect(postsAbout(ticket.number)).toEqual([]);
  });

  it('never answers a robot’s key or secret back, nor keeps them in the audit log', async () => {
    // Act
    const list = await call(it_, 'GET', channels);
    const audit = await call(admin, 'GET', '/api/hospitals/whzx/audit?limit=50');

    // Assess
    const listed = listOf(channelSchema).parse(list.body).items;
    expect(listed.map((c) => c.webhookUrl).sort()).toEqual([
      'https://oapi.dingtalk.com/robot/send?access_token=0123****cdef',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****5aaa',
    ]);
    expect(listed.find((c) => c.kind === 'dingtalk')?.signed).toBe(true);
    for (const text of [JSON.stringify(list.body), JSON.stringify(audit.body)]) {
      expect(text).not.toContain(wecomKey);
      expect(text).not.toContain(dingToken);
      expect(text).not.toContain(dingSecret);
    }
    expect(JSON.stringify(audit.body)).toContain('channel.create');
  });

  it('refuses an address that is not the robot’s official one, in Chinese at the field', async () => {
    for (const webhookUrl of [
      `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}`,
      `https://127.0.0.1/cgi-bin/webhook/send?key=${wecomKey}`,
      `https://qyapi.weixin.qq.com.example/cgi-bin/webhook/send?key=${wecomKey}`,
    ]) {
      const res = await call(it_, 'POST', channels, {
        kind: 'wecom',
        name: '别处',
        contractId: null,
        webhookUrl,
        signingSecret: null,
        events: ['ticket-fatal'],
      });
      expect(res.status, webhookUrl).toBe(400);
      expect(res.body).toMatchObject({
        errors: [
          { path: 'webhookUrl', message: expect.stringContaining('企业微信群机器人的地址应为') },
        ],
      });
    }
  });

  it('lets only vendor admins and the hospital’s own IT center set channels', async () => {
    const body = {
      kind: 'wecom',
      name: '科室群',
      contractId: null,
      webhookUrl:
        'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=11111111-2222-3333-4444-555555555555',
      signingSecret: null,
      events: ['ticket-fatal'],
    };
    expect((await call('dept@whch.example', 'POST', channels, body)).status).toBe(403);
    expect((await call('manager@vendor.example', 'POST', channels, body)).status).toBe(403);
    expect((await call('it@second.example', 'POST', channels, body)).status).toBe(404);
    expect((await call('it@second.example', 'GET', channels)).status).toBe(404);
  });

  it('an obligation reminder reaches the channels that want it, once though its schedule fires twice', async () => {
    // Prepare: a group for the demo contract's reminders only
    const added = await call(admin, 'POST', channels, {
      kind: 'wecom',
      name: '服务经理群',
      contractId: demoContract,
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${reminderKey}`,
      signingSecret: null,
      events: ['obligation-reminder'],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const today = shanghaiDateOf(stack.now());
    const payload: ObligationTimerPayload = {
      kind: 'obligation-reminder',
      hospitalId: 'whzx',
      contractId: demoContract,
      obligationId: 'deliverables-4',
      reminderKey: `${today}:before-98`,
    };
    const at = Math.ceil((stack.now() + 1500) / 1000) * 1000;

    // Act: two schedules with the same payload, as a Scheduler delivering twice would
    await makeObligationSchedulesFromEnv().put([
      { name: `chn-dup-a-${Date.now()}`, atMs: at, payload, description: 'test' },
      { name: `chn-dup-b-${Date.now()}`, atMs: at, payload, description: 'test' },
    ]);

    // Assess
    const reminders = () =>
      stack.webhooks
        .posts()
        .filter((p) => p.key === reminderKey && p.text.includes('还有98个工作日到期'));
    await until(
      async () => (reminders().length > 0 ? true : undefined),
      20_000,
      'the reminder post',
    );
    await new Promise((r) => setTimeout(r, 2_500));
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.text).toContain(
      '【维保提醒】武汉市中心医院 项目提交物（第4期） 还有98个工作日到期',
    );
  });

  it('a removed or switched-off channel is told nothing more', async () => {
    // Prepare
    const all = await listed();
    const wecom = all.find((c) => c.name === '信息中心值班群');
    const ding = all.find((c) => c.name === '厂商工程师群');
    if (!wecom || !ding) throw new Error('two channels');
    const off = await call(it_, 'PATCH', `${channels}/${wecom.id}`, {
      version: wecom.version,
      enabled: false,
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const stale = await call(admin, 'DELETE', `${channels}/${ding.id}?version=${ding.version + 5}`);
    expect(stale.status).toBe(409);
    const removed = await call(admin, 'DELETE', `${channels}/${ding.id}?version=${ding.version}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);

    // Act
    const { ticket } = await report('fatal', '挂号系统停机');

    // Assess
    await new Promise((r) => setTimeout(r, 2_500));
    expect(postsAbout(ticket.number)).toEqual([]);
    expect((await listed()).map((c) => c.name).sort()).toEqual(
      ['服务经理群', '信息中心值班群'].sort(),
    );
  });

  it('tells a group of a fatal ticket at risk and, when the response deadline passes unanswered, of the breach, by the SLA timer', async () => {
    // Prepare: a vendor's DingTalk group for SLA points only, unsigned
    const added = await call(admin, 'POST', channels, {
      kind: 'dingtalk',
      name: '升级群',
      contractId: null,
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${'f'.repeat(64)}`,
      signingSecret: null,
      events: ['sla-at-risk', 'sla-breach'],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);

    // Act: reported by phone 59m50s ago, unanswered: at risk at once, breached in 10 s
    const res = await call(engineer, 'POST', tickets, {
      kind: 'fault',
      severity: 'fatal',
      channel: 'phone',
      subsystemId: 's1',
      title: '急诊系统停机',
      description: '急诊挂号无法完成',
      reportedAt: new Date(stack.now() - (59 * 60 + 50) * 1000).toISOString(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { ticket, sla } = ticketWithSlaSchema.parse(res.body);
    const deadline = sla?.clocks.find((c) => c.kind === 'response')?.deadline as string;

    // Assess
    const breach = await until(
      async () => postsAbout(ticket.number, 'dingtalk').find((p) => p.text.includes('已超时')),
      30_000,
      'the breach post',
    );
    expect(breach.text).toContain(
      `【响应已超时】工单 ${ticket.number} 急诊系统停机，响应时限 ${beijing(deadline)}已过`,
    );
    const posts = postsAbout(ticket.number, 'dingtalk').map((p) => p.text.split('\n')[0]);
    expect(posts).toEqual([
      `**【响应即将超时】工单 ${ticket.number} 急诊系统停机，响应时限 ${beijing(deadline)}**`,
      `**【响应已超时】工单 ${ticket.number} 急诊系统停机，响应时限 ${beijing(deadline)}已过**`,
    ]);
  }, 60_000);
});
