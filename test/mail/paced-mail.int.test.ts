import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { makeSesMailer } from '@weibao/adapters';
import { dynamoDbLocalClient, receivedEmails } from '@weibao/local';
import { allMailIn, enqueueMail, mailPaceOf, makeDb } from '@weibao/store';
import {
  lowPriorityLimit,
  makeDrainMailQueue,
  makePacedMailer,
  type MailPacing,
} from '@weibao/usecases';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mapBounded } from '../../packages/usecases/src/bounded-map.ts';
import { useTestStack } from '../support/stack.ts';

// Issue 19 item 4, done means: 1,000 reminders due at the same minute are sent within the
// configured rate, none lost, escalations first. The local stack's DynamoDB Local holds the queue
// and the pacer's counters, its SES stand-in receives the mail. The rate is 50/s to keep the test
// short; 40 of each second are the reminders' at most, 10 are kept for escalations.
const stack = await useTestStack();
const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
const ses = new SESv2Client({});
const sesMailer = makeSesMailer(ses, stack.env.mailFrom);
const scheduler = new SchedulerClient({});
afterAll(() => {
  ses.destroy();
  scheduler.destroy();
});
// The stack's own minute drain (at the stack's rate) must not share these seconds.
beforeEach(() => stack.scheduler.hold());

const rate = 50;
const hospitals = Array.from({ length: 40 }, (_, i) => `h${String(i).padStart(3, '0')}`);

/** Every send, when it took its slot and what it was: the real SES send, timed. */
interface Sent {
  subject: string;
  atMs: number;
}

const queueNow = async () => [
  ...(await allMailIn(db, 'waiting')),
  ...(await allMailIn(db, 'dead')),
];

