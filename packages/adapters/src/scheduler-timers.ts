import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  type GetScheduleCommandOutput,
} from '@aws-sdk/client-scheduler';
import type { SlaTimerPayload } from '@weibao/api';
import type { SlaTimerPoint, SlaTimers } from '@weibao/usecases';
import { systemClock } from './system-clock.ts';
import {
  oneTimeScheduleInput,
  scheduleTargetFromEnv,
  type OneTimeScheduleInput,
} from './schedule-target-env.ts';

export interface SchedulerTimersConfig {
  /** The schedule group every SLA timer lives in (SCHEDULE_GROUP). */
  groupName: string;
  /** The timer Lambda function (SLA_TIMER_ARN). */
  targetArn: string;
  /** The role the Scheduler assumes to invoke it (SCHEDULER_ROLE_ARN). */
  roleArn: string;
  /** Where the Scheduler puts an event it could not deliver (TIMER_DLQ_ARN). */
  deadLetterArn: string;
  /** Epoch milliseconds; decides which points have passed. Default systemClock. */
  now?: () => number;
}

export const slaClocks = ['response', 'on-site', 'resolution'] as const;
export const slaPoints = ['at-risk', 'breach', 'deduction'] as const;

// Compile-time: every clock and point of the port has its schedule name, so none is left behind.
type Missing =
  | Exclude<SlaTimerPoint['clock'], (typeof slaClocks)[number]>
  | Exclude<SlaTimerPoint['point'], (typeof slaPoints)[number]>;
const _everyClockAndPointNamed: [Missing] extends [never] ? true : never = true;

/** ULIDs (26 characters), or anything else that keeps the name within the Scheduler's rules. */
const ticketIdPattern = /^[0-9A-Za-z]{1,40}$/;

/**
 * The one schedule name of a ticket's clock and point: `sla-<ticketId>-<clock>-<point>`, at most
 * 64 characters of [0-9A-Za-z-]. Ticket ids are globally unique ULIDs, so no hospital is needed.
 */
export function slaTimerScheduleName(
  ticketId: string,
  clock: SlaTimerPoint['clock'],
  point: SlaTimerPoint['point'],
): string {
  if (!ticketIdPattern.test(ticketId))
    throw new Error(`ticket id "${ticketId}" cannot name a schedule: expected a ULID`);
  return `sla-${ticketId}-${clock}-${point}`;
}

/** Every name a ticket's timers can have (3 clocks × 2 points). */
export function slaTimerScheduleNames(ticketId: string): string[] {
  return slaClocks.flatMap((clock) =>
    slaPoints.map((point) => slaTimerScheduleName(ticketId, clock, point)),
  );
}

/**
 * The Scheduler's earliest instant for a point: the point itself, rounded up to the second (an
 * `at()` has no milliseconds, and a timer must never run before its deadline), or, for a point that
 * has passed, a second from now, so the handler still runs for it.
 */
export function earliestRun(at: string, now: number): number {
  const ceilSecond = (ms: number) => Math.ceil(ms / 1000) * 1000;
  return Math.max(ceilSecond(Date.parse(at)), ceilSecond(now + minimumLeadMs));
}

/** A past point is set this far ahead: a schedule time the Scheduler receives in the past may be refused. */
const minimumLeadMs = 1000;

/** `at(2026-03-02T01:30:00)` in UTC. */
function atExpression(ms: number): string {
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}

/**
 * Every request's outcome, then the first failure thrown: a plan that fails leaves no request of
 * its own still running (and retrying) behind it.
 */
async function settled<T>(requests: Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(requests);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<T>).value);
}

type Desired = OneTimeScheduleInput;

/** Whether a schedule already does what we want: same target, same payload (hence same point time). */
function unchanged(existing: GetScheduleCommandOutput, desired: Desired): boolean {
  const t = existing.Target;
  return (
    existing.ActionAfterCompletion === desired.ActionAfterCompletion &&
    existing.FlexibleTimeWindow?.Mode === desired.FlexibleTimeWindow?.Mode &&
    existing.State === 'ENABLED' &&
    t?.Arn === desired.Target.Arn &&
    t?.RoleArn === desired.Target.RoleArn &&
    t?.Input === desired.Target.Input &&
    t?.DeadLetterConfig?.Arn === desired.Target.DeadLetterConfig?.Arn &&
    t?.RetryPolicy?.MaximumRetryAttempts === desired.Target.RetryPolicy?.MaximumRetryAttempts &&
    t?.RetryPolicy?.MaximumEventAgeInSeconds ===
      desired.Target.RetryPolicy?.MaximumEventAgeInSeconds
  );
}

/**
 * SLA timers as EventBridge Scheduler one-time schedules: one `at()` schedule per clock and point,
 * in UTC, exact (no flexible window), deleted by the Scheduler after it ran, retried on delivery
 * failure and dead-lettered to SQS after that. The target receives a SlaTimerPayload.
 *
 * `apply`, what every ticket change uses, reads nothing back: it compares the points the ticket's
 * last change planned (stored on the ticket) with the ones wanted now and only creates, moves or
 * deletes the difference, so an unchanged plan costs no Scheduler call at all.
 *
 * `replace` reconciles in full: it reads the ticket's possible schedules (every clock and point) by
 * name (no ListSchedules: that action has no resource-level permission, and the names are known),
 * then creates what is missing, updates what changed, deletes what is no longer wanted. The retry
 * of a plan that failed uses it, and tickets written before their points were stored. For a ticket
 * its own change created (`newTicket`) it reads nothing: it creates each point, updating one that
 * exists already. A point that has passed is still scheduled, a second from now: pass only points
 * whose handling is still due.
 */
