import { describe, expect, it } from 'vitest';
import { isAutomatic, type HeaderFields } from './automatic-mail.ts';

const person = { address: 'zhangsan@whzx.cn' };

describe('isAutomatic', () => {
  it.each<[string, HeaderFields]>([
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted: auto-generated', { 'auto-submitted': 'auto-generated; owner-email=a@b' }],
    ['X-Autoreply', { 'x-autoreply': 'yes' }],
    ['X-Autorespond', { 'x-autorespond': 'Out of office' }],
    ['X-Auto-Response-Suppress: All', { 'x-auto-response-suppress': 'All' }],
    ['Precedence: bulk', { precedence: 'bulk' }],
    ['Precedence: junk', { precedence: 'junk' }],
    ['Precedence: list', { precedence: 'list' }],
    ['Precedence: auto_reply', { precedence: 'auto_reply' }],
    ['List-Id', { 'list-id': '<it.whzx.cn>' }],
    ['List-Unsubscribe', { 'list-unsubscribe': '<mailto:leave@whzx.cn>' }],
    ['multipart/report', { 'content-type': 'multipart/report; report-type=delivery-status' }],
  ])('recognises machine mail by %s', (_rule, headers) => {
    expect(isAutomatic(headers, '医嘱系统报错', person).automatic).toBe(true);
  });

  it.each([
    '自动回复：医嘱系统报错',
    '【自动回复】您好，我正在休假',
    '休假自动回复',
    '【休假】李四 12月1日返岗',
    'Automatic reply: HIS down',
    'Out of Office: HIS down',
    'Auto-Reply: HIS down',
    'Undelivered Mail Returned to Sender',
    'Delivery Status Notification (Failure)',
    '系统退信',
    '退信通知',
  ])('recognises the subject "%s"', (subject) => {
    expect(isAutomatic({}, subject, person)).toEqual({
      automatic: true,
      reason: expect.stringMatching(/^subject: /),
    });
  });

  it('recognises a bounce by its sender MAILER-DAEMON or postmaster', () => {
    expect(isAutomatic({}, 'failure', { address: 'MAILER-DAEMON@mx.whzx.cn' }).reason).toBe(
      'bounce from MAILER-DAEMON@mx.whzx.cn',
    );
    expect(isAutomatic({}, 'failure', { address: 'postmaster@qq.com' }).automatic).toBe(true);
  });

  it('takes a hospital user’s fault report for a person’s mail', () => {
    expect(
      isAutomatic(
        { 'auto-submitted': 'no', 'content-type': 'multipart/mixed; boundary=x' },
        '休假期间住院医生站宕机',
        person,
      ),
    ).toEqual({ automatic: false, reason: null });
  });

  it('does not take the X-Auto-Response-Suppress that Exchange stamps on relayed human mail for a machine', () => {
    const headers = { 'x-auto-response-suppress': 'DR, RN, NRN, OOF, AutoReply' };
    expect(isAutomatic(headers, 'Re: 医嘱系统报错', person).automatic).toBe(false);
  });

  it('reads header names in any case and repeated fields', () => {
    expect(isAutomatic({ Precedence: ['normal', 'bulk'] }, 's', person).automatic).toBe(true);
  });
});
