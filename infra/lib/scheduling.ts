import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { CfnSchedule, ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  auditCheckpointSchedule,
  timerRetrySchedule,
  mailDrainSchedule,
  obligationDigestSchedule,
  type EventHandlerDef,
} from '@weibao/api';
import { acknowledge } from './nag.ts';
import { pascal } from './names.ts';
import {
  type FunctionOps,
  type MailSending,
  type TimerResources,
  WeibaoFunction,
  sqsProducerKeyStatement,
} from './weibao-function.ts';

export interface SchedulingProps {
  /** The Scheduler-triggered entries of eventHandlers in @weibao/api: one function each. */
  eventHandlers: readonly EventHandlerDef[];
  table: ITable;
  filesBucket: IBucket;
  /** The HMAC key of signed links, for event handlers that declare `uses.links`. */
  linkKey: IKey;
  /** Encrypts the functions' log groups (the API's logs key). */
  logsKey: IKey;
  mail: MailSending;
  /** The ops topic the functions' alarms notify, and the metrics namespace. */
  ops: FunctionOps;
  /** `weibao-<stage>`: names the schedule group and the functions the schedules target. */
  namePrefix: string;
}

/**
 * SLA timers: the schedule group they live in, the timer function they run, the role the Scheduler
 * runs it with, and one encrypted dead-letter queue for what could not be delivered (by the
 * Scheduler) or not be handled (by the function, after Lambda's retries).
 */
