import { setTimeout as sleepMs } from 'node:timers/promises';
import {
  claimMail,
  enqueueMail,
  markMailSent,
  mailQueueShards,
  mailInShard,
  recordMailFailure,
  releaseMail,
  takeMailToken,
  type Db,
  type MailPriority,
  type MailQueueRecord,
} from '@weibao/store';
import { mapBounded } from '../bounded-map.ts';
import type { Mailer, MailQueueing, OutgoingMail } from '../ports.ts';

/** SES's own: what one Mailer send does (ses-mailer.ts), without pacing. */
export type SendNow = (message: OutgoingMail) => Promise<{ messageId: string }>;

export interface MailPacing {
  db: Db;
  /** The SES mailer: every send here goes through it. */
  send: SendNow;
  /** The account's SES send rate, messages per second (`sesSendRate` → MAIL_SEND_RATE). */
  ratePerSecond: number;
  /** Wall time in ms (the SES rate is real seconds, never the training clock). Default Date.now. */
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
  logger?: {
    warn?(message: string, extra?: Record<string, unknown>): void;
    error(message: string, extra?: Record<string, unknown>): void;
  };
}

/**
 * The sends of one second that reminders, digests and surveys may take: a fifth of the rate is
 * kept for escalations and ticket notices, so a morning's reminders never hold one back.
 */
export function lowPriorityLimit(ratePerSecond: number): number {
  return ratePerSecond - Math.floor(ratePerSecond / 5);
}

/** A drain holds a claimed message this long: longer than any send, shorter than the next run. */
const leaseMs = 120_000;
/**
 * Sends of a message before it goes to the dead list for ops. A failed send waits 1, 2, 4 … 32
 * minutes, then an hour, before the next: the last of 8 attempts comes about two hours after the
 * first, so an SES outage of that long loses nothing.
 */
export const mailMaxAttempts = 8;
export const mailRetryDelayMs = (attempts: number) => Math.min(2 ** (attempts - 1), 60) * 60_000;
/** How long a direct send (a person waits, e.g. an acknowledgement) waits for room in the rate. */
const directWaitMs = 10_000;
/** How long a queued escalation waits for room before it leaves the send to the drain. */
const highWaitMs = 1_500;

/**
 * The pacer: one send of the current second from the rate every sender shares (a conditional
 * counter per second in the table), waiting into later seconds until `deadlineMs`. False when the
 * deadline came first.
 */
export async function takeSendSlot(
  p: MailPacing,
  priority: MailPriority,
  deadlineMs: number,
): Promise<boolean> {
  const now = p.nowMs ?? Date.now;
  const sleep = p.sleep ?? sleepMs;
  const limit = priority === 'high' ? p.ratePerSecond : lowPriorityLimit(p.ratePerSecond);
  for (;;) {
    const t = now();
    if (await takeMailToken(p.db, Math.floor(t / 1000), limit, priority)) return true;
    // The next second, with a little spread so waiting senders do not all ask at its first ms.
    const next = (Math.floor(t / 1000) + 1) * 1000 + Math.floor(Math.random() * 50);
    if (next >= deadlineMs) return false;
    await sleep(next - now());
  }
}

/**
 * The Mailer every function uses: a direct send waits for room in the account's send rate; a
 * queued one is stored under its key first (a retried enqueue adds nothing), then sent at once
 * when the rate has room — the local stack and a quiet hour see no delay — else by the drain.
 */
export function makePacedMailer(p: MailPacing): Mailer {
  const now = p.nowMs ?? Date.now;
  async function send(message: OutgoingMail): Promise<{ messageId: string }>;
  async function send(
    message: OutgoingMail,
    queue: MailQueueing,
  ): Promise<{ messageId: string | null }>;
  async function send(
    message: OutgoingMail,
    queue?: MailQueueing,
  ): Promise<{ messageId: string | null }> {
    if (!queue) {
      if (!(await takeSendSlot(p, 'high', now() + directWaitMs)))
        throw new Error(
          `outgoing mail: no room in the send rate (${p.ratePerSecond}/s) for ${directWaitMs / 1000} s`,
        );
      return p.send(message);
    }
    const queued = await enqueueMail(p.db, {
      ...queue,
      message,
      enqueuedAt: new Date(now()).toISOString(),
    });
    // Already queued under this key: the first enqueue (or the drain) sends it.
    if (!queued) return { messageId: null };
    const sent = await sendQueued(p, queued, queue.priority === 'high' ? now() + highWaitMs : 0);
    return { messageId: sent.state === 'sent' ? sent.messageId : null };
  }
  return { send };
}

type QueuedSend =
  | { state: 'sent'; messageId: string }
  | { state: 'taken' | 'no-slot' | 'waiting' | 'dead' | 'lost-claim' };

