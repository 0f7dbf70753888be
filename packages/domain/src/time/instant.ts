/** An instant as the callers hold it: a UTC ISO string (with Z or an offset) or epoch milliseconds. */
export type Instant = string | number;

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an instant. An ISO string must carry its zone: a bare local time would
 * depend on the machine's time zone, and the rules must not.
 */
export function toEpochMs(instant: Instant): number {
  if (typeof instant === 'number') {
    if (!Number.isSafeInteger(instant)) throw new RangeError(`not an epoch-ms instant: ${instant}`);
    return instant;
  }
  const ms = isoInstant.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`not an ISO instant with a zone (e.g. 2026-03-02T01:00:00Z): ${instant}`);
  }
  return ms;
}

/** The canonical form we hand back: UTC ISO with milliseconds. */
export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

export const minuteMs = 60_000;

/** China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact. */
const shanghaiOffsetMs = 8 * 60 * minuteMs;

/** The calendar date in Asia/Shanghai on which an instant falls: contracts count days there. */
export function shanghaiDateOf(instant: Instant): string {
  return new Date(toEpochMs(instant) + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar date begins (00:00 +08:00). */
export function startOfShanghaiDate(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}