export function makeSchedulerTimers(
  client: SchedulerClient,
  config: SchedulerTimersConfig,
): SlaTimers {
  const now = config.now ?? (() => systemClock.now().getTime());
  const group = config.groupName;

  async function get(name: string): Promise<GetScheduleCommandOutput | null> {
    try {
      return await client.send(new GetScheduleCommand({ Name: name, GroupName: group }));
    } catch (err) {
      if (err instanceof ResourceNotFoundException) return null;
      throw err;
    }
  }

  async function create(desired: Desired): Promise<void> {
    try {
      await client.send(new CreateScheduleCommand(desired));
    } catch (err) {
      // Someone (a concurrent replace) made it in the meantime: make it ours.
      if (err instanceof ConflictException) await update(desired, false);
      else throw err;
    }
  }

  async function update(desired: Desired, createIfGone = true): Promise<void> {
    try {
      await client.send(new UpdateScheduleCommand(desired));
    } catch (err) {
      // It ran (and the Scheduler deleted it) since we looked: the new time still needs a timer.
      if (err instanceof ResourceNotFoundException && createIfGone) await create(desired);
      else throw err;
    }
  }

  async function remove(name: string): Promise<void> {
    try {
      await client.send(new DeleteScheduleCommand({ Name: name, GroupName: group }));
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
  }

  /** The schedule each point wants, by name; throws on a point planned twice or not an instant. */
  function desiredSchedules(
    ticket: { hospitalId: string; ticketId: string },
    points: readonly SlaTimerPoint[],
    at: number,
  ): Map<string, Desired> {
    const wanted = new Map<string, Desired>();
    for (const p of points) {
      const name = slaTimerScheduleName(ticket.ticketId, p.clock, p.point);
      if (wanted.has(name)) throw new Error(`${p.clock} ${p.point} is planned twice`);
      const planned = Date.parse(p.at);
      if (Number.isNaN(planned))
        throw new Error(`${p.clock} ${p.point}: "${p.at}" is not an instant`);
      const payload: SlaTimerPayload = {
        kind: 'sla-timer',
        hospitalId: ticket.hospitalId,
        ticketId: ticket.ticketId,
        clock: p.clock,
        point: p.point,
        at: new Date(planned).toISOString(),
      };
      wanted.set(
        name,
        oneTimeScheduleInput(config, {
          name,
          description: `SLA ${p.clock} ${p.point} of ticket ${ticket.ticketId}`,
          expression: atExpression(earliestRun(payload.at, at)),
          timezone: 'UTC',
          afterCompletion: 'DELETE',
          payload,
        }),
      );
    }
    return wanted;
  }

  return {
    async replace(ticket, points, opts = {}) {
      const wanted = desiredSchedules(ticket, points, now());

      // A ticket created by this change has no schedules to read back: each is created, and one
      // that an earlier try of the same creation made (a ConflictException) is updated instead.
      if (opts.newTicket) {
        await settled([...wanted.values()].map(create));
        return;
      }
      const names = slaTimerScheduleNames(ticket.ticketId);
      const existing = await settled(names.map(get));
      await settled(
        names.map(async (name, i) => {
          const desired = wanted.get(name);
          const current = existing[i];
          if (!desired) {
            if (current) await remove(name);
          } else if (!current) await create(desired);
          else if (!unchanged(current, desired)) await update(desired);
        }),
      );
    },

    async apply(ticket, from, to) {
      const at = now();
      const wanted = desiredSchedules(ticket, to, at);
      // What the last change planned, by name and instant. A point that has come is not counted
      // as existing: its schedule ran (and the Scheduler deleted it) or is about to, so one still
      // wanted is set again, a second from now; the timer handler makes a repeat a no-op.
      const planned = new Map(
        from
          .filter((p) => Date.parse(p.at) > at + minimumLeadMs)
          .map((p) => [slaTimerScheduleName(ticket.ticketId, p.clock, p.point), p.at] as const),
      );
      const wantedAt = new Map(
        to.map((p) => [slaTimerScheduleName(ticket.ticketId, p.clock, p.point), p.at] as const),
      );
      await settled([
        ...[...wanted].map(async ([name, desired]) => {
          const before = planned.get(name);
          if (before === undefined) await create(desired);
          else if (Date.parse(before) !== Date.parse(wantedAt.get(name) ?? ''))
            await update(desired);
        }),
        ...[...planned.keys()].filter((name) => !wanted.has(name)).map(remove),
      ]);
    },
  };
}

/**
 * From the function's environment (set by bindTimers on AWS, by the local stack locally). The SDK
 * finds the local stand-in through AWS_ENDPOINT_URL_SCHEDULER by itself.
 */
export function makeSchedulerTimersFromEnv(
  client: SchedulerClient = new SchedulerClient({}),
  env: NodeJS.ProcessEnv = process.env,
): SlaTimers {
  return makeSchedulerTimers(
    client,
    scheduleTargetFromEnv(env, 'SLA_TIMER_ARN', 'schedule SLA timers'),
  );
}
