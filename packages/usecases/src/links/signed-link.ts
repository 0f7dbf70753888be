import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Clock, LinkKey } from '../ports.ts';

/**
 * What a signed link may do; each action is carried out by its own use case. The evaluation
 * actions enter one section of one evaluation: objectId is `<contractId>:<evaluationId>`; the
 * inspection actions sign one 巡检单 for one hospital signer: `<contractId>:<inspectionId>`.
 */
export const linkActions = [
  'acknowledge-notice',
  'enter-evaluation-service-level',
  'enter-evaluation-service-quality',
  'sign-inspection-department',
  'sign-inspection-it-center',
  'report-by-qr',
  'answer-feedback',
] as const;
export type LinkAction = (typeof linkActions)[number];

/**
 * What a signed link grants: one action on one object of one hospital, for one recipient, until
 * `expiresAt`. The nonce names the link, so its single use can be recorded (LINKUSED#<nonce>).
 */
export interface LinkPayload {
  v: 1;
  hospitalId: string;
  action: LinkAction;
  objectId: string;
  /** Who the link was sent to: recorded as the one who acted. */
  email: string;
  expiresAt: string;
  nonce: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

/** Only the canonical encoding: another spelling of the same bytes is refused, not accepted. */
function decodeCanonical(part: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  const bytes = Buffer.from(part, 'base64url');
  return b64url(bytes) === part ? bytes : null;
}

/** token = base64url(JSON payload) '.' base64url(HMAC-SHA256(payload bytes)). */
export async function mintLinkToken(
  key: LinkKey,
  grant: Omit<LinkPayload, 'v' | 'nonce'>,
): Promise<{ token: string; payload: LinkPayload }> {
  const payload: LinkPayload = { v: 1, ...grant, nonce: b64url(randomBytes(16)) };
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  return { token: `${b64url(bytes)}.${b64url(await key.sign(bytes))}`, payload };
}

/** What an expired link tells the person who opened it. */
const expiredMessage: Record<LinkAction, string> = {
  'acknowledge-notice': '该链接已过期，请登录系统在“变更通知”中确认',
  'enter-evaluation-service-level':
    'this link has expired; enter the evaluation in the app instead',
  'enter-evaluation-service-quality':
    'this link has expired; enter the evaluation in the app instead',
  'sign-inspection-department': '该签字链接已过期，请联系巡检工程师重新生成',
  'sign-inspection-it-center': '该签字链接已过期，请联系巡检工程师重新生成',
  'report-by-qr': '该报修二维码已过期，请联系医院信息中心更换',
  'answer-feedback': '该满意度调查链接已过期，请联系医院信息中心',
};

/** Every refusal says the same, so a forged token learns nothing about why. */
export const invalidLink = () => new AppError('invalid', '该链接无效', { path: 'token' });
/** A link whose single use was recorded: it will never act again. */
export const usedLink = () => new AppError('gone', '该链接已使用', { reason: 'used' });

/** The contract and the record a link's object names (`<contractId>:<id>`); else the link is invalid. */
export function linkObjectIds(link: Pick<LinkPayload, 'objectId'>): [string, string] {
  const [contractId, id, ...rest] = link.objectId.split(':');
  if (!contractId || !id || rest.length > 0) throw invalidLink();
  return [contractId, id];
}

function payloadOf(json: unknown): LinkPayload | null {
  if (typeof json !== 'object' || json === null) return null;
  const p = json as Record<string, unknown>;
  const strings = ['hospitalId', 'objectId', 'email', 'expiresAt', 'nonce'] as const;
  if (p.v !== 1 || strings.some((k) => typeof p[k] !== 'string')) return null;
  if (!(linkActions as readonly string[]).includes(p.action as string)) return null;
  if (Number.isNaN(Date.parse(p.expiresAt as string))) return null;
  return p as unknown as LinkPayload;
}

/**
 * The payload of a token we signed for `action`, checked in constant time. Throws `invalid` for
 * anything else (bad encoding or signature, another action) and `gone` once it has expired.
 * Whether it was used is the action's business: it records the use in its own transaction.
 */
export async function verifyLinkToken(
  key: LinkKey,
  clock: Clock,
  token: string,
  /** The action, or the actions, the caller carries out; a link for any other is invalid. */
  action: LinkAction | readonly LinkAction[],
): Promise<LinkPayload> {
  const parts = token.split('.');
  if (parts.length !== 2) throw invalidLink();
  const bytes = decodeCanonical(parts[0] as string);
  const mac = decodeCanonical(parts[1] as string);
  if (!bytes || !mac) throw invalidLink();
  const expected = await key.sign(bytes);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw invalidLink();
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidLink();
  }
  const payload = payloadOf(json);
  const wanted: readonly LinkAction[] = typeof action === 'string' ? [action] : action;
  if (!payload || !wanted.includes(payload.action)) throw invalidLink();
  if (Date.parse(payload.expiresAt) <= clock.now().getTime())
    throw new AppError('gone', expiredMessage[payload.action], { reason: 'expired' });
  return payload;
}

/**
 * The link actions of one use case, one per party (a section's evaluator, a 巡检单's signer): the
 * action a party's link carries, every action the use case accepts, and the party of an action.
 */
export function partyActions<P extends string>(actionOf: Record<P, LinkAction>) {
  const entries = Object.entries(actionOf) as [P, LinkAction][];
  return {
    actionOf,
    actions: entries.map(([, a]) => a),
    partyOf(action: LinkAction): P {
      const found = entries.find(([, a]) => a === action);
      if (!found) throw invalidLink();
      return found[0];
    },
  };
}
