import { describe, expect, it } from 'vitest';
import { channelKeywordLine, inertMarkdown, ticketChannelMessage } from './channel-messages.ts';
import { channelDeliveryId, channelEventOf } from './channel-notify.ts';

const ticket = {
  number: 'WHZX-2026-00042',
  title: '住院医生站停机',
  severity: 'fatal' as const,
  severityConfirmed: true,
  reportedAt: '2026-12-05T02:15:00.000Z',
};

describe('a notification channel’s message', () => {
  it('names a new fatal ticket by its number, with the response deadline in 北京时间', () => {
    // Act
    const m = ticketChannelMessage({
      notice: 'opened',
      ticket,
      hospitalName: '武汉市中心医院',
      clock: 'response',
      deadline: '2026-12-05T02:30:00.000Z',
      link: 'https://weibao.example/hospitals/whzx/tickets/01J',
    });
    // Assess
    expect(m.title).toBe(
      '【致命故障】工单 WHZX-2026-00042 住院医生站停机，响应时限 2026-12-05 10:30（北京时间）',
    );
    expect(m.text).toContain(`**${m.title}**`);
    expect(m.text).toContain('> 报告时间：2026-12-05 10:15（北京时间）');
    expect(m.text).toContain('[打开详情](https://weibao.example/hospitals/whzx/tickets/01J)');
    expect(m.text.endsWith(channelKeywordLine)).toBe(true);
  });

  it('says a breach and the deadline that passed, and a proposed severity as such', () => {
    const m = ticketChannelMessage({
      notice: 'breach',
      ticket: { ...ticket, severity: 'serious', severityConfirmed: false },
      hospitalName: '武汉市中心医院',
      clock: 'resolution',
      deadline: '2026-12-05T10:15:00.000Z',
      link: 'x',
    });
    expect(m.title).toBe(
      '【解决已超时】工单 WHZX-2026-00042 住院医生站停机，解决时限 2026-12-05 18:15（北京时间）已过',
    );
    expect(m.text).toContain('严重程度：严重（初步判断，待工程师确认）');
  });

  it('keeps what people typed from turning into links, emphasis or tags in the robots’ markdown', () => {
    expect(inertMarkdown('[点我](http://evil) **急** <font color="warning">x</font>')).toBe(
      '［点我］（http://evil） ＊＊急＊＊ ＜font color="warning"＞x＜/font＞',
    );
  });

  it('goes to channels for fatal and serious new tickets and every SLA point, not minor ones', () => {
    expect(channelEventOf('opened', 'fatal')).toBe('ticket-fatal');
    expect(channelEventOf('opened', 'serious')).toBe('ticket-serious');
    expect(channelEventOf('opened', 'minor')).toBeNull();
    expect(channelEventOf('breach', 'minor')).toBe('sla-breach');
  });

  it('names one delivery the same each time, and differently per channel', () => {
    const a = channelDeliveryId('ticket:01J:1:opened', 'C1');
    expect(channelDeliveryId('ticket:01J:1:opened', 'C1')).toBe(a);
    expect(channelDeliveryId('ticket:01J:1:opened', 'C2')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
  });
});
