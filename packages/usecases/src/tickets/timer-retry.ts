import {
  allPages,
  clearTimerRetry,
  ticketById,
  timerRetriesWaiting,
  timerRetryShards,
  type TimerRetryRecord,
} from '@weibao/store';
import { mapBounded } from '../bounded-map.ts';
import type { Deps, SlaTimers } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';

/** Tickets planned at a time: well under the Scheduler's API rate, however many wait. */
const ticketsAtOnce = 4;
/** A ticket that keeps changing while its timers are planned is planned again, this often at most. */
const maxRounds = 3;

export interface TimerRetryRun {
  /** Tickets whose timers are planned now and whose retry is cleared. */
  planned: number;
  /** Deleted tickets, or gone: their retry is cleared with nothing to plan. */
  gone: number;
  /** Still failing (the Scheduler is still throttling): they stay for the next run. */
  failed: number;
}

/**
 * The timer-retry job (every minute): plans in full, reading the schedules back, the timers of every
 * ticket whose change was stored while the Scheduler failed, to the points its newest version
 * holds. A ticket that changes meanwhile is planned again to its newer points; a retry is cleared
 * only if no newer failure replaced it. A run that fails for a ticket leaves it for the next run.
 */
export function makeRetryTimers(deps: Pick<Deps, 'db'> & { timers: SlaTimers }) {
  return async (): Promise<TimerRetryRun> => {
    const shards = Array.from({ length: timerRetryShards }, (_, shard) => shard);
    const waiting = (
      await Promise.all(
        shards.map((shard) =>
          mapStoreErrors('the timer retries', () =>
            allPages<TimerRetryRecord>((cursor) =>
              timerRetriesWaiting(deps.db, shard, { limit: 100, ...(cursor ? { cursor } : {}) }),
            ),
          ),
        ),
      )
    ).flat();
    const run: TimerRetryRun = { planned: 0, gone: 0, failed: 0 };
    await mapBounded(waiting, ticketsAtOnce, async (retry) => {
      try {
        const outcome = await planInFull(deps, retry);
        if (await clearTimerRetry(deps.db, retry)) run[outcome] += 1;
      } catch {
        run.failed += 1;
      }
    });
    return run;
  };
}

async function planInFull(
  deps: Pick<Deps, 'db'> & { timers: SlaTimers },
  retry: TimerRetryRecord,
): Promise<'planned' | 'gone'> {
  let version: number | null = null;
  for (let round = 0; round < maxRounds; round += 1) {
    const ticket = await ticketById(deps.db, retry.hospitalId, retry.ticketId, true);
    if (!ticket || ticket.deletedAt) {
      await deps.timers.replace(retry, []);
      return 'gone';
    }
    if (ticket.version === version) return 'planned';
    version = ticket.version;
    await deps.timers.replace(retry, ticket.timerPoints ?? []);
  }
  return 'planned';
}
