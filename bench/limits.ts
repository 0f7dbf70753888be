/**
 * The limits a deployment for `hospitals` hospitals needs (docs/deploy.md, Limits), from the
 * hospital-month workload (bench/workload.ts): the API stage throttle, the account's Lambda
 * concurrency, the account's SES send rate. infra/lib/config.ts takes limitsFor(50) as its defaults (limits.test.ts).
 *
 *   npx tsx bench/limits.ts 50 1000 10000
 */
import { hospitalMonth } from './workload.ts';

type Workload = typeof hospitalMonth;

/** Hospitals work the same hours (Beijing time): the busiest hour is all of them at once. */
export const peak = {
  /** Visible tabs in the busiest hour over the month's mean. */
  tabsFactor: 2,
  /**
   * One hospital's staff reporting an outage at once: the 200 concurrent reports of the bench's
   * burst case ("A hospital goes down"), which the stage must take as a burst.
   */
  outageReports: 200,
  /** Lambda time per request over the assumed mean, for cold starts. */
  coldStartFactor: 2,
  /** A busy day's mail over the month's mean working day (as the SES quota figures, deploy.md). */
  busyDayFactor: 1.5,
  /**
   * The share of a day's mail in its busiest hour: the reminders and digests of 08:30–09:30 with
   * the morning's reports, acknowledgements and notices.
   */
  mailBusiestHourShare: 0.2,
};

/** SES's rate of an account out of the sandbox: the least a deployment asks for. */
const sesBaseRate = 14;
/** Reminders may use this share of each second (usecases lowPriorityLimit: a fifth is kept). */
const lowPriorityShare = 0.8;

/** Rounded up to a multiple of `step`. */
const upTo = (value: number, step: number) => Math.ceil(value / step) * step;

export interface Limits {
  /** API requests per second for all hospitals together (context throttleRate). */
  throttleRate: number;
  /** API requests at once (context throttleBurst). */
  throttleBurst: number;
  /** The account's Lambda concurrent executions (context lambdaConcurrency). */
  lambdaConcurrency: number;
  /** The account's SES send rate, messages per second (context sesSendRate). */
  sesSendRate: number;
  /** The peak requests per second of one hospital the figures start from. */
  peakRpsPerHospital: number;
}

export function limitsFor(hospitals: number, w: Workload = hospitalMonth): Limits {
  const polling = (w.polling.visibleTabs * peak.tabsFactor * w.polling.perTabPerMinute) / 60;
  // The operations (reports, answers, reads) spread over the working hours, at the same peak.
  const operations =
    (Object.values(w.operations).reduce((a, b) => a + b, 0) * peak.tabsFactor) /
    (w.polling.workingHoursPerMonth * 3600);
  const peakRpsPerHospital = polling + operations;
  const throttleRate = upTo(hospitals * peakRpsPerHospital, 50);
  const throttleBurst = throttleRate + peak.outageReports;
  const lambdaConcurrency = Math.max(
    100,
    upTo(throttleBurst * (w.assumedApiMs / 1000) * peak.coldStartFactor, 50),
  );
  // The busiest hour's mail, sent within that hour by the reminders' share of each second.
  const mailsPerDay = (w.email.outbound / 22) * peak.busyDayFactor;
  const sesSendRate = Math.max(
    sesBaseRate,
    upTo((hospitals * mailsPerDay * peak.mailBusiestHourShare) / 3600 / lowPriorityShare, 5),
  );
  return { throttleRate, throttleBurst, lambdaConcurrency, sesSendRate, peakRpsPerHospital };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const arg of process.argv.slice(2)) {
    const n = Number(arg);
    console.log(n, limitsFor(n));
  }
}
