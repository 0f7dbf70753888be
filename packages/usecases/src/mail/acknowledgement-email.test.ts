import { describe, expect, it } from 'vitest';
import type { TicketSla } from '@weibao/domain';
import type { TicketRecord } from '@weibao/store';
import { acknowledgementEmail } from './acknowledgement-email.ts';

const ticket = {
  id: '01KAW00000000000000000TKT1',
  number: 'WHZX-2026-00042',
  title: '住院医生工作站停机',
  severity: 'fatal',
  severityConfirmed: false,
  reportedAt: '2026-03-02T01:10:00.000Z',
} as TicketRecord;
const sla = {
  clocks: [
    { kind: 'response', deadline: '2026-03-02T02:10:00.000Z' },
    { kind: 'resolution', deadline: '2026-03-02T03:10:00.000Z' },
  ],
} as TicketSla;

describe('the acknowledgement of an emailed fault report', () => {
  const { subject, text } = acknowledgementEmail({
    ticket,
    hospitalName: '武汉市中心医院',
    sla,
    link: 'https://weibao.example.com/hospitals/whzx/tickets/01KAW00000000000000000TKT1',
  });

  it('names the ticket number in the subject, so replies thread by it', () => {
    expect(subject).toMatch(/^【WHZX-2026-00042】/);
  });

  it('shows the response and resolution deadlines in Beijing time, Chinese first and English below', () => {
    expect(text).toContain('响应截止时间：2026-03-02 10:10（北京时间）');
    expect(text).toContain('解决截止时间：2026-03-02 11:10（北京时间）');
    expect(text.indexOf('响应截止时间')).toBeLessThan(text.indexOf('Response due'));
    expect(text).toContain('Response due: 2026-03-02T02:10:00.000Z');
  });

  it('says the severity is proposed until an engineer confirms it, and that it is not a response', () => {
    expect(text).toContain('致命错误（根据邮件内容初步判断，待工程师确认）');
    expect(text).toContain('不是工程师的响应');
    expect(text).toContain('proposed from your email');
  });

  it('links to the ticket', () => {
    expect(text).toContain('/hospitals/whzx/tickets/01KAW00000000000000000TKT1');
  });

  it('says where the fault is when the report named campus and place, and leaves the line out when not', () => {
    const named = acknowledgementEmail({
      ticket: { ...ticket, campus: '后湖院区', place: '心内科病区 3 楼护士站' },
      hospitalName: '武汉市中心医院',
      sla,
      link: 'https://weibao.example.com/hospitals/whzx/tickets/01KAW00000000000000000TKT1',
    }).text;
    expect(named).toContain('地点：后湖院区 · 心内科病区 3 楼护士站');
    expect(named).toContain('Where: 后湖院区 · 心内科病区 3 楼护士站');
    expect(text).not.toContain('地点：');
  });
});
