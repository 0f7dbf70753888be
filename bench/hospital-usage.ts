import type { Deployment, HospitalMonthUsage } from './scale-cost.ts';
import { hospitalMonth } from './workload.ts';

type Workload = typeof hospitalMonth;

/** What the bench measured for one operation: billed units per call and handler time. */
export interface OperationUnits {
  rru: number;
  /** Transactional writes already counted twice. */
  wru: number;
  ms: number;
}

/**
 * What weibao deploys once (infra/): one CLOUDFRONT web ACL with 5 rules (body size, rate per IP,
 * three AWS managed groups; web.ts), 8 customer managed keys (data, link, mail, API logs, auth
 * logs, ops topic, dead letters, web; data.ts, api.ts, auth.ts, ops-topic.ts, scheduling.ts,
 * web.ts), tracing off (weibao-function.ts), AWS Backup keeping 35 daily and 12 monthly copies
 * (data.ts), every log group for a year (log-retention.ts).
 */
export const weibaoDeployment: Deployment = {
  webAcls: 1,
  wafRules: 5,
  kmsKeys: 8,
  xraySampleRate: 0,
  backupCopies: 35 + 12,
  logRetentionMonths: 12,
};

/** What the stream's rollups cost for one ticket or ledger change (transactions counted twice). */
export interface RollupUnits {
  rru: number;
  wru: number;
  /** The handler's time for the change, billed as Lambda time. */
  ms: number;
}

/**
 * One hospital's month from the workload and per-operation measurements: the operations of
 * `w.operations`, the web app's polling (priced as `w.polling.operation`), the rollups each
 * ticket change sets off (`w.rollups`), mail intake and the web app's own files.
 */
export function hospitalMonthUsage(
  units: Readonly<Record<string, OperationUnits>>,
  intakeMs: number,
  rollupsPerChange: RollupUnits = hospitalMonth.rollups.perChange,
  w: Workload = hospitalMonth,
): HospitalMonthUsage {
  const measured = (op: string): OperationUnits => {
    const u = units[op];
    if (!u) throw new Error(`usage: no measurement for ${op}`);
    return u;
  };
  const polls =
    w.polling.visibleTabs * w.polling.perTabPerMinute * 60 * w.polling.workingHoursPerMonth;
  const counts: [string, number][] = [
    ...Object.entries(w.operations),
    [w.polling.operation, polls],
  ];
  let rru = 0;
  let wru = 0;
  let gbSeconds = (intakeMs / 1000) * w.lambdaMemoryGb * w.email.inbound;
  let invocations = w.email.inbound;
  let apiRequests = 0;
  for (const [op, count] of counts) {
    const u = measured(op);
    rru += u.rru * count;
    wru += u.wru * count;
    gbSeconds += (u.ms / 1000) * w.lambdaMemoryGb * count;
    invocations += count;
    if (!(w.nonHttp as readonly string[]).includes(op)) apiRequests += count;
  }
  const changes = w.rollups.changingOperations.reduce(
    (sum, op) => sum + (w.operations[op] ?? 0),
    0,
  );
  rru += rollupsPerChange.rru * changes;
  wru += rollupsPerChange.wru * changes;
  gbSeconds += (rollupsPerChange.ms / 1000) * w.lambdaMemoryGb * changes;
  invocations += changes;
  const loads = w.users * w.web.loadsPerUser;
  const s3Puts = w.email.inbound; // the raw message; attachments ride along in the workload's size
  const s3Gets = w.email.inbound * 2;
  return {
    dynamodb: {
      rru,
      wru,
      tableGb: (w.tickets * w.retainedMonths * w.storedBytesPerTicket) / 1e9,
    },
    lambda: { gbSeconds, invocations },
    apiRequests,
    email: {
      outbound: w.email.outbound,
      inbound: w.email.inbound,
      inboundChunks: Math.ceil(w.email.inboundKiB / 256) * w.email.inbound,
    },
    timerDeliveries: (w.operations.slaTimerBreach ?? 0) + (w.operations.slaTimerRepeat ?? 0),
    s3: {
      storedGb: (w.email.inbound * w.email.inboundKiB * 1024 * w.retainedMonths) / 1e9,
      puts: s3Puts,
      gets: s3Gets,
    },
    users: w.users,
    web: {
      fileRequests: loads * w.web.requestsPerLoad,
      bytesOut:
        loads * w.web.bytesPerLoad +
        w.users * w.web.bundleDownloadsPerUser * w.web.bundleBytes +
        apiRequests * w.web.apiAnswerBytes,
    },
    logs: {
      accessLogBytesPerRequest: w.logBytes.accessPerRequest,
      functionLogBytesPerInvocation: w.logBytes.functionPerInvocation,
      wafLogBytesPerRequest: w.logBytes.wafPerRequest,
    },
    kmsRequests: invocations * w.kmsPerInvocation + s3Puts + s3Gets,
  };
}
