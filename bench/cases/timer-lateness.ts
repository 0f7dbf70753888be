import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { BenchStack } from '../bench-stack.ts';
import type { CaseResult, Figure } from '../result.ts';
import { quantile, ratio, round } from '../stats.ts';

/** at(...) takes whole seconds in the schedule's time zone. */
const atExpression = (ms: number) => `at(${new Date(ms).toISOString().slice(0, 19)})`;

/**
 * One-time schedules on the local Scheduler stand-in, due over a few seconds, each targeting the
 * SLA timer function (for a ticket that does not exist, so the handler's own work stays small).
 * Lateness = when the attempt started − when it was due. Limit: a bare setTimeout for each of
 * the same instants, in the same process at the same time (the event loop's own lateness).
 */
export async function benchTimerLateness(
  b: BenchStack,
  opts: { timers: number },
): Promise<CaseResult> {
  const { env } = b.stack;
  const client = new SchedulerClient({
    endpoint: b.stack.urls.scheduler,
    region: env.region,
    credentials: env.credentials,
  });
  const firstSecond = Math.ceil(Date.now() / 1000) * 1000 + 3_000;
  const spreadSeconds = 5;
  const prefix = `bench-${Date.now()}-`;
  const dueTimes: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < opts.timers; i += 1) {
    const due = firstSecond + (i % spreadSeconds) * 1000;
    dueTimes.push(due);
    await client.send(
      new CreateScheduleCommand({
        Name: `${prefix}${i}`,
        GroupName: env.timers.scheduleGroup,
        ScheduleExpression: atExpression(due),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: env.timers.slaTimerArn,
          RoleArn: env.timers.schedulerRoleArn,
          Input: JSON.stringify({
            kind: 'sla-timer',
            hospitalId: 'whzx',
            ticketId: `01BENCHTIMER${String(i).padStart(14, '0')}`,
            clock: 'response',
            point: 'breach',
            at: new Date(due).toISOString(),
          }),
        },
      }),
    );
    setTimeout(() => bare.push(Date.now() - due), due - Date.now());
  }
  if (Date.now() >= firstSecond)
    throw new Error('creating the schedules took longer than the lead time');
  const mine = () =>
    b.stack.scheduler.invocations().filter((i) => i.name.startsWith(prefix) && i.attempt === 1);
  const deadline = Date.now() + 30_000;
  while (mine().length < opts.timers || bare.length < opts.timers) {
    if (Date.now() > deadline)
      throw new Error(`only ${mine().length} of ${opts.timers} timers fired`);
    await new Promise((r) => setTimeout(r, 100));
  }
  client.destroy();
  const lateness = mine().map((i) => Date.parse(i.firedAt) - Date.parse(i.dueAt));
  const failed = mine().filter((i) => i.outcome !== 'succeeded').length;
  const figures: Figure[] = [0.5, 0.99].map((q) => {
    const measured = quantile(lateness, q);
    const limit = Math.max(1, quantile(bare, q));
    return {
      case: 'timers',
      name: `SLA timer lateness p${q * 100} (${opts.timers} timers over ${spreadSeconds} s)`,
      measured: round(measured, 0),
      limit: round(limit, 0),
      unit: 'ms',
      ratio: ratio(measured, limit),
      note: 'limit: a bare setTimeout for the same instants in the same process (at least 1 ms); the stand-in looks for due schedules every 100 ms',
    };
  });
  return {
    figures,
    details: {
      lateness: {
        p50: quantile(lateness, 0.5),
        p99: quantile(lateness, 0.99),
        max: Math.max(...lateness),
      },
      bare: { p50: quantile(bare, 0.5), p99: quantile(bare, 0.99) },
      failedAttempts: failed,
    },
  };
}
