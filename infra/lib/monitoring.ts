import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { businessMetrics, metricsServiceName } from '@weibao/api';
import { pascal } from './names.ts';

export interface MonitoringProps {
  stage: string;
  topic: ITopic;
  /** `weibao-<stage>`, where the functions' business metrics are (POWERTOOLS_METRICS_NAMESPACE). */
  metricsNamespace: string;
  httpApi: IHttpApi;
  /** Every dead-letter queue, by what it collects (`SLA timers and reminders`, `mail intake`). */
  deadLetterQueues: readonly { name: string; queue: IQueue }[];
  /** Every schedule group, by what its schedules are. */
  scheduleGroups: readonly { name: string; group: ScheduleGroup }[];
  /** The functions' own alarms (WeibaoFunction), shown on the dashboard. */
  functionAlarms: readonly IAlarm[];
  /** The account's Lambda concurrency quota the deployment is sized for (context lambdaConcurrency). */
  lambdaConcurrency: number;
}

const fiveMinutes = Duration.minutes(5);

/**
 * The alarms that are not per function, all notifying the ops topic, and the one dashboard with
 * every alarm and the business metrics. docs/deploy.md (Alarms) has a runbook line for each.
 */
export class Monitoring extends Construct {
  readonly alarms: readonly Alarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const alarms: Alarm[] = [];
    const alarm = (
      name: string,
      description: string,
      metric: IMetric,
      threshold: number,
      comparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
    ) => {
      const made = new Alarm(this, name, {
        alarmDescription: `${description} Runbook: docs/deploy.md, Alarms.`,
        metric,
        threshold,
        comparisonOperator,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      made.addAlarmAction(new SnsAction(props.topic));
      alarms.push(made);
      return made;
    };

    // A message in a dead-letter queue is a deadline, a reminder or a received mail that nothing
    // handled: at once, not after a threshold.
    for (const { name, queue } of props.deadLetterQueues)
      alarm(
        `${pascal(name)}DeadLetters`,
        `weibao dead-letter queue of ${name} holds a message: an event failed after every retry.`,
        queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        0,
      );

    for (const { name, group } of props.scheduleGroups) {
      const m = (metricName: string) =>
        group.metric(metricName, { period: fiveMinutes, statistic: 'Sum' });
      alarm(
        `${pascal(name)}SchedulerFailed`,
        `weibao EventBridge Scheduler could not invoke a target of the ${name} schedule group (the target refused or throttled the call).`,
        new MathExpression({
          expression: 'FILL(targetErrors, 0) + FILL(targetThrottled, 0)',
          usingMetrics: {
            targetErrors: m('TargetErrorCount'),
            targetThrottled: m('TargetErrorThrottledCount'),
          },
          label: 'failed invocations',
          period: fiveMinutes,
        }),
        0,
      );
      alarm(
        `${pascal(name)}SchedulerDropped`,
        `weibao EventBridge Scheduler dropped an invocation of the ${name} schedule group after its retries, or could not put it in the dead-letter queue.`,
        new MathExpression({
          expression: 'FILL(dropped, 0) + FILL(notDeadLettered, 0)',
          usingMetrics: {
            dropped: m('InvocationDroppedCount'),
            notDeadLettered: m('InvocationsFailedToBeSentToDeadLetterCount'),
          },
          label: 'dropped invocations',
          period: fiveMinutes,
        }),
        0,
      );
    }

    // Lambda throttles every function of the account once their concurrent executions reach the
    // account's quota: warn at 80 % of the quota this deployment is sized for, in time to ask for
    // more (Service Quotas, Lambda, Concurrent executions).
    alarm(
      'LambdaConcurrency',
      `weibao Lambda concurrent executions of the account reached 80 % of ${props.lambdaConcurrency} (context lambdaConcurrency).`,
      new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'ConcurrentExecutions',
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      Math.floor(props.lambdaConcurrency * 0.8),
      ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    );

    // SES reviews an account at a 5 % bounce rate and 0.1 % complaint rate and may pause sending
    // at 10 % and 0.5 %: alarm a little before the review, while there is time to act.
    const ses = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        period: Duration.hours(1),
        statistic: 'Maximum',
      });
    alarm(
      'SesBounceRate',
      'weibao SES bounce rate of the account reached 4 % (AWS reviews the account at 5 %).',
      ses('Reputation.BounceRate'),
      0.04,
      ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    );
    alarm(
      'SesComplaintRate',
      'weibao SES complaint rate of the account reached 0.08 % (AWS reviews the account at 0.1 %).',
      ses('Reputation.ComplaintRate'),
      0.0008,
      ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    );