export class Scheduling extends Construct {
  readonly group: ScheduleGroup;
  readonly deadLetterKey: Key;
  readonly deadLetterQueue: Queue;
  readonly schedulerRole: Role;
  /** The event handlers' functions by their name (`sla-timer`). */
  readonly functions: ReadonlyMap<string, WeibaoFunction>;
  /** What bindTimers needs, for routes and event handlers that declare `uses.timers`. */
  readonly timers: TimerResources;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Retained, with its pending timers: destroying the API stack must not silently drop deadlines.
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: `${props.namePrefix}-sla-timers`,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    this.deadLetterKey = new Key(this, 'DeadLetterKey', {
      description: 'weibao: encrypts the dead-letter queue of SLA timers (payloads name tickets)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.deadLetterKey,
      enforceSSL: true,
      // SQS's longest: two weeks for an operator to notice a missed deadline and replay it.
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      // Confused-deputy guard: only schedules of this account may use the role.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
      description: 'weibao: EventBridge Scheduler runs the SLA timer function with this role',
    });
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );
    this.schedulerRole.addToPrincipalPolicy(sqsProducerKeyStatement(this.deadLetterKey, stack));
    acknowledge(
      this.schedulerRole,
      'HIPAA.Security-IAMNoInlinePolicy',
      'The Scheduler’s role has one policy (CDK’s DefaultPolicy) attached to that role alone: invoke the SLA timer function, send to its dead-letter queue, use that queue’s key through SQS. A customer-managed policy would carry the same statements with the same single attachment.',
    );

    const functionName = (name: string) => `${props.namePrefix}-${name}`;
    // Built from the name, not read from the function: the timer function schedules itself, and an
    // attribute of its own in its environment would be a circular reference.
    const functionArn = (name: string) =>
      stack.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: functionName(name),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    this.timers = {
      groupName: this.group.scheduleGroupName,
      groupArn: this.group.scheduleGroupArn,
      targetFunctionArn: functionArn('sla-timer'),
      obligationTargetArn: functionArn('obligation-reminder'),
      channelTargetArn: functionArn('channel-delivery'),
      schedulerRole: this.schedulerRole,
      deadLetterQueue: this.deadLetterQueue,
    };

    const functions = new Map<string, WeibaoFunction>();
    for (const def of props.eventHandlers) {
      if (def.trigger === 'table-stream') {
        // In the map for its errors alarm on the dashboard; the Scheduler never invokes it.
        functions.set(def.name, this.streamFunction(def, props));
        continue;
      }
      // SES receipt handlers belong with the mail capability, not here.
      if (def.trigger !== 'scheduler') continue;
      const fn = new WeibaoFunction(this, pascal(def.name), {
        handler: def.handler,
        description: `${def.name}: ${def.summary}`.slice(0, 256),
        functionName: functionName(def.name),
        logsKey: props.logsKey,
        ops: props.ops,
        // Escalation mail and a few conditional writes; well under a minute even when SES is slow.
        timeout: Duration.seconds(def.timeoutSeconds ?? 30),
        asyncFailure: {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
        },
      });
      fn.bindTable(props.table, 'readWrite');
      if (def.uses?.mail === 'send') fn.bindMailSend(props.mail);
      if (def.uses?.timers) fn.bindTimers(this.timers, 'replace');
      if (def.uses?.files) fn.bindFilesBucket(props.filesBucket, def.uses.files);
      if (def.uses?.reminders) fn.bindReminders(this.timers);
      if (def.uses?.channels) fn.bindChannelDeliveries(this.timers);
      if (def.uses?.links === 'sign') fn.bindLinkKey(props.linkKey, props.mail.webOrigin);
      // Only these functions: the Scheduler cannot be made to invoke anything else with this role.
      this.schedulerRole.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [fn.function.functionArn],
        }),
      );
      functions.set(def.name, fn);
    }
    for (const name of [
      'sla-timer',
      'obligation-reminder',
      'channel-delivery',
      'obligation-digest',
      'audit-checkpoint',
      'timer-retry',
      'mail-drain',
    ])
      if (!functions.has(name))
        throw new Error(`eventHandlers has no ${name}: its schedules would have no target`);
    this.functions = functions;

    // The recurring jobs: one schedule each, made here rather than at run time.
    const daily = (
      id: string,
      schedule: { name: string; expression: string; timeZone: string },
      description: string,
    ) =>
      new CfnSchedule(this, id, {
        name: schedule.name,
        groupName: this.group.scheduleGroupName,
        description,
        scheduleExpression: schedule.expression,
        scheduleExpressionTimezone: schedule.timeZone,
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        target: {
          arn: (functions.get(schedule.name) as WeibaoFunction).function.functionArn,
          roleArn: this.schedulerRole.roleArn,
          input: '{}',
          retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 },
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
      });
    daily(
      'DigestSchedule',
      obligationDigestSchedule,
      'weibao: daily digest of due and overdue obligations to each service manager',
    );
    daily(
      'AuditCheckpointSchedule',
      auditCheckpointSchedule,
      'weibao: daily verification of each hospital’s audit log and its checkpoint',
    );
    daily(
      'TimerRetrySchedule',
      timerRetrySchedule,
      'weibao: every minute, plan the SLA timers a failed plan left out',
    );
    daily(
      'MailDrainSchedule',
      mailDrainSchedule,
      'weibao: every minute, send the queued mail at the SES send rate, escalations first',
    );
  }

  /**
   * The table stream's handler (the rollups): only its tickets and ledger entries reach it; a batch
   * that fails is split in halves and retried, and what still fails after five attempts (or a day)
   * is described in the dead-letter queue, whose alarm an operator answers with `weibao rollups
   * rebuild`. Retries are safe: a cell is recomputed from source and written only if it changed.
   */
  private streamFunction(def: EventHandlerDef, props: SchedulingProps): WeibaoFunction {
    const fn = new WeibaoFunction(this, pascal(def.name), {
      handler: def.handler,
      description: `${def.name}: ${def.summary}`.slice(0, 256),
      functionName: `${props.namePrefix}-${def.name}`,
      logsKey: props.logsKey,
      ops: props.ops,
      timeout: Duration.seconds(def.timeoutSeconds ?? 30),
      invokedBy: 'Lambda’s poller of the table stream',
      failureGoesTo:
        'A failed batch goes back to the poller, which splits it, retries it and then sends its description to the on-failure destination, the encrypted dead-letter queue with its alarm;',
    });
    fn.bindTable(props.table, 'readWrite');
    const deadLetters = this.deadLetterQueue;
    fn.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
        // Not SqsDlq: its grantSendMessages adds kms:GenerateDataKey* and kms:ReEncrypt* on the
        // queue's key; the role gets exactly what a producer of the encrypted queue needs below.
        onFailure: { bind: () => ({ destination: deadLetters.queueArn }) },
        filters: [
          FilterCriteria.filter({
            dynamodb: { Keys: { sk: { S: FilterRule.beginsWith('TICKET#') } } },
          }),
          FilterCriteria.filter({
            dynamodb: { Keys: { sk: { S: FilterRule.beginsWith('LEDGER#') } } },
          }),
          // A contract's term and a hospital's removal re-file what its records counted.
          FilterCriteria.filter({
            dynamodb: { Keys: { sk: { S: FilterRule.beginsWith('CONTRACT#') } } },
          }),
          FilterCriteria.filter({
            dynamodb: { Keys: { sk: { S: FilterRule.isEqual('HOSPITAL') } } },
          }),
        ],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }),
    );
    fn.role.addToPrincipalPolicy(sqsProducerKeyStatement(this.deadLetterKey, Stack.of(this)));
    // The mapping's grant (Table.grantStreamRead): DescribeStream, GetRecords and GetShardIterator
    // on this table's stream ARN, kms:Decrypt and DescribeKey on the data key, and ListStreams.
    acknowledge(
      fn.role,
      'AwsSolutions-IAM5[Resource::*]',
      'dynamodb:ListStreams has no resource-level permission (AWS requires Resource "*" for it) and lists only stream ARNs, no data; the event source mapping needs it. The mapping’s other stream actions (DescribeStream, GetRecords, GetShardIterator) are granted on this table’s stream ARN alone; infra tests enforce both.',
    );
    return fn;
  }
}
