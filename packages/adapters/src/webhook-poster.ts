import { createHmac } from 'node:crypto';
import { webhookUrl, type ChannelKind } from '@weibao/domain';
import type { ChannelMessage, WebhookOutcome, WebhookPoster } from '@weibao/usecases';

/**
 * DingTalk's 加签: HmacSHA256 keyed with the secret over `timestamp + "\n" + secret`, Base64, then
 * URL-encoded into the `sign` parameter (timestamp in epoch milliseconds, within an hour of
 * DingTalk's clock). Returns the encoded value as it goes into the query string.
 */
export function dingTalkSign(timestampMs: number, secret: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  return encodeURIComponent(mac);
}

/** WeCom takes at most 4096 bytes of markdown; DingTalk's limit is larger. Cut at a character. */
const maxMarkdownBytes = 4000;
function fitBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = s;
  while (Buffer.byteLength(out) > max - 3) out = out.slice(0, -1);
  return `${out}…`;
}

/** What a robot's errcode means to the person who set it up, and whether trying again may help. */
const knownErrcodes: Record<number, { zh: string; retry: boolean }> = {
  [-1]: { zh: '机器人服务繁忙', retry: true },
  45009: { zh: '企业微信：发送太频繁（每个机器人每分钟最多 20 条）', retry: true },
  93000: { zh: '企业微信：机器人地址无效或机器人已被移出群', retry: false },
  93004: { zh: '企业微信：机器人已被停用', retry: false },
  130101: { zh: '钉钉：发送太频繁（每个机器人每分钟最多 20 条）', retry: true },
  300001: { zh: '钉钉：access_token 无效或机器人已被移除', retry: false },
  310000: { zh: '钉钉：安全设置不符（加签密钥、自定义关键词“维保”或 IP 地址）', retry: false },
};

export interface WebhookPosterConfig {
  /**
   * WEBHOOK_ENDPOINT_URL, local stack only: the robots' official origin is replaced by
   * `<this>/<kind>` (the stand-in), as AWS_ENDPOINT_URL_* points the SDK at the other stand-ins.
   * Never set on AWS.
   */
  endpointOverride?: string | undefined;
  /** Epoch ms for DingTalk's signature: the machine's clock, which DingTalk compares with its own. */
  now?: () => number;
  /** A robot that has not answered by then counts as failed (and is tried again). Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The address one post goes to: the official one, signed for DingTalk when it has a secret. */
export function robotPostUrl(
  robot: { kind: ChannelKind; webhookKey: string; signingSecret: string | null },
  nowMs: number,
  endpointOverride?: string,
): string {
  let url = webhookUrl(robot.kind, robot.webhookKey);
  if (robot.kind === 'dingtalk' && robot.signingSecret)
    url += `&timestamp=${nowMs}&sign=${dingTalkSign(nowMs, robot.signingSecret)}`;
  if (endpointOverride) {
    const official = new URL(url);
    url = `${endpointOverride.replace(/\/$/, '')}/${robot.kind}${official.pathname}${official.search}`;
  }
  return url;
}

function bodyOf(kind: ChannelKind, m: ChannelMessage): string {
  const text = fitBytes(m.text, maxMarkdownBytes);
  return JSON.stringify(
    kind === 'wecom'
      ? { msgtype: 'markdown', markdown: { content: text } }
      : { msgtype: 'markdown', markdown: { title: m.title.slice(0, 100), text } },
  );
}

/**
 * Posts to WeCom's and DingTalk's group robots with fetch: only to the addresses the channel's key
 * makes (the official hosts), never following a redirect. A robot answers HTTP 200 with
 * `{errcode, errmsg}`; errcode 0 is delivered.
 */
export function makeWebhookPoster(config: WebhookPosterConfig = {}): WebhookPoster {
  const now = config.now ?? (() => Date.now());
  const timeoutMs = config.timeoutMs ?? 10_000;
  const doFetch = config.fetch ?? fetch;
  return {
    async post(robot, message): Promise<WebhookOutcome> {
      const url = robotPostUrl(robot, now(), config.endpointOverride);
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: bodyOf(robot.kind, message),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const timedOut = err instanceof Error && err.name === 'TimeoutError';
        return {
          ok: false,
          retry: true,
          error: timedOut
            ? `机器人 ${timeoutMs / 1000} 秒内没有应答`
            : `连接机器人失败（${err instanceof Error ? err.message : String(err)}）`,
        };
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        return {
          ok: false,
          retry: res.status >= 500 || res.status === 429,
          error: `机器人应答 HTTP ${res.status}`,
        };
      }
      let answer: { errcode?: unknown; errmsg?: unknown };
      try {
        answer = (await res.json()) as typeof answer;
      } catch {
        return { ok: false, retry: true, error: '机器人的应答不是 JSON' };
      }
      const code = Number(answer.errcode);
      if (code === 0) return { ok: true };
      const known = knownErrcodes[code];
      const msg = typeof answer.errmsg === 'string' ? answer.errmsg.slice(0, 200) : '';
      return {
        ok: false,
        retry: known?.retry ?? false,
        error: `errcode ${Number.isFinite(code) ? code : '?'}${known ? `：${known.zh}` : ''}${msg ? `（${msg}）` : ''}`,
      };
    },
  };
}

/** The poster of a deployed function; locally WEBHOOK_ENDPOINT_URL leads to the stand-in. */
export function makeWebhookPosterFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookPoster {
  return makeWebhookPoster({ endpointOverride: env.WEBHOOK_ENDPOINT_URL || undefined });
}
