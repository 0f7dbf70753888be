import { clockOffsetVariable, type Clock } from '@weibao/usecases';

/** The offset the local stack may set; read on every call, since the stack sets it at start. */
function offsetMs(): number {
  const offset = Number(process.env[clockOffsetVariable] ?? 0);
  return Number.isFinite(offset) ? offset : 0;
}

/** The machine's clock; locally moved by the stack's offset (see clockOffsetVariable). */
export const systemClock: Clock = { now: () => new Date(Date.now() + offsetMs()) };
