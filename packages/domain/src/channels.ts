/**
 * Notification channels: the group robots of 企业微信 (WeCom) and 钉钉 (DingTalk) a hospital's IT
 * staff and the vendor's engineers read, beside e-mail. What a channel is told of is data.
 */
export const channelKinds = ['wecom', 'dingtalk'] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const channelKindNamesZh: Record<ChannelKind, string> = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
};

/** What a channel may be told of. */
export const channelEvents = [
  'ticket-fatal',
  'ticket-serious',
  'sla-at-risk',
  'sla-breach',
  'obligation-reminder',
  'evaluation-request',
] as const;
export type ChannelEvent = (typeof channelEvents)[number];

export const channelEventNamesZh: Record<ChannelEvent, string> = {
  'ticket-fatal': '新致命故障工单',
  'ticket-serious': '新严重故障工单',
  'sla-at-risk': 'SLA 即将超时',
  'sla-breach': 'SLA 已超时',
  'obligation-reminder': '履约事项提醒',
  'evaluation-request': '季度评价请求',
};

/**
 * The robots' official endpoints, and nothing else: a channel can only ever post to these hosts
 * over https (no redirect, no port, no other path), so a configured URL cannot reach into the
 * vendor's network or anywhere else (SSRF).
 */
export const channelEndpoints: Record<ChannelKind, { host: string; path: string; param: string }> =
  {
    wecom: { host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', param: 'key' },
    dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send', param: 'access_token' },
  };

/** A WeCom robot key is a UUID; a DingTalk access_token is 64 hex digits. */
const keyShapes: Record<ChannelKind, RegExp> = {
  wecom: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  dingtalk: /^[0-9a-f]{64}$/i,
};

/** DingTalk's 加签 secret as its robot settings show it: SEC and 64 hex digits. */
export const dingTalkSecretPattern = /^SEC[0-9a-f]{64}$/i;

export type WebhookParse = { ok: true; key: string } | { ok: false; message: string };

/**
 * The robot's key from the webhook address a person pasted, if the address is exactly the
 * robot's official one: https, the official host, no port, no user, the official path, the key
 * and nothing else. Anything else is refused with a reason in Chinese.
 */
export function parseWebhookUrl(kind: ChannelKind, text: string): WebhookParse {
  const e = channelEndpoints[kind];
  const example = `https://${e.host}${e.path}?${e.param}=…`;
  const refuse = (why: string): WebhookParse => ({
    ok: false,
    message: `${why}：${channelKindNamesZh[kind]}的地址应为 ${example}`,
  });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return refuse('不是有效的网址');
  }
  if (url.protocol !== 'https:') return refuse('只接受 https 地址');
  if (url.hostname !== e.host || url.port !== '' || url.username !== '' || url.password !== '')
    return refuse(`只能发往 ${e.host}`);
  if (url.pathname !== e.path) return refuse('路径不对');
  if (url.hash !== '') return refuse('地址不能带 #');
  const names = [...url.searchParams.keys()];
  if (names.length !== 1 || names[0] !== e.param) return refuse(`只能带 ${e.param} 一个参数`);
  const key = url.searchParams.get(e.param) ?? '';
  if (!keyShapes[kind].test(key)) return refuse(`${e.param} 的格式不对`);
  return { ok: true, key };
}

/** The official webhook address of a key. */
export function webhookUrl(kind: ChannelKind, key: string): string {
  const e = channelEndpoints[kind];
  return `https://${e.host}${e.path}?${e.param}=${encodeURIComponent(key)}`;
}

/** A key as anyone may see it again: the first and last four characters, the rest hidden. */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return '****';
  return `${secret.slice(0, 4)}****${secret.slice(-4)}`;
}

/** The webhook address with its key masked: what the API answers and the audit log keeps. */
export function maskedWebhookUrl(kind: ChannelKind, key: string): string {
  const e = channelEndpoints[kind];
  return `https://${e.host}${e.path}?${e.param}=${maskSecret(key)}`;
}