describe('paced mail: 1,000 reminders in one minute', () => {
  it('sends every reminder once within the rate, and escalations before the reminders', async () => {
    // Prepare: every send is timed as it goes to SES
    const sent: Sent[] = [];
    const pacing: MailPacing = {
      db,
      ratePerSecond: rate,
      send: async (m) => {
        sent.push({ subject: m.subject, atMs: Date.now() });
        return sesMailer.send(m);
      },
    };
    const mailer = makePacedMailer(pacing);
    const tag = `${Date.now()}`;
    const reminder = (i: number) => `【提醒】${tag} 第${i}号义务今日到期`;
    const escalation = (i: number) => `【升级】${tag} 致命故障${i}未响应`;
    const startedMs = Date.now();

    // Act 1: 1,000 reminder handlers due in the same minute, 50 at a time (as Lambda runs them),
    // each mailing through the queue; a few are retried (the same reminder key again)
    const posted = await mapBounded(
      Array.from({ length: 1000 }, (_, i) => i),
      50,
      async (i) => {
        const hospitalId = hospitals[i % hospitals.length] as string;
        const queue = {
          hospitalId,
          key: `obligation-reminder#c#o${i}#2026-12-07:due`,
          priority: 'low' as const,
        };
        const message = {
          to: [`manager${i}@${hospitalId}.example`],
          subject: reminder(i),
          text: '请提交',
        };
        const out = await mailer.send(message, queue);
        if (i % 100 === 0) await mailer.send(message, queue);
        return out.messageId !== null;
      },
    );
    const sentAtOnce = posted.filter(Boolean).length;
    // Escalations that came while the rate was full: queued, high priority, after the reminders
    const queuedEscalations = [0, 1, 2];
    for (const i of queuedEscalations)
      await enqueueMail(db, {
        hospitalId: hospitals[i] as string,
        key: `ticket#t${i}#7#engineer`,
        priority: 'high',
        message: { to: [`engineer@vendor.example`], subject: escalation(i), text: '请立即处理' },
        enqueuedAt: new Date().toISOString(),
      });
    const drainStartMs = Date.now();
    // Act 2: the minute's drain, and escalations raised while it runs, sent by their own function
    const drain = makeDrainMailQueue({ ...pacing, budgetMs: 200_000 })();
    const live: { i: number; postedMs: number; messageId: string | null }[] = [];
    for (const i of [10, 11, 12]) {
      await new Promise((r) => setTimeout(r, 2_000));
      const postedMs = Date.now();
      const out = await mailer.send(
        { to: ['engineer@vendor.example'], subject: escalation(i), text: '请立即处理' },
        { hospitalId: hospitals[i] as string, key: `ticket#t${i}#7#engineer`, priority: 'high' },
      );
      live.push({ i, postedMs, messageId: out.messageId });
    }
    const run = await drain;
    const endMs = Date.now();

    // Assert: none lost, none twice (the SES stand-in's inbox), nothing left queued or dead
    const inbox = (await receivedEmails(stack.env.endpoints.sesv2)).filter((e) =>
      e.subject.includes(tag),
    );
    const count = new Map<string, number>();
    for (const e of inbox) count.set(e.subject, (count.get(e.subject) ?? 0) + 1);
    for (let i = 0; i < 1000; i += 1) expect(count.get(reminder(i)), reminder(i)).toBe(1);
    for (const i of [...queuedEscalations, 10, 11, 12])
      expect(count.get(escalation(i)), escalation(i)).toBe(1);
    expect(inbox).toHaveLength(1006);
    expect(run.sent + sentAtOnce + live.filter((l) => l.messageId).length).toBe(1006);
    expect(run.failed + run.dead).toBe(0);
    expect((await queueNow()).filter((m) => m.message.subject.includes(tag))).toEqual([]);

    // Assert: no second over the rate, reminders never over their share (the pacer's counters)
    const seconds: { second: number; count: number; high: number; low: number }[] = [];
    for (let s = Math.floor(startedMs / 1000); s <= Math.floor(endMs / 1000); s += 1) {
      const pace = await mailPaceOf(db, s);
      if (pace) seconds.push(pace);
    }
    expect(seconds.reduce((n, s) => n + s.count, 0)).toBe(1006);
    expect(Math.max(...seconds.map((s) => s.count))).toBeLessThanOrEqual(rate);
    expect(Math.max(...seconds.map((s) => s.low))).toBeLessThanOrEqual(lowPriorityLimit(rate));
    // So 1,000 reminders at 40 a second took 25 seconds at least: the first and the last send
    // (timed as they went to SES) are more than 23 s apart
    const secondsWithReminders = seconds.filter((s) => s.low > 0).length;
    expect(secondsWithReminders).toBeGreaterThanOrEqual(Math.ceil(1000 / lowPriorityLimit(rate)));
    const first = Math.min(...sent.map((s) => s.atMs));
    const last = Math.max(...sent.map((s) => s.atMs));
    expect(last - first).toBeGreaterThan((Math.ceil(1000 / lowPriorityLimit(rate)) - 2) * 1000);

    // Assert: escalations first. The queued ones before any reminder the drain sent...
    const atOf = (subject: string) => sent.find((s) => s.subject === subject)?.atMs ?? Infinity;
    const drainedReminders = sent.filter(
      (s) => s.subject.includes('【提醒】') && s.atMs >= drainStartMs,
    );
    const firstDrainedReminder = Math.min(...drainedReminders.map((s) => s.atMs));
    for (const i of queuedEscalations)
      expect(atOf(escalation(i))).toBeLessThan(firstDrainedReminder);
    // ...and those raised during the drain at once (a reserved slot), while reminders still waited
    for (const l of live) {
      expect(l.messageId, escalation(l.i)).not.toBeNull();
      expect(atOf(escalation(l.i)) - l.postedMs).toBeLessThan(1_500);
      const remindersLater = drainedReminders.filter((s) => s.atMs > atOf(escalation(l.i)));
      expect(remindersLater.length, escalation(l.i)).toBeGreaterThan(0);
    }
    // The figures, for the report
    console.info(
      JSON.stringify({
        sentAtOnce,
        drained: run.sent,
        seconds: seconds.length,
        busiestSecond: Math.max(...seconds.map((s) => s.count)),
        spanMs: last - first,
        liveEscalationLatencyMs: live.map((l) => atOf(escalation(l.i)) - l.postedMs),
      }),
    );
  }, 400_000);

  it('the stack schedules the drain every minute, and its handler sends what waits', async () => {
    // Prepare: three messages that found no room in the rate
    const tag = `handler-${Date.now()}`;
    for (const i of [0, 1, 2])
      await enqueueMail(db, {
        hospitalId: 'whzx',
        key: `${tag}#${i}`,
        priority: i === 2 ? 'high' : 'low',
        message: { to: ['it@whch.example'], subject: `【待发】${tag} ${i}`, text: '提醒' },
        enqueuedAt: new Date().toISOString(),
      });
    // Act: the minute's schedule target, as the Scheduler stand-in invokes it
    const schedule = await scheduler.send(
      new GetScheduleCommand({ GroupName: 'weibao', Name: 'mail-drain' }),
    );
    const { handler } = await import('../../functions/timers/mail-drain.ts');
    const run = await handler({}, {} as never);
    // Assert
    expect(schedule.ScheduleExpression).toBe('rate(1 minute)');
    expect(run).toMatchObject({ failed: 0, dead: 0, left: false });
    expect(run.sent).toBeGreaterThanOrEqual(3);
    const inbox = (await receivedEmails(stack.env.endpoints.sesv2)).filter((e) =>
      e.subject.includes(tag),
    );
    expect(inbox.map((e) => e.subject).sort()).toEqual([0, 1, 2].map((i) => `【待发】${tag} ${i}`));
  });
});
