import { randomUUID } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { makeSesMailer } from '@weibao/adapters';
import { freePort, receivedEmails, startSesLocal } from '@weibao/local';
import { allMailIn, enqueueMail, makeDb, queuedMail, takeMailToken, type Db } from '@weibao/store';
import {
  makeDrainMailQueue,
  makePacedMailer,
  mailMaxAttempts,
  type MailPacing,
  type OutgoingMail,
} from '@weibao/usecases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../support/table.ts';

// The mail queue and its pacer on DynamoDB Local, sending through the SES stand-in: an enqueue
// under one key queues one message, two drains at once send each message once, a failing send
// stays queued and goes on the next run, and a message that keeps failing ends on the dead list.
let db: Db;
let ses: Awaited<ReturnType<typeof startSesLocal>>;
let client: SESv2Client;
let sesSend: (m: OutgoingMail) => Promise<{ messageId: string }>;

beforeAll(async () => {
  const t = await createTestTable('mail-queue');
  db = makeDb(t.tableName, t.client);
  ses = await startSesLocal({ port: await freePort() });
  client = new SESv2Client({
    region: 'us-east-1',
    endpoint: ses.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const mailer = makeSesMailer(client, 'service@vendor.example');
  sesSend = (m) => mailer.send(m);
});

afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});

const pacing = (over: Partial<MailPacing> = {}): MailPacing => ({
  db,
  send: sesSend,
  ratePerSecond: 50,
  ...over,
});

/** How many mails with this subject the SES stand-in holds. */
async function arrived(subject: string): Promise<number> {
  return (await receivedEmails(ses.endpoint)).filter((e) => e.subject === subject).length;
}

const waitingNow = () => allMailIn(db, 'waiting');

/** Fills the current and the next two seconds of the pacer, so a try-now finds no room. */
async function fillRate(rate: number): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  for (const s of [second, second + 1, second + 2])
    for (let i = 0; i < rate; i += 1) await takeMailToken(db, s, rate, 'high');
}

describe('the pacer', () => {
  it('gives one second no more sends than its limit, however many ask at once', async () => {
    // Prepare: a second far from now, so no other sender shares it
    const second = 4_000_000_000;
    // Act: 30 senders at once, a limit of 10
    const taken = await Promise.all(
      Array.from({ length: 30 }, () => takeMailToken(db, second, 10, 'low')),
    );
    // Assert
    expect(taken.filter(Boolean)).toHaveLength(10);
  });
});

