import * as z from 'zod';
import { channelEvents, channelKinds, hospitalIdSchema, line } from '@weibao/domain';
import { entityMeta, ulidSchema } from './schemas.ts';

export const channelParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  channelId: ulidSchema,
});

const eventsSchema = z.array(z.enum(channelEvents)).min(1).max(channelEvents.length);
/** The address as the robot's settings show it; checked to be exactly the official one. */
const webhookUrlSchema = z.string().trim().min(1).max(300);
/** DingTalk's 加签 secret (SEC…), checked further by the use case. */
const signingSecretSchema = z.string().trim().min(1).max(100);

/**
 * A notification channel as anyone may read it: the robot's key masked in its address, the
 * secret only as `signed`, and what its deliveries last did.
 */
export const channelSchema = z.strictObject({
  id: ulidSchema,
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema.nullable(),
  kind: z.enum(channelKinds),
  name: z.string(),
  webhookUrl: z.string(),
  signed: z.boolean(),
  events: z.array(z.enum(channelEvents)),
  enabled: z.boolean(),
  status: z.strictObject({
    lastDeliveredAt: z.iso.datetime().nullable(),
    lastFailedAt: z.iso.datetime().nullable(),
    /** In Chinese: 机器人应答 HTTP 500, errcode 310000：钉钉：安全设置不符 … */
    lastError: z.string().nullable(),
    failuresSinceDelivery: z.number().int().nonnegative(),
  }),
  ...entityMeta,
});

/** A new channel: WeCom's group robot, or DingTalk's with its 加签 secret if it has one. */
export const createChannelSchema = z.strictObject({
  kind: z.enum(channelKinds),
  name: line(60),
  /** null: every contract of the hospital. */
  contractId: ulidSchema.nullable(),
  webhookUrl: webhookUrlSchema,
  signingSecret: signingSecretSchema.nullable(),
  events: eventsSchema,
  enabled: z.boolean().optional(),
});

/** A change (version-checked): an absent address or secret stays; a null secret is removed. */
export const updateChannelSchema = z.strictObject({
  version: z.number().int().positive(),
  name: line(60).optional(),
  contractId: ulidSchema.nullable().optional(),
  webhookUrl: webhookUrlSchema.optional(),
  signingSecret: signingSecretSchema.nullable().optional(),
  events: eventsSchema.optional(),
  enabled: z.boolean().optional(),
});
