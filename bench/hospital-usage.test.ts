import { describe, expect, test } from 'vitest';
import { synthWeibao } from '../infra/test/synth.ts';
import { hospitalMonthUsage, weibaoDeployment, type OperationUnits } from './hospital-usage.ts';
import { hospitalMonth as w } from './workload.ts';

describe('weibaoDeployment', () => {
  // What the cost model takes as deployed once must be what infra/ deploys.
  const synth = synthWeibao();
  const templates = [
    synth.data,
    synth.auth,
    synth.api,
    synth.web,
    ...synth.routeStacks.map((r) => r.template),
  ];
  const all = (type: string) =>
    templates.flatMap((t) => Object.values(t.findResources(type))) as {
      Properties: Record<string, unknown>;
    }[];

  test('counts the customer managed KMS keys, the web ACLs and their rules the stacks make', () => {
    expect(all('AWS::KMS::Key')).toHaveLength(weibaoDeployment.kmsKeys);
    const acls = all('AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(weibaoDeployment.webAcls);
    expect((acls[0]!.Properties.Rules as unknown[]).length).toBe(weibaoDeployment.wafRules);
  });

  test('keeps as many backup copies and log months as the backup plan and the log groups do', () => {
    const rules = all('AWS::Backup::BackupPlan').flatMap(
      (p) =>
        (
          p.Properties.BackupPlan as {
            BackupPlanRule: {
              ScheduleExpression: string;
              Lifecycle: { DeleteAfterDays: number };
            }[];
          }
        ).BackupPlanRule,
    );
    // A daily rule keeps one copy a day, a monthly one a copy a month (~30.5 days).
    const copies = rules.reduce((sum, r) => {
      const days = r.Lifecycle.DeleteAfterDays;
      const monthly = /cron\(\S+ \S+ 1 /.test(r.ScheduleExpression);
      return sum + (monthly ? Math.round(days / 30.5) : days);
    }, 0);
    expect(copies).toBe(weibaoDeployment.backupCopies);
    const retention = new Set(all('AWS::Logs::LogGroup').map((g) => g.Properties.RetentionInDays));
    expect([...retention]).toEqual([Math.round(weibaoDeployment.logRetentionMonths * 30.42)]);
  });

  test('records no traces, as the model’s sampling rate of 0 says', () => {
    expect(weibaoDeployment.xraySampleRate).toBe(0);
    for (const fn of all('AWS::Lambda::Function'))
      expect(
        (fn.Properties.TracingConfig as { Mode?: string } | undefined)?.Mode ?? 'PassThrough',
      ).toBe('PassThrough');
  });
});

describe('hospitalMonthUsage', () => {
  const ops = [...Object.keys(w.operations), w.polling.operation];
  const units = (rru: number, wru: number, ms: number): Record<string, OperationUnits> =>
    Object.fromEntries(ops.map((op) => [op, { rru, wru, ms }]));

  test('adds the polling to the workload’s operations, as requests, invocations and units', () => {
    const polls =
      w.polling.visibleTabs * w.polling.perTabPerMinute * 60 * w.polling.workingHoursPerMonth;
    const operations = Object.values(w.operations).reduce((a, b) => a + b, 0);
    const timers = w.operations.slaTimerBreach! + w.operations.slaTimerRepeat!;
    const u = hospitalMonthUsage(units(1, 2, 100), 50, { rru: 0, wru: 0, ms: 40 });
    const changes = w.rollups.changingOperations.reduce((a, op) => a + w.operations[op]!, 0);
    expect(u.apiRequests).toBe(operations - timers + polls);
    expect(u.lambda.invocations).toBe(operations + polls + changes + w.email.inbound);
    expect(u.dynamodb.rru).toBe(operations + polls);
    expect(u.dynamodb.wru).toBe(2 * (operations + polls));
    expect(u.lambda.gbSeconds).toBeCloseTo(
      (operations + polls) * 0.1 * w.lambdaMemoryGb +
        changes * 0.04 * w.lambdaMemoryGb +
        w.email.inbound * 0.05 * w.lambdaMemoryGb,
      6,
    );
    expect(u.timerDeliveries).toBe(timers);
  });

  test('adds the rollups of every ticket or ledger change, none for a read', () => {
    const without = hospitalMonthUsage(units(1, 1, 0), 0, { rru: 0, wru: 0, ms: 0 });
    const withRollups = hospitalMonthUsage(units(1, 1, 0), 0, { rru: 100, wru: 10, ms: 0 });
    // createTicket 200, postResponse 200, postComment 600, slaTimerBreach 120.
    expect(w.rollups.changingOperations.reduce((a, op) => a + w.operations[op]!, 0)).toBe(1_120);
    expect(withRollups.dynamodb.rru - without.dynamodb.rru).toBe(112_000);
    expect(withRollups.dynamodb.wru - without.dynamodb.wru).toBe(11_200);
    expect(withRollups.apiRequests).toBe(without.apiRequests);
  });

  test('sizes the table by the months of tickets it keeps', () => {
    const u = hospitalMonthUsage(units(0, 0, 0), 0);
    expect(u.dynamodb.tableGb).toBeCloseTo(
      (w.tickets * w.retainedMonths * w.storedBytesPerTicket) / 1e9,
      12,
    );
  });

  test('refuses a workload operation the bench did not measure', () => {
    const { listTickets: _, ...rest } = units(1, 1, 1);
    expect(() => hospitalMonthUsage(rest, 0)).toThrow(/no measurement for listTickets/);
  });
});
