import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingTalkSign, makeWebhookPoster, robotPostUrl } from './webhook-poster.ts';

const dingToken = '0123456789abcdef'.repeat(4);
const secret = `SEC${'ab'.repeat(32)}`;

describe('DingTalk’s 加签', () => {
  it('signs timestamp + "\\n" + secret with HmacSHA256, Base64, URL-encoded, as the published vector', () => {
    // The vector of the dingding crate's signature test (timestamp 1700000000000, secret "secret").
    expect(dingTalkSign(1_700_000_000_000, 'secret')).toBe(
      'OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D',
    );
  });

  it('goes into the address as timestamp and sign after the access_token', () => {
    // Act
    const url = robotPostUrl(
      { kind: 'dingtalk', webhookKey: dingToken, signingSecret: secret },
      1_700_000_000_000,
    );
    // Assess
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=${dingToken}&timestamp=1700000000000&sign=${dingTalkSign(1_700_000_000_000, secret)}`,
    );
    expect(new URL(url).searchParams.get('sign')).toBe(
      decodeURIComponent(dingTalkSign(1_700_000_000_000, secret)),
    );
  });

  it('a robot without a secret is posted to unsigned, and WeCom never is signed', () => {
    expect(robotPostUrl({ kind: 'dingtalk', webhookKey: dingToken, signingSecret: null }, 1)).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=${dingToken}`,
    );
    expect(
      robotPostUrl(
        { kind: 'wecom', webhookKey: '693a91f6-7aaa-4bc4-97a0-0ec2abfa5aaa', signingSecret: null },
        1,
      ),
    ).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2abfa5aaa',
    );
  });

  it('locally goes to the stand-in under the robot’s kind, path and query unchanged', () => {
    expect(
      robotPostUrl(
        { kind: 'dingtalk', webhookKey: dingToken, signingSecret: null },
        1,
        'http://127.0.0.1:3000/local/webhooks/',
      ),
    ).toBe(`http://127.0.0.1:3000/local/webhooks/dingtalk/robot/send?access_token=${dingToken}`);
  });
});

describe('what a robot’s answer means', () => {
  let server: Server;
  let endpoint: string;
  let answer: { status: number; body: string; delayMs?: number };
  const bodies: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        setTimeout(() => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(answer.body);
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const robot = {
    kind: 'wecom' as const,
    webhookKey: '693a91f6-7aaa-4bc4-97a0-0ec2abfa5aaa',
    signingSecret: null,
  };
  const post = (timeoutMs = 2000) =>
    makeWebhookPoster({ endpointOverride: endpoint, timeoutMs }).post(robot, {
      title: '【致命故障】',
      text: '**【致命故障】工单 WHZX-2026-00042**',
    });

  it('errcode 0 is delivered, and WeCom gets markdown', async () => {
    answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    expect(await post()).toEqual({ ok: true });
    expect(bodies.at(-1)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**【致命故障】工单 WHZX-2026-00042**' },
    });
  });

  it('HTTP 500 and a timeout are tried again; a wrong key is not, and says so in Chinese', async () => {
    answer = { status: 500, body: 'oops' };
    expect(await post()).toEqual({ ok: false, retry: true, error: '机器人应答 HTTP 500' });
    answer = { status: 200, body: '{"errcode":0}', delayMs: 500 };
    expect(await post(100)).toMatchObject({
      ok: false,
      retry: true,
      error: '机器人 0.1 秒内没有应答',
    });
    answer = { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' };
    expect(await post()).toEqual({
      ok: false,
      retry: false,
      error: 'errcode 93000：企业微信：机器人地址无效或机器人已被移出群（invalid webhook url）',
    });
    answer = { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' };
    expect(await post()).toMatchObject({ ok: false, retry: true });
  });

  it('does not follow a redirect away from the robot', async () => {
    answer = { status: 302, body: '' };
    expect(await post()).toEqual({ ok: false, retry: false, error: '机器人应答 HTTP 302' });
  });
});
