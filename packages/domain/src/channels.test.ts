import { describe, expect, it } from 'vitest';
import { maskedWebhookUrl, parseWebhookUrl, webhookUrl } from './channels.ts';

const wecomKey = '693a91f6-7aaa-4bc4-97a0-0ec2abfa5aaa';
const dingToken = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);

describe('a notification channel’s webhook address', () => {
  it('takes the key out of the official WeCom and DingTalk addresses', () => {
    // Act
    const wecom = parseWebhookUrl(
      'wecom',
      `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}`,
    );
    const ding = parseWebhookUrl(
      'dingtalk',
      ` https://oapi.dingtalk.com/robot/send?access_token=${dingToken} `,
    );
    // Assess
    expect(wecom).toEqual({ ok: true, key: wecomKey });
    expect(ding).toEqual({ ok: true, key: dingToken });
    expect(webhookUrl('wecom', wecomKey)).toBe(
      `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}`,
    );
  });

  it.each([
    ['http, not https', `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}`],
    ['another host', `https://evil.example/cgi-bin/webhook/send?key=${wecomKey}`],
    [
      'a look-alike host',
      `https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=${wecomKey}`,
    ],
    [
      'an address inside the network',
      `https://169.254.169.254/cgi-bin/webhook/send?key=${wecomKey}`,
    ],
    ['a port', `https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=${wecomKey}`],
    ['a user', `https://a@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}`],
    ['another path', `https://qyapi.weixin.qq.com/cgi-bin/webhook/upload_media?key=${wecomKey}`],
    ['a second parameter', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}&x=1`],
    ['a key of the wrong shape', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc'],
    ['a DingTalk address', `https://oapi.dingtalk.com/robot/send?access_token=${dingToken}`],
    ['no address at all', 'qyapi.weixin.qq.com'],
  ])('refuses %s for WeCom, saying why in Chinese', (_, url) => {
    // Act
    const out = parseWebhookUrl('wecom', url);
    // Assess
    expect(out.ok).toBe(false);
    if (!out.ok)
      expect(out.message).toMatch(/企业微信群机器人的地址应为 https:\/\/qyapi\.weixin\.qq\.com/);
  });

  it('masks the key whenever the address is shown again', () => {
    expect(maskedWebhookUrl('dingtalk', dingToken)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=aaaa****cdef',
    );
    expect(maskedWebhookUrl('wecom', wecomKey)).not.toContain(wecomKey.slice(4, -4));
  });
});
