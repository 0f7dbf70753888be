import { setTimeout as sleep } from 'node:timers/promises';
import { jsonReply, notFound, type Reply } from './reply.ts';

/** One post a group robot's stand-in received. */
export interface WebhookPost {
  /** 1, 2, …: in the order they came. */
  seq: number;
  kind: 'wecom' | 'dingtalk';
  /** The robot's key (`key` / `access_token`), as the channel's page would mask it. */
  key: string;
  /** DingTalk: the timestamp and sign it was sent with (null: unsigned). */
  signature: { timestamp: string; sign: string } | null;
  /** The JSON body as sent: `{msgtype, markdown: {content}}` or `{msgtype, markdown: {title, text}}`. */
  body: unknown;
  /** The message's text, whichever robot it went to. */
  text: string;
  receivedAt: string;
  /** What the stand-in answered: 200 with errcode 0, or the status it was told to answer with. */
  answered: number;
  /** How long it held the request before answering (ms). */
  heldMs: number;
}

/** How the stand-in answers the next posts (a test's faults), then as a robot does: errcode 0. */
export interface WebhookBehaviour {
  /** HTTP status to answer (default 200). */
  status?: number;
  /** errcode in a 200 answer (default 0). */
  errcode?: number;
  /** Hold the request this long before answering. */
  holdMs?: number;
  /** For this many posts (default 1). */
  times?: number;
}

export interface WebhookStandIn {
  /** Every post received so far, oldest first (the last 500). */
  posts(): WebhookPost[];
  /** How the next posts are answered, in order of the calls. */
  answerNext(behaviour: WebhookBehaviour): void;
  clear(): void;
  /** `/local/webhooks…` of the local server. */
  handle(
    method: string,
    rawPath: string,
    rawQuery: string,
    body: Buffer,
    accept: string | undefined,
  ): Promise<Reply>;
}

const paths = {
  wecom: { path: '/wecom/cgi-bin/webhook/send', param: 'key', missing: 93000 },
  dingtalk: { path: '/dingtalk/robot/send', param: 'access_token', missing: 300001 },
} as const;

const masked = (key: string) =>
  key.length <= 12 ? '****' : `${key.slice(0, 4)}****${key.slice(-4)}`;

function textOf(body: unknown): string {
  const md = (body as { markdown?: { content?: unknown; text?: unknown } } | null)?.markdown;
  const text = md?.content ?? md?.text;
  return typeof text === 'string' ? text : JSON.stringify(body);
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const beijing = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The page beside the mail inbox: what the robots were sent, newest first. */
function page(posts: WebhookPost[]): string {
  const rows = [...posts]
    .reverse()
    .map(
      (p) =>
        `<tr><td>${p.seq}</td><td>${beijing(p.receivedAt)}</td><td>${p.kind === 'wecom' ? '企业微信' : '钉钉'}</td>` +
        `<td><code>${escapeHtml(masked(p.key))}</code>${p.signature ? '（加签）' : ''}</td>` +
        `<td>${p.answered}${p.heldMs > 0 ? `（${p.heldMs} ms 后）` : ''}</td>` +
        `<td><pre>${escapeHtml(p.text)}</pre></td></tr>`,
    )
    .join('\n');
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    '<title>群机器人消息（本地）</title></head><body>',
    '<h1>群机器人消息（本地替身）</h1>',
    '<p>本地环境中发往企业微信和钉钉群机器人的消息都到这里，不会发到互联网。时间为北京时间。JSON：加 <code>Accept: application/json</code>。</p>',
    `<table border="1" cellpadding="4"><thead><tr><th>#</th><th>收到时间</th><th>机器人</th><th>key</th><th>应答</th><th>内容</th></tr></thead><tbody>`,
    rows || '<tr><td colspan="6">还没有消息</td></tr>',
    '</tbody></table></body></html>',
  ].join('\n');
}

/**
 * The WeCom and DingTalk group robots of the local stack, under `/local/webhooks` of the local
 * server: the channel-delivery function posts here instead of to the internet
 * (WEBHOOK_ENDPOINT_URL). It answers as the robots do (HTTP 200, `{"errcode":0,"errmsg":"ok"}`),
 * keeps what it received, and answers otherwise when a test says so (a 500, a slow answer).
 */
export function createWebhookStandIn(now: () => number = Date.now): WebhookStandIn {
  const received: WebhookPost[] = [];
  const queue: Required<WebhookBehaviour>[] = [];
  let seq = 0;
  return {
    posts: () => [...received],
    answerNext: (b) =>
      queue.push({
        status: b.status ?? 200,
        errcode: b.errcode ?? 0,
        holdMs: b.holdMs ?? 0,
        times: b.times ?? 1,
      }),
    clear: () => {
      received.length = 0;
      queue.length = 0;
    },
    async handle(method, rawPath, rawQuery, body, accept) {
      const path = rawPath.replace(/^\/local\/webhooks/, '');
      if (path === '' || path === '/') {
        if (method !== 'GET' && method !== 'HEAD') return jsonReply(405, { message: 'Use GET.' });
        if (accept?.includes('text/html'))
          return {
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
            body: Buffer.from(page(received), 'utf8'),
          };
        return jsonReply(200, { items: received }, 'application/json', {
          'cache-control': 'no-store',
        });
      }
      const kind = (Object.keys(paths) as (keyof typeof paths)[]).find(
        (k) => paths[k].path === path,
      );
      if (!kind) return notFound();
      if (method !== 'POST') return jsonReply(405, { message: 'Use POST.' });
      const query = new URLSearchParams(rawQuery);
      const key = query.get(paths[kind].param) ?? '';
      if (!key)
        return jsonReply(200, { errcode: paths[kind].missing, errmsg: 'invalid webhook url' });
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return jsonReply(200, { errcode: 40008, errmsg: 'invalid message type' });
      }
      const behaviour = queue[0];
      if (behaviour && --behaviour.times <= 0) queue.shift();
      const status = behaviour?.status ?? 200;
      const heldMs = behaviour?.holdMs ?? 0;
      const timestamp = query.get('timestamp');
      const sign = query.get('sign');
      received.push({
        seq: (seq += 1),
        kind,
        key,
        signature: timestamp && sign ? { timestamp, sign } : null,
        body: json,
        text: textOf(json),
        receivedAt: new Date(now()).toISOString(),
        answered: status,
        heldMs,
      });
      if (received.length > 500) received.shift();
      if (heldMs > 0) await sleep(heldMs);
      if (status !== 200) return jsonReply(status, { errcode: -1, errmsg: 'system error' });
      const errcode = behaviour?.errcode ?? 0;
      return jsonReply(200, { errcode, errmsg: errcode === 0 ? 'ok' : 'refused by the stand-in' });
    },
  };
}
