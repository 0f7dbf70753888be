import {
  channelKindNamesZh,
  dingTalkSecretPattern,
  maskSecret,
  maskedWebhookUrl,
  parseWebhookUrl,
  type ChannelEvent,
  type ChannelKind,
} from '@weibao/domain';
import {
  channelById,
  channelStatuses,
  channelsOfHospital,
  contractById,
  hospitalById,
  saveChannel,
  type ChannelRecord,
  type ChannelStatusRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange } from '../versioned-change.ts';

const what = 'the channel';

/** A hospital has a few groups; more than this is a mistake, and each one is a Query row per notice. */
export const maxChannelsPerHospital = 20;

/** A channel as anyone may read it: the key and the secret masked, its last delivery beside it. */
export interface ChannelView {
  id: string;
  hospitalId: string;
  contractId: string | null;
  kind: ChannelKind;
  name: string;
  /** The official address with the key masked: https://qyapi.weixin.qq.com/…?key=693a****5aaa */
  webhookUrl: string;
  /** DingTalk: whether a 加签 secret is kept (never the secret itself). */
  signed: boolean;
  events: ChannelEvent[];
  enabled: boolean;
  status: {
    lastDeliveredAt: string | null;
    lastFailedAt: string | null;
    lastError: string | null;
    failuresSinceDelivery: number;
  };
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export function channelView(c: ChannelRecord, s?: ChannelStatusRecord): ChannelView {
  return {
    id: c.id,
    hospitalId: c.hospitalId,
    contractId: c.contractId,
    kind: c.kind,
    name: c.name,
    webhookUrl: maskedWebhookUrl(c.kind, c.webhookKey),
    signed: c.signingSecret !== null,
    events: c.events,
    enabled: c.enabled,
    status: {
      lastDeliveredAt: s?.lastDeliveredAt ?? null,
      lastFailedAt: s?.lastFailedAt ?? null,
      lastError: s?.lastError ?? null,
      failuresSinceDelivery: s?.failuresSinceDelivery ?? 0,
    },
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deletedAt: c.deletedAt,
  };
}

/** What the audit log keeps of a channel: everything but the secrets, which it keeps masked. */
function audited(c: ChannelRecord): Record<string, unknown> {
  return {
    ...c,
    webhookKey: maskSecret(c.webhookKey),
    signingSecret: c.signingSecret === null ? null : maskSecret(c.signingSecret),
  };
}

/** Vendor admins for any hospital, a hospital's IT center for its own (the route says the same). */
function checkMayConfigure(actor: Actor, hospitalId: string): void {
  if (actor.role === 'vendor-admin') return;
  if (actor.role === 'hospital-it' && actor.hospitalId === hospitalId) return;
  throw new AppError('forbidden', '只有厂商管理员和本院信息中心可以设置通知渠道');
}

export interface ChannelInput {
  kind: ChannelKind;
  name: string;
  contractId: string | null;
  /** The robot's webhook address as its settings page shows it. */
  webhookUrl: string;
  /** DingTalk's 加签 secret (SEC…), or null. */
  signingSecret: string | null;
  events: ChannelEvent[];
  enabled?: boolean;
}

export interface ChannelChange {
  version: number;
  name?: string;
  contractId?: string | null;
  /** A new address; absent keeps the key. */
  webhookUrl?: string;
  /** Absent keeps the secret, null removes it. */
  signingSecret?: string | null;
  events?: ChannelEvent[];
  enabled?: boolean;
}

function keyOf(kind: ChannelKind, url: string): string {
  const parsed = parseWebhookUrl(kind, url);
  if (!parsed.ok) throw new AppError('invalid', parsed.message, { path: 'webhookUrl' });
  return parsed.key;
}

function checkSecret(kind: ChannelKind, secret: string | null): string | null {
  if (secret === null) return null;
  if (kind !== 'dingtalk')
    throw new AppError('invalid', `${channelKindNamesZh[kind]}没有加签密钥`, {
      path: 'signingSecret',
    });
  if (!dingTalkSecretPattern.test(secret.trim()))
    throw new AppError('invalid', '加签密钥应为钉钉机器人安全设置中以 SEC 开头的字符串', {
      path: 'signingSecret',
    });
  return secret.trim();
}

async function checkContract(deps: Deps, hospitalId: string, contractId: string | null) {
  if (contractId === null) return;
  const c = await contractById(deps.db, hospitalId, contractId);
  if (!c || c.deletedAt)
    throw new AppError('invalid', '该医院没有这份合同', { path: 'contractId' });
}

function checkEvents(events: ChannelEvent[]): ChannelEvent[] {
  const unique = [...new Set(events)];
  if (unique.length === 0)
    throw new AppError('invalid', '请至少选择一类要通知的事件', { path: 'events' });
  return unique;
}

export function makeListChannels(deps: Deps) {
  return async (hospitalId: string): Promise<ChannelView[]> => {
    const [hospital, channels, statuses] = await Promise.all([
      hospitalById(deps.db, hospitalId),
      channelsOfHospital(deps.db, hospitalId),
      channelStatuses(deps.db, hospitalId),
    ]);
    // A hospital that is not there has no channels to list: 404, as its other lists answer.
    if (!hospital || hospital.deletedAt) throw notFound('the hospital');
    return channels
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((c) => channelView(c, statuses.get(c.id)));
  };
}

/** Adds a channel (audited, the key masked in the log). */
export function makeCreateChannel(deps: Deps) {
  return async (actor: Actor, hospitalId: string, input: ChannelInput): Promise<ChannelView> => {
    checkMayConfigure(actor, hospitalId);
    const h = await hospitalById(deps.db, hospitalId);
    if (!h || h.deletedAt) throw notFound('the hospital');
    const webhookKey = keyOf(input.kind, input.webhookUrl);
    const signingSecret = checkSecret(input.kind, input.signingSecret);
    const events = checkEvents(input.events);
    await checkContract(deps, hospitalId, input.contractId);
    const existing = await channelsOfHospital(deps.db, hospitalId);
    if (existing.length >= maxChannelsPerHospital)
      throw new AppError('invalid', `每家医院最多设置 ${maxChannelsPerHospital} 个通知渠道`);
    if (existing.some((c) => c.kind === input.kind && c.webhookKey === webhookKey))
      throw new AppError('conflict', '这个机器人已经设置过了', { path: 'webhookUrl' });
    const at = deps.clock.now().toISOString();
    const channel: ChannelRecord = {
      id: deps.ids.next(),
      hospitalId,
      contractId: input.contractId,
      kind: input.kind,
      name: input.name.trim(),
      webhookKey,
      signingSecret,
      events,
      enabled: input.enabled ?? true,
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      hospitalId,
      'channel.create',
      { type: 'channel', id: channel.id },
      null,
      audited(channel),
    );
    await mapStoreErrors(what, () => saveChannel(deps.db, channel, { kind: 'create' }, audit));
    return channelView(channel);
  };
}

async function existingChannel(deps: Deps, hospitalId: string, channelId: string) {
  const c = await channelById(deps.db, hospitalId, channelId);
  if (!c || c.deletedAt) throw notFound(what);
  return c;
}

/** Changes a channel, version-checked and audited; the key and secret stay unless replaced. */
export function makeUpdateChannel(deps: Deps) {
  return async (
    actor: Actor,
    hospitalId: string,
    channelId: string,
    change: ChannelChange,
  ): Promise<ChannelView> => {
    checkMayConfigure(actor, hospitalId);
    const before = await existingChannel(deps, hospitalId, channelId);
    const webhookKey =
      change.webhookUrl === undefined ? before.webhookKey : keyOf(before.kind, change.webhookUrl);
    const signingSecret =
      change.signingSecret === undefined
        ? before.signingSecret
        : checkSecret(before.kind, change.signingSecret);
    const events = change.events === undefined ? before.events : checkEvents(change.events);
    if (change.contractId !== undefined) await checkContract(deps, hospitalId, change.contractId);
    const after = await applyVersionedChange(deps, actor, {
      what,
      hospitalId,
      entity: { type: 'channel', id: channelId },
      action: 'channel.update',
      before,
      expectedVersion: change.version,
      change: (b) => ({
        ...b,
        name: change.name?.trim() || b.name,
        contractId: change.contractId === undefined ? b.contractId : change.contractId,
        webhookKey,
        signingSecret,
        events,
        enabled: change.enabled ?? b.enabled,
      }),
      save: (a, expectedVersion, audit) =>
        saveChannel(
          deps.db,
          a,
          { kind: 'update', expectedVersion },
          { ...audit, before: audited(before), after: audited(a) },
        ),
    });
    const statuses = await channelStatuses(deps.db, hospitalId);
    return channelView(after, statuses.get(channelId));
  };
}

/** Removes a channel (soft, version-checked, audited): nothing more is posted to it. */
export function makeDeleteChannel(deps: Deps) {
  return async (
    actor: Actor,
    hospitalId: string,
    channelId: string,
    version: number,
  ): Promise<ChannelView> => {
    checkMayConfigure(actor, hospitalId);
    const before = await existingChannel(deps, hospitalId, channelId);
    const after = await applyVersionedChange(deps, actor, {
      what,
      hospitalId,
      entity: { type: 'channel', id: channelId },
      action: 'channel.delete',
      before,
      expectedVersion: version,
      change: (b, at) => ({ ...b, enabled: false, deletedAt: at }),
      save: (a, expectedVersion, audit) =>
        saveChannel(
          deps.db,
          a,
          { kind: 'update', expectedVersion },
          { ...audit, before: audited(before), after: audited(a) },
        ),
    });
    return channelView(after);
  };
}
