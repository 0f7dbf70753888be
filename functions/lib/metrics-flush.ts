import type { MiddlewareObj } from '@middy/core';

/**
 * What flushes the business metrics at the end of an HTTP invocation, once something in the
 * function has made them (metrics.ts registers itself on first use). Kept apart from metrics.ts so
 * that a route that counts nothing, a list or a read, does not bundle Powertools Metrics: every
 * route goes through this middleware, only the writers that count pay for the library.
 */
const flushers: (() => void)[] = [];

export function flushAtInvocationEnd(flush: () => void): void {
  flushers.push(flush);
}

/** Middy: flush whatever was counted, also when the handler throws. */
export function flushCountedMetrics(): MiddlewareObj {
  const flushAll = () => {
    for (const flush of flushers) flush();
  };
  return { after: flushAll, onError: flushAll };
}