describe('the mail queue', () => {
  it('queues a message once under its key, however often it is enqueued', async () => {
    // Prepare: no room in the rate, so the message stays queued
    const rate = 3;
    await fillRate(rate);
    const mailer = makePacedMailer(pacing({ ratePerSecond: rate }));
    const key = `reminder#${randomUUID()}`;
    const subject = `【提醒】${key}`;
    const message = { to: ['manager@vendor.example'], subject, text: '请及时提交' };
    // Act: the same reminder enqueued three times, twice at once (a retried handler)
    const outs = await Promise.all([
      mailer.send(message, { hospitalId: 'whzx', key, priority: 'low' }),
      mailer.send(message, { hospitalId: 'whzx', key, priority: 'low' }),
    ]);
    outs.push(await mailer.send(message, { hospitalId: 'whzx', key, priority: 'low' }));
    // Assert: one entry, nothing sent yet
    expect(outs.map((o) => o.messageId)).toEqual([null, null, null]);
    expect((await waitingNow()).filter((m) => m.key === key)).toHaveLength(1);
    expect(await queuedMail(db, 'whzx', key)).toMatchObject({ attempts: 0, priority: 'low' });
    // Act: the drain, once the rate has room again
    await new Promise((r) => setTimeout(r, 3_100));
    const run = await makeDrainMailQueue({
      ...pacing({ ratePerSecond: rate }),
      budgetMs: 20_000,
    })();
    // Assert: sent once and off the queue, its key kept
    expect(run.sent).toBeGreaterThanOrEqual(1);
    expect(await arrived(subject)).toBe(1);
    expect((await waitingNow()).filter((m) => m.key === key)).toEqual([]);
    expect(await queuedMail(db, 'whzx', key)).toMatchObject({ state: 'sent' });
    // Act: a handler retried after the send enqueues it again
    const late = await mailer.send(message, { hospitalId: 'whzx', key, priority: 'low' });
    await makeDrainMailQueue({ ...pacing({ ratePerSecond: rate }), budgetMs: 5_000 })();
    // Assert: nothing more is sent
    expect(late.messageId).toBeNull();
    expect(await arrived(subject)).toBe(1);
  });

  it('sends at once when the rate has room: off the queue, its key and SES id kept', async () => {
    // Prepare
    const mailer = makePacedMailer(pacing());
    const key = `escalation#${randomUUID()}`;
    // Act
    const out = await mailer.send(
      { to: ['engineer@vendor.example'], subject: `【升级】${key}`, text: '致命故障未响应' },
      { hospitalId: 'whzx', key, priority: 'high' },
    );
    // Assert
    expect(out.messageId).toEqual(expect.any(String));
    expect(await arrived(`【升级】${key}`)).toBe(1);
    expect((await waitingNow()).filter((m) => m.key === key)).toEqual([]);
    expect(await queuedMail(db, 'whzx', key)).toMatchObject({
      state: 'sent',
      messageId: out.messageId,
    });
  });

  it('two drains at once send each message once', async () => {
    // Prepare: 60 messages queued (as when the rate had no room), in two hospitals' shards
    const tag = randomUUID().slice(0, 8);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        enqueueMail(db, {
          hospitalId: i % 2 ? 'whzx' : 'bjyy',
          key: `concurrent#${tag}#${i}`,
          priority: 'low',
          message: { to: [`d${i}@whzx.example`], subject: `【并发】${tag} ${i}`, text: '提醒' },
          enqueuedAt: new Date().toISOString(),
        }),
      ),
    );
    // Act
    const drain = makeDrainMailQueue({ ...pacing(), budgetMs: 30_000 });
    const runs = await Promise.all([drain(), drain()]);
    // Assert: 60 sends between them, each subject arrived exactly once, nothing left queued
    expect(runs[0].sent + runs[1].sent).toBe(60);
    const inbox = (await receivedEmails(ses.endpoint)).filter((e) => e.subject.includes(tag));
    expect(inbox).toHaveLength(60);
    expect(new Set(inbox.map((e) => e.subject)).size).toBe(60);
    expect((await waitingNow()).filter((m) => m.key.includes(tag))).toEqual([]);
  });

  it('a failing send stays queued with its error, waits a minute, and is sent by the next run', async () => {
    // Prepare: SES refuses this message once (a throttle), then takes it
    const key = `flaky#${randomUUID()}`;
    const subject = `【重试】${key}`;
    let refusals = 1;
    const send: MailPacing['send'] = async (m) => {
      if (m.subject === subject && refusals-- > 0)
        throw new Error('Maximum sending rate exceeded.');
      return sesSend(m);
    };
    // The drains' clock, moved on by the test (the pacer's seconds move with it)
    let offsetMs = 0;
    const nowMs = () => Date.now() + offsetMs;
    const mailer = makePacedMailer(pacing({ send, nowMs }));
    // Act: enqueued and tried at once, which fails
    const first = await mailer.send(
      { to: ['manager@vendor.example'], subject, text: '提醒' },
      { hospitalId: 'whzx', key, priority: 'low' },
    );
    // Assert: still queued, with the error and one attempt, held for a minute
    expect(first.messageId).toBeNull();
    const failed = await queuedMail(db, 'whzx', key);
    expect(failed).toMatchObject({
      attempts: 1,
      lastError: 'Maximum sending rate exceeded.',
      state: 'waiting',
    });
    expect(Date.parse(failed?.leasedUntil ?? '')).toBeGreaterThan(Date.now() + 55_000);
    // Act: a drain at once leaves it; the next minute's drain sends it
    const drain = makeDrainMailQueue({ ...pacing({ send, nowMs }), budgetMs: 20_000 });
    await drain();
    expect(await arrived(subject)).toBe(0);
    offsetMs = 61_000;
    const run = await drain();
    // Assert
    expect(run.sent).toBeGreaterThanOrEqual(1);
    expect(await arrived(subject)).toBe(1);
    expect(await queuedMail(db, 'whzx', key)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('a message that keeps failing goes to the dead list after its last attempt, logged', async () => {
    // Prepare: SES refuses this address every time; its attempts are counted where they happen
    const key = `refused#${randomUUID()}`;
    let attempts = 0;
    const send: MailPacing['send'] = async (m) => {
      if (m.subject.includes(key)) {
        attempts += 1;
        throw new Error('MessageRejected: Email address is not verified.');
      }
      return sesSend(m);
    };
    const errors: unknown[] = [];
    let offsetMs = 0;
    const p = pacing({
      send,
      nowMs: () => Date.now() + offsetMs,
      logger: { error: (message, extra) => errors.push({ message, extra }) },
    });
    // The try at once is an attempt only when this second has room (the tests before this one may
    // have used it up), so the runs below are counted until the message is given up, not assumed.
    await makePacedMailer(p).send(
      { to: ['nobody@whzx.example'], subject: `【失败】${key}`, text: '提醒' },
      { hospitalId: 'whzx', key, priority: 'low' },
    );
    // Act: a run after each retry time (the longest wait is an hour) until it is given up
    const runs = [];
    while (runs.length <= mailMaxAttempts && runs.at(-1)?.dead !== 1) {
      offsetMs += 61 * 60_000;
      runs.push(await makeDrainMailQueue({ ...p, budgetMs: 20_000 })());
    }
    // Assert: exactly its attempts, the last run gave it up, every run before failed it once more
    expect(attempts).toBe(mailMaxAttempts);
    expect(runs.at(-1)?.dead).toBe(1);
    expect(runs.slice(0, -1).every((r) => r.dead === 0 && r.failed >= 1)).toBe(true);
    expect((await waitingNow()).filter((m) => m.key === key)).toEqual([]);
    const dead = (await allMailIn(db, 'dead')).filter((m) => m.key === key);
    expect(dead).toEqual([
      expect.objectContaining({
        state: 'dead',
        attempts: mailMaxAttempts,
        lastError: 'MessageRejected: Email address is not verified.',
      }),
    ]);
    expect(errors).toEqual([
      {
        message: 'outgoing mail given up after its last attempt',
        extra: expect.objectContaining({ key }),
      },
    ]);
    expect(await arrived(`【失败】${key}`)).toBe(0);
  });
});
