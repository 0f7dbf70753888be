import { localClockOffset, type Clock } from '@weibao/usecases';

/** The local stack's offset, read on every call since its training clock moves; 0 on AWS. */
function offsetMs(): number {
  const offset = (globalThis as Record<symbol, unknown>)[localClockOffset];
  return typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
}

/** The machine's clock; locally moved by the stack's clock (see localClockOffset). */
export const systemClock: Clock = { now: () => new Date(Date.now() + offsetMs()) };