    const requests = props.httpApi.metricCount({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrors = props.httpApi.metricServerError({
      period: fiveMinutes,
      statistic: 'Sum',
    });
    const serverErrorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx, % of requests',
      period: fiveMinutes,
    });
    alarm(
      'Api5xxRate',
      'weibao API answered more than 5 % of its requests in 5 minutes with a 5xx.',
      serverErrorRate,
      5,
    );

    const business = (
      metric: (typeof businessMetrics)[keyof typeof businessMetrics],
      statistic = 'Sum',
    ) =>
      new Metric({
        namespace: props.metricsNamespace,
        metricName: metric.name,
        dimensionsMap: { service: metricsServiceName },
        period: fiveMinutes,
        statistic,
      });
    alarm(
      'MailQuarantined',
      'weibao quarantined received mail (unknown sender, unreadable, spam or virus verdict): someone must look at it.',
      business(businessMetrics.mailQuarantined),
      0,
    );
    alarm(
      'MailDead',
      'weibao gave up on outgoing mail after its last attempt (SES refused it or kept failing): it is on the dead list, unsent.',
      business(businessMetrics.mailDead),
      0,
    );
    this.alarms = alarms;

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `weibao-${props.stage}`,
      defaultInterval: Duration.days(1),
    });
    const search = (metric: (typeof businessMetrics)[keyof typeof businessMetrics]) =>
      new MathExpression({
        // Every combination of the metric's dimensions (channel × severity, clock), one line each.
        expression: `SEARCH('{${[props.metricsNamespace, ...metric.dimensions, 'service'].join(',')}} MetricName="${metric.name}"', 'Sum', 300)`,
        usingMetrics: {},
        period: fiveMinutes,
      });
    const plain = (metric: (typeof businessMetrics)[keyof typeof businessMetrics]) =>
      metric.dimensions.length > 0 ? search(metric) : business(metric);
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# weibao ${props.stage}\nEvery alarm notifies the ops topic; what each means and what to do: docs/deploy.md, Alarms.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Operations alarms', alarms, width: 24, height: 4 }),
    );
    // An alarm status widget shows at most 100 alarms.
    for (let start = 0; start < props.functionAlarms.length; start += 100)
      this.dashboard.addWidgets(
        new AlarmStatusWidget({
          title: `Function alarms (errors + throttles) ${start + 1}–${Math.min(start + 100, props.functionAlarms.length)}`,
          alarms: props.functionAlarms.slice(start, start + 100),
          width: 24,
          height: 6,
        }),
      );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and 5xx',
        left: [requests, serverErrors],
        right: [serverErrorRate],
        width: 12,
      }),
      new GraphWidget({
        title: 'Dead-letter queues: messages visible',
        left: props.deadLetterQueues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({
            label: name,
            period: Duration.minutes(1),
            statistic: 'Maximum',
          }),
        ),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Tickets opened (channel, severity)',
        left: [search(businessMetrics.ticketsOpened)],
        width: 8,
      }),
      new GraphWidget({
        title: 'SLA points at risk and breached (clock)',
        left: [plain(businessMetrics.slaAtRisk)],
        right: [plain(businessMetrics.slaBreached)],
        width: 8,
      }),
      new GraphWidget({
        title: 'Deductions booked (count; fen on the right)',
        left: [business(businessMetrics.deductionsBooked)],
        right: [business(businessMetrics.deductionsFen)],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Received mail',
        left: [
          business(businessMetrics.mailTakenIn),
          business(businessMetrics.mailQuarantined),
          business(businessMetrics.mailIgnored),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Reminders sent, link uses, mail sent from the queue and given up',
        left: [
          business(businessMetrics.remindersSent),
          business(businessMetrics.linkUses),
          business(businessMetrics.mailSent),
          business(businessMetrics.mailDead),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Scheduler: attempts, failed, dropped',
        left: props.scheduleGroups.flatMap(({ group }) =>
          [
            'InvocationAttemptCount',
            'TargetErrorCount',
            'InvocationDroppedCount',
            'InvocationsFailedToBeSentToDeadLetterCount',
          ].map((name) => group.metric(name, { period: fiveMinutes, statistic: 'Sum' })),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'SES reputation (fractions)',
        left: [ses('Reputation.BounceRate'), ses('Reputation.ComplaintRate')],
        width: 12,
      }),
    );
  }
}
