import { describe, expect, it } from 'vitest';
import { senderOf } from './sender.ts';

describe('senderOf', () => {
  it('takes the From mailbox with its display name', () => {
    expect(senderOf(['=?UTF-8?B?5byg5LiJ?= <zhangsan@whzx.cn>'], [])).toEqual({
      address: 'zhangsan@whzx.cn',
      name: '张三',
    });
  });

  it('falls back to Reply-To when From has no address', () => {
    expect(senderOf(['"=?GB2312?B?ztI=?=" <>'], ['<it@whzx.cn>'])).toEqual({
      address: 'it@whzx.cn',
      name: '',
    });
  });

  it('skips an unusable From header when the message has another one', () => {
    expect(senderOf(['[??????]', '=?utf-8?B?6YO955C5?= <a@185.com.cn>'], ['b@qq.com'])).toEqual({
      address: 'a@185.com.cn',
      name: '都琹',
    });
  });

  it('keeps two mailboxes apart when the first has an empty address', () => {
    expect(senderOf(['"Yangzhou Lighting " <>, "LTD" <ly@example.com>'], [])).toEqual({
      address: 'ly@example.com',
      name: 'LTD',
    });
  });

  it('reads the RFC 822 comment form of a bounce sender', () => {
    expect(senderOf(['MAILER-DAEMON (Mail Delivery System)'], [])).toEqual({
      address: 'MAILER-DAEMON',
      name: 'Mail Delivery System',
    });
  });

  it('keeps what is between the angle brackets rather than inventing an address', () => {
    expect(senderOf(['"your secret past" <power quadrant system@example.com>'], [])).toEqual({
      address: 'power quadrant system@example.com',
      name: 'your secret past',
    });
  });

  it('is null when neither From nor Reply-To names anyone', () => {
    expect(senderOf([], [])).toBeNull();
    expect(senderOf(['undisclosed'], [])).toBeNull();
  });
});
