import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { businessMetrics, metricsServiceName, type BusinessMetric } from '@weibao/api';
import type { BusinessMetrics } from '@weibao/usecases';
import { flushAtInvocationEnd } from './metrics-flush.ts';

/** The business metrics of one function: the use cases' port plus what handlers count from results. */
export interface FunctionMetrics extends BusinessMetrics {
  mail(outcome: 'taken-in' | 'quarantined' | 'ignored'): void;
  reminderSent(): void;
  linkUsed(): void;
  /** The mail drain's run: sent from the queue, and given up (the dead list). */
  mailDrained(sent: number, dead: number): void;
  /** Writes what this invocation counted as EMF lines on stdout (one per set of dimension values). */
  flush(): void;
}

const mailMetric = {
  'taken-in': 'mailTakenIn',
  quarantined: 'mailQuarantined',
  ignored: 'mailIgnored',
} as const satisfies Record<string, BusinessMetric>;

interface Counted {
  metric: BusinessMetric;
  value: number;
  dimensions: Record<string, string>;
}

/**
 * Business metrics over Powertools Metrics (CloudWatch embedded metric format: a JSON log line,
 * no API call). Counts are kept until `flush`, once per invocation; the ones with the same
 * dimension values go into one EMF line, since an EMF line carries one value per dimension.
 */
export function makeFunctionMetrics(metrics: Metrics | null): FunctionMetrics {
  let counted: Counted[] = [];
  const count = (
    metric: BusinessMetric,
    value: number,
    dimensions: Record<string, string> = {},
  ) => {
    const declared: readonly string[] = businessMetrics[metric].dimensions;
    if (Object.keys(dimensions).join() !== declared.join())
      throw new Error(`metric ${metric} takes the dimensions ${declared.join(', ') || 'none'}`);
    counted.push({ metric, value, dimensions });
  };
  return {
    ticketOpened: ({ channel, severity }) => count('ticketsOpened', 1, { channel, severity }),
    slaPoint: (point, clock) =>
      count(point === 'breach' ? 'slaBreached' : 'slaAtRisk', 1, { clock }),
    deductionBooked: (amountFen) => {
      count('deductionsBooked', 1);
      count('deductionsFen', amountFen);
    },
    mail: (outcome) => count(mailMetric[outcome], 1),
    reminderSent: () => count('remindersSent', 1),
    linkUsed: () => count('linkUses', 1),
    mailDrained: (sent, dead) => {
      if (sent > 0) count('mailSent', sent);
      if (dead > 0) count('mailDead', dead);
    },
    flush: () => {
      const groups = new Map<string, Counted[]>();
      for (const c of counted) {
        const key = JSON.stringify(c.dimensions);
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
      counted = [];
      if (!metrics) return;
      for (const group of groups.values()) {
        for (const [name, value] of Object.entries(group[0]?.dimensions ?? {}))
          metrics.addDimension(name, value);
        for (const c of group) {
          const m = businessMetrics[c.metric];
          metrics.addMetric(m.name, MetricUnit[m.unit], c.value);
        }
        // Publishes and clears the metrics and these dimensions; the service dimension stays.
        metrics.publishStoredMetrics();
      }
    },
  };
}

let shared: FunctionMetrics | undefined;

/**
 * The function's metrics, made once per cold start. On AWS the infra sets
 * POWERTOOLS_METRICS_NAMESPACE (`weibao-<stage>`) and POWERTOOLS_SERVICE_NAME; without a namespace
 * (the local stack, tests) counts are checked and dropped, so `npm start` prints no EMF lines.
 */
export function functionMetrics(): FunctionMetrics {
  if (shared) return shared;
  const namespace = process.env.POWERTOOLS_METRICS_NAMESPACE;
  const made = makeFunctionMetrics(
    namespace
      ? new Metrics({
          namespace,
          serviceName: process.env.POWERTOOLS_SERVICE_NAME || metricsServiceName,
        })
      : null,
  );
  // HTTP handlers flush through metrics-flush.ts, which does not import this module.
  flushAtInvocationEnd(() => made.flush());
  shared = made;
  return made;
}

/** Middy: flush the business metrics once per invocation, also when the handler throws. */
export function flushMetrics(m: () => FunctionMetrics = functionMetrics): MiddlewareObj {
  return {
    after: () => m().flush(),
    onError: () => m().flush(),
  };
}