/**
 * One queued message: claimed (so no other drain sends it), a slot of the rate taken, sent, and
 * taken off the queue. A send that fails stays queued with its error and one attempt more.
 */
async function sendQueued(
  p: MailPacing,
  m: MailQueueRecord,
  slotDeadlineMs: number,
): Promise<QueuedSend> {
  const now = p.nowMs ?? Date.now;
  const claimed = await claimMail(p.db, m, now(), leaseMs);
  if (!claimed) return { state: 'taken' };
  if (!(await takeSendSlot(p, m.priority, slotDeadlineMs))) {
    await releaseMail(p.db, claimed);
    return { state: 'no-slot' };
  }
  let messageId: string;
  try {
    ({ messageId } = await p.send(m.message));
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const at = now();
    const retryAt = at + mailRetryDelayMs(claimed.attempts + 1);
    const state = await recordMailFailure(p.db, claimed, error, at, mailMaxAttempts, retryAt);
    const where = { hospitalId: m.hospitalId, key: m.key, attempts: claimed.attempts + 1, error };
    if (state === 'dead') p.logger?.error('outgoing mail given up after its last attempt', where);
    else p.logger?.warn?.('outgoing mail failed, stays queued', where);
    return { state };
  }
  // A lost claim here means a lease ran out mid-send: the other drain sends it again (at least once).
  await markMailSent(p.db, claimed, messageId, now());
  return { state: 'sent', messageId };
}

export interface MailDrainRun {
  sent: number;
  /** Sends that failed: still queued for the next run. */
  failed: number;
  /** Given up on after their last attempt (the dead list, logged and counted). */
  dead: number;
  /** Still queued when the run's time was up. */
  left: boolean;
}

/**
 * The mail-drain job (every minute): sends the queue at the account's rate, escalations first,
 * until it is empty or `budgetMs` is spent. Each round reads a second's worth of the oldest
 * messages of every shard (high priority first in each), merges them, and sends them with
 * several in flight; a message another drain holds, or one that failed in this run, waits.
 */
export function makeDrainMailQueue(p: MailPacing & { budgetMs: number }) {
  const now = p.nowMs ?? Date.now;
  return async (): Promise<MailDrainRun> => {
    const deadline = now() + p.budgetMs;
    const run: MailDrainRun = { sent: 0, failed: 0, dead: 0, left: false };
    const triedThisRun = new Set<string>();
    for (;;) {
      if (now() >= deadline) {
        run.left = true;
        return run;
      }
      const batch = await nextBatch(p, p.ratePerSecond, triedThisRun, now());
      if (batch.length === 0) return run;
      let outOfTime = false;
      // The batch's escalations all sent before its first reminder starts.
      for (const priority of ['high', 'low'] as const)
        await mapBounded(
          batch.filter((m) => m.priority === priority),
          Math.min(p.ratePerSecond, 16),
          async (m) => {
            if (outOfTime) return;
            triedThisRun.add(`${m.hospitalId}/${m.key}`);
            const out = await sendQueued(p, m, deadline);
            if (out.state === 'sent') run.sent += 1;
            else if (out.state === 'waiting') run.failed += 1;
            else if (out.state === 'dead') run.dead += 1;
            else if (out.state === 'no-slot') outOfTime = true;
          },
        );
      if (outOfTime) {
        run.left = true;
        return run;
      }
    }
  };
}

const rank = (m: MailQueueRecord) => `${m.priority === 'high' ? 0 : 1}#${m.enqueuedAt}`;

/** Up to `size` messages to send next over all shards: high priority, then oldest. */
async function nextBatch(
  p: MailPacing,
  size: number,
  skip: ReadonlySet<string>,
  nowMs: number,
): Promise<MailQueueRecord[]> {
  const nowIso = new Date(nowMs).toISOString();
  const sendable = (m: MailQueueRecord) =>
    !skip.has(`${m.hospitalId}/${m.key}`) && (m.leasedUntil === null || m.leasedUntil < nowIso);
  const shards = Array.from({ length: mailQueueShards }, (_, shard) => shard);
  const perShard = await Promise.all(
    shards.map(async (shard) => {
      const found: MailQueueRecord[] = [];
      let cursor: string | undefined;
      // Pages until a second's worth can be sent, past those held or tried (a bounded walk).
      for (let page = 0; page < 10 && found.length < size; page += 1) {
        const res = await mailInShard(p.db, 'waiting', shard, {
          limit: size,
          ...(cursor ? { cursor } : {}),
        });
        found.push(...res.items.filter(sendable));
        cursor = res.next ?? undefined;
        if (!cursor) break;
      }
      return found;
    }),
  );
  return perShard
    .flat()
    .sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0))
    .slice(0, size);
}
