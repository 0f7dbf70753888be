import { describe, expect, it } from 'vitest';
import { newTextOf } from './new-text.ts';

const reply = '医嘱保存仍然报错，请再看一下。\n\n张医生';

describe('newTextOf', () => {
  it.each([
    ['quoted lines', `${reply}\n\n> 请重启客户端后再试\n> 工程师 李四`],
    [
      'Gmail and Thunderbird "On … wrote:", wrapped',
      `${reply}\n\nOn Wed, Nov 25, 2026 at 10:03 AM Li Si <lisi@vendor.cn>\nwrote:\n> 请重启客户端后再试`,
    ],
    [
      'Apple Mail in Chinese "在 … 写道："',
      `${reply}\n\n在 2026年11月25日 10:03，李四 <lisi@vendor.cn> 写道：\n\n> 请重启客户端后再试`,
    ],
    [
      'Gmail in Chinese "… 于 … 写道："',
      `${reply}\n\n李四 <lisi@vendor.cn> 于2026年11月25日周三 10:03写道：\n\n> 请重启客户端后再试`,
    ],
    [
      'Outlook "-----Original Message-----"',
      `${reply}\n\n-----Original Message-----\nFrom: Li Si\nSent: Wednesday, November 25, 2026 10:03 AM\n请重启客户端后再试`,
    ],
    [
      'Outlook in Chinese "-----原始邮件-----"',
      `${reply}\n\n-----原始邮件-----\n发件人: 李四\n发送时间: 2026年11月25日 10:03\n请重启客户端后再试`,
    ],
    [
      'Outlook header block without a rule',
      `${reply}\n\n发件人: 李四 <lisi@vendor.cn>\n发送时间: 2026年11月25日 10:03\n收件人: 张医生\n主题: 回复: 医嘱保存报错\n\n请重启客户端后再试`,
    ],
    [
      'Outlook on the web, English header block under a rule',
      `${reply}\n\n________________________________\nFrom: Li Si <lisi@vendor.cn>\nSent: Wednesday, November 25, 2026 10:03\nTo: Zhang\nSubject: RE: error\n\n请重启客户端后再试`,
    ],
    [
      'Foxmail, QQ Mail and 网易 "------------------ 原始邮件 ------------------"',
      `${reply}\n\n------------------ 原始邮件 ------------------\n发件人: "李四"<lisi@vendor.cn>;\n发送时间: 2026年11月25日(星期三) 上午10:03\n请重启客户端后再试`,
    ],
    ['a "-- " signature', `${reply}\n-- \n武汉市中心医院 信息中心\n电话 027-0000`],
    [
      '"发自我的iPhone"',
      `${reply}\n\n发自我的iPhone\n\n------------------ 原始邮件 ------------------\n旧内容`,
    ],
    ['"Sent from my iPhone"', `${reply}\n\nSent from my iPhone\n\n> 请重启客户端后再试`],
  ])('separates the new text from %s', (_style, fullText) => {
    expect(newTextOf(fullText)).toBe(reply);
  });

  it('keeps the answer of a bottom-posted reply that starts with the attribution', () => {
    // Prepare
    const fullText =
      'On Wed, Nov 25, 2026 at 10:03 AM Li Si <lisi@vendor.cn> wrote:\n> 请重启客户端后再试\n\n' +
      `${reply}\n-- \n信息中心`;

    // Act
    const text = newTextOf(fullText);

    // Assess
    expect(text).toBe(reply);
  });

  it('keeps quotes interleaved with answers, which the answers need', () => {
    const fullText = '> 是哪个院区？\n后湖院区\n> 几点开始？\n上午九点\n\n> 谢谢';
    expect(newTextOf(fullText)).toBe('> 是哪个院区？\n后湖院区\n> 几点开始？\n上午九点');
  });

  it('takes a bare forward as a whole, so a forwarded fault report still reads as the report', () => {
    const fullText =
      '-----原始邮件-----\n发件人: 护士站\n发送时间: 2026年11月25日 10:03\n\n医嘱系统宕机';
    expect(newTextOf(fullText)).toBe(fullText);
  });

  it('keeps a line of underscores that no quoted header block follows', () => {
    const fullText = '故障现象\n______________________\n处理建议';
    expect(newTextOf(fullText)).toBe(fullText);
  });

  it('does not take a sentence ending in 写道： for an attribution', () => {
    const fullText = '科主任在邮件中写道：\n“系统经常卡顿，影响查房。”';
    expect(newTextOf(fullText)).toBe(fullText);
  });
});
