import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { eventHandlers, routes, type EventHandlerDef, type RouteDef } from '@weibao/api';
import { pascal } from '../lib/names.ts';
import { inParent, synthWeibao } from './synth.ts';

// Prepare (once): the app as `npm run synth` builds it, without esbuild.
const synth = synthWeibao();
const { api } = synth;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/**
 * Every IAM policy of the API stack and its route stacks, by logical id; in a route stack, what
 * a statement names through a parameter is shown as the value the API stack passes in.
 */
const policies: [string, Statement[]][] = [
  ...Object.entries(api.findResources('AWS::IAM::Policy')).map(
    ([id, p]) =>
      [id, p.Properties.PolicyDocument.Statement as Statement[]] as [string, Statement[]],
  ),
  ...synth.routeStacks.flatMap(({ stack, template }) =>
    Object.entries(template.findResources('AWS::IAM::Policy')).map(([id, p]) => {
      const statements = (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({
        ...s,
        Resource: Array.isArray(s.Resource)
          ? s.Resource.map((r: unknown) => inParent(synth, stack, r))
          : inParent(synth, stack, s.Resource),
      }));
      return [id, statements] as [string, Statement[]];
    }),
  ),
];

function policyOf(rolePrefix: string): Statement[] {
  const found = policies.filter(([id]) => id.startsWith(rolePrefix));
  expect(found, `one policy for ${rolePrefix}`).toHaveLength(1);
  return found[0]![1];
}

const logicalId = (type: string, prefix: string) => {
  const ids = Object.keys(api.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}`).toHaveLength(1);
  return ids[0]!;
};

const timerFunction = logicalId('AWS::Lambda::Function', 'SchedulingSlaTimerHandler');
const queue = logicalId('AWS::SQS::Queue', 'SchedulingDeadLetters');
const queueKey = logicalId('AWS::KMS::Key', 'SchedulingDeadLetterKey');
const group = logicalId('AWS::Scheduler::ScheduleGroup', 'SchedulingGroup');
const schedulerRole = logicalId('AWS::IAM::Role', 'SchedulingSchedulerRole');
const schedulesOf = (prefix: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:aws:scheduler:us-east-1:',
      { Ref: 'AWS::AccountId' },
      `:schedule/weibao-dev-sla-timers/${prefix}-*`,
    ],
  ],
});
const slaSchedules = schedulesOf('sla');
const reminderSchedules = [schedulesOf('obl'), schedulesOf('evr')];
const channelSchedules = schedulesOf('chd');
const targets = [
  'sla-timer',
  'obligation-reminder',
  'obligation-digest',
  'audit-checkpoint',
  'channel-delivery',
  'timer-retry',
  'mail-drain',
].map((name) => logicalId('AWS::Lambda::Function', `Scheduling${pascal(name)}Handler`));

describe('SLA timers', () => {
  test('live in one retained schedule group named after the stage', () => {
    api.hasResource('AWS::Scheduler::ScheduleGroup', {
      Properties: { Name: 'weibao-dev-sla-timers' },
      DeletionPolicy: 'RetainExceptOnCreate',
    });
    api.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
  });

  test('dead-letter to an SQS queue encrypted with a rotating CMK, SSL only, kept 14 days', () => {
    api.hasResource('AWS::SQS::Queue', {
      Properties: {
        KmsMasterKeyId: { 'Fn::GetAtt': [queueKey, 'Arn'] },
        MessageRetentionPeriod: 14 * 24 * 3600,
      },
      DeletionPolicy: 'RetainExceptOnCreate',
    });
    api.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('dead-letter queue of SLA timers'),
      EnableKeyRotation: true,
    });
    api.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('run a named timer function that retries twice, then dead-letters to the same queue', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'weibao-dev-sla-timer',
      Timeout: 30,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [queue, 'Arn'] } },
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          MAIL_FROM: 'service@example.com',
          SCHEDULE_GROUP: 'weibao-dev-sla-timers',
          SLA_TIMER_ARN: {
            'Fn::Join': [
              '',
              [
                'arn:aws:lambda:us-east-1:',
                { Ref: 'AWS::AccountId' },
                ':function:weibao-dev-sla-timer',
              ],
            ],
          },
          SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [schedulerRole, 'Arn'] },
          TIMER_DLQ_ARN: { 'Fn::GetAtt': [queue, 'Arn'] },
        }),
      },
    });
    api.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: timerFunction },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  test('the Scheduler’s role is for this account’s Scheduler only and can invoke only the timer functions', () => {
    api.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
    const statements = policyOf('SchedulingSchedulerRole');
    expect(statements).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [queue, 'Arn'] } },
      {
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [queueKey, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
      },
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: expect.arrayContaining(targets.map((fn) => ({ 'Fn::GetAtt': [fn, 'Arn'] }))),
      },
    ]);
    // No function but the timers' is invoked by anything in the stack through a role.
    const invokes = Object.values(api.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as Statement[]).filter((s) =>
        list(s.Action).includes('lambda:InvokeFunction'),
      ),
    );
    expect(invokes.flatMap((i) => list(i.Resource))).toHaveLength(targets.length);
  });

  test('the timer function may manage the group’s SLA schedules and pass only the Scheduler’s role, only to the Scheduler', () => {
    const statements = policyOf('SchedulingSlaTimerRole');
    expect(statements).toContainEqual({
      Action: [
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:GetSchedule',
        'scheduler:UpdateSchedule',
      ],
      Effect: 'Allow',
      Resource: slaSchedules,
    });
    expect(statements).toContainEqual({
      Action: 'iam:PassRole',
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [schedulerRole, 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    expect(statements).toContainEqual({
      Action: ['ses:SendEmail', 'ses:SendRawEmail'],
      Effect: 'Allow',
      Resource: [
        {
          'Fn::Join': [
            '',
            ['arn:aws:ses:us-east-1:', { Ref: 'AWS::AccountId' }, ':identity/example.com'],
          ],
        },
        {
          'Fn::Join': [
            '',
            ['arn:aws:ses:us-east-1:', { Ref: 'AWS::AccountId' }, ':identity/service@example.com'],
          ],
        },
      ],
    });
  });

  test('no scheduler permission is granted on "*" or beyond the weibao group, and none lists schedules', () => {
    expect(policies.length).toBeGreaterThan(routes.length);
    for (const [, statements] of policies) {
      for (const statement of statements) {
        const actions = list(statement.Action).filter((a) => a.startsWith('scheduler:'));
        if (actions.length === 0) continue;
        expect(actions).not.toContain('scheduler:ListSchedules');
        expect(actions.some((a) => a.includes('*'))).toBe(false);
        expect(list(statement.Resource as unknown)).not.toContain('*');
        for (const resource of list(statement.Resource))
          expect([
            slaSchedules,
            ...reminderSchedules,
            channelSchedules,
            { 'Fn::GetAtt': [group, 'Arn'] },
          ]).toContainEqual(resource);
        // SLA and reminder schedules are never granted in one statement to one role by accident.
        expect(list(statement.Resource).length).toBeLessThanOrEqual(2);
      }
    }
  });

  test('only functions that declare uses.channels may create channel delivery schedules, and only create them', () => {
    const creators = policies.filter(([, statements]) =>
      statements.some((s) => JSON.stringify(s.Resource) === JSON.stringify(channelSchedules)),
    );
    const declared = [
      ...routes
        .filter((r) => (r as RouteDef).uses?.channels)
        .map((r) => `${pascal(r.operationId)}Role`),
      ...(eventHandlers as readonly EventHandlerDef[])
        .filter((h) => h.uses?.channels)
        .map((h) => `${h.trigger === 'scheduler' ? 'Scheduling' : ''}${pascal(h.name)}Role`),
    ];
    expect(declared.length).toBeGreaterThan(3);
    expect(creators).toHaveLength(declared.length);
    for (const role of declared) {
      const statements = policyOf(role).filter(
        (s) => JSON.stringify(s.Resource) === JSON.stringify(channelSchedules),
      );
      expect(statements, role).toEqual([
        { Action: 'scheduler:CreateSchedule', Effect: 'Allow', Resource: channelSchedules },
      ]);
    }
  });

  test('health reads the schedule group and nothing else of the Scheduler', () => {
    const health = policyOf(`${pascal('getHealth')}Role`);
    const scheduler = health.filter((s) => list(s.Action).some((a) => a.startsWith('scheduler:')));
    expect(scheduler).toEqual([
      {
        Action: 'scheduler:GetScheduleGroup',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [group, 'Arn'] },
      },
    ]);
    expect(routes.find((r) => r.operationId === 'getHealth')?.uses).toMatchObject({
      timers: 'health',
    });
  });

  test('the reminder function manages only the obligation schedules; the digest runs daily at 08:00 Shanghai', () => {
    const statements = policyOf('SchedulingObligationReminderRole');
    const scheduler = statements.filter((st) =>
      list(st.Action).some((a) => a.startsWith('scheduler:')),
    );
    expect(scheduler).toEqual([
      {
        Action: [
          'scheduler:CreateSchedule',
          'scheduler:DeleteSchedule',
          'scheduler:GetSchedule',
          'scheduler:UpdateSchedule',
        ],
        Effect: 'Allow',
        Resource: expect.arrayContaining(reminderSchedules),
      },
      { Action: 'scheduler:CreateSchedule', Effect: 'Allow', Resource: channelSchedules },
    ]);
    expect(list(scheduler[0]?.Resource)).toHaveLength(2);
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'obligation-digest',
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [targets[2], 'Arn'] } }),
    });
  });

  /** A job the Scheduler runs every minute, failures to the dead-letter queue, with its timeout. */
  function expectEveryMinute(name: string, target: string, fn: Record<string, unknown>) {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: name,
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [target, 'Arn'] },
        DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
      }),
    });
    api.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `weibao-dev-${name}`,
      ...fn,
    });
  }

  test('the timer retry runs every minute, may plan only SLA timers and reads them back', () => {
    expectEveryMinute('timer-retry', targets[5] as string, { Timeout: 300 });
  });

  test('the mail drain runs every minute with two minutes to send and knows the send rate', () => {
    expectEveryMinute('mail-drain', targets[6] as string, {
      Timeout: 120,
      Environment: { Variables: Match.objectLike({ MAIL_SEND_RATE: '14' }) },
    });
    const custom = synthWeibao({ sesSendRate: '40' });
    custom.api.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'weibao-dev-mail-drain',
      Environment: { Variables: Match.objectLike({ MAIL_SEND_RATE: '40' }) },
    });
  });

  test('the audit checkpoint runs daily at 03:30 Shanghai with fifteen minutes to walk every hospital, its failures to the dead-letter queue', () => {
    const fn = targets[3] as string;
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'audit-checkpoint',
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [fn, 'Arn'] },
        DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
      }),
    });
    api.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'weibao-dev-audit-checkpoint',
      Timeout: 900,
    });
    api.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'weibao-dev-obligation-digest',
      Timeout: 30,
    });
  });

  test('only routes that declare uses.files read-write or write may put objects, and only proof uploads may delete them', () => {
    for (const route of routes as readonly RouteDef[]) {
      const statements = policyOf(`${pascal(route.operationId)}Role`);
      const puts = statements.filter((s) => list(s.Action).includes('s3:PutObject'));
      const deletes = statements.filter((s) => list(s.Action).includes('s3:DeleteObject'));
      const writes = route.uses?.files === 'write' || route.uses?.files === 'read-write';
      expect(puts.length, route.operationId).toBe(writes ? 1 : 0);
      expect(deletes.length, route.operationId).toBe(route.uses?.files === 'write' ? 1 : 0);
    }
  });

  test('one function per Scheduler-triggered event handler', () => {
    const scheduled = eventHandlers.filter((h) => h.trigger === 'scheduler');
    for (const h of scheduled) {
      api.hasResourceProperties('AWS::Lambda::Function', { FunctionName: `weibao-dev-${h.name}` });
    }
  });

  test('one function per table-stream event handler, never a Scheduler target', () => {
    const streamed = eventHandlers.filter((h) => h.trigger === 'table-stream');
    expect(streamed.map((h) => h.name)).toEqual(['rollups']);
    const rollups = logicalId('AWS::Lambda::Function', 'SchedulingRollupsHandler');
    api.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'weibao-dev-rollups' });
    expect(JSON.stringify(api.findResources('AWS::Scheduler::Schedule'))).not.toContain(rollups);
    expect(JSON.stringify(policyOf('SchedulingSchedulerRole'))).not.toContain(rollups);
  });

  test(
    'a deployment with its own mail domain sends only as that domain',
    { timeout: 30_000 },
    () => {
      const custom = synthWeibao({ intakeDomain: 'tickets.example.org' });
      custom.api.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'weibao-dev-sla-timer',
        Environment: { Variables: Match.objectLike({ MAIL_FROM: 'service@tickets.example.org' }) },
      });
    },
  );
});

describe('the rollups on the table’s stream', () => {
  const rollups = logicalId('AWS::Lambda::Function', 'SchedulingRollupsHandler');
  const mappings = Object.values(api.findResources('AWS::Lambda::EventSourceMapping'));
  /** The stream ARN as the API stack reads it: the data stack's SSM parameter. */
  const streamArn = { Ref: expect.stringMatching(/^SsmParameterValueweibaodevdatatablestreamarn/) };

  test('the table streams new and old images', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    synth.data.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/weibao/dev/data/table-stream-arn',
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'StreamArn'] },
    });
  });

  test('one mapping, the rollups function’s: tickets and ledger entries only, from the trim horizon, split on an error, 5 retries, then the dead-letter queue', () => {
    expect(mappings).toHaveLength(1);
    const props = mappings[0]!.Properties;
    expect(props).toEqual({
      FunctionName: { Ref: rollups },
      EventSourceArn: streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86_400,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
      FilterCriteria: {
        Filters: [expect.anything(), expect.anything(), expect.anything(), expect.anything()],
      },
    });
    const patterns = (props.FilterCriteria.Filters as { Pattern: string }[]).map((f) =>
      JSON.parse(f.Pattern),
    );
    expect(patterns).toEqual([
      ...['TICKET#', 'LEDGER#', 'CONTRACT#'].map((prefix) => ({
        dynamodb: { Keys: { sk: { S: [{ prefix }] } } },
      })),
      { dynamodb: { Keys: { sk: { S: ['HOSPITAL'] } } } },
    ]);
  });

  test('its role reads only this table’s stream; ListStreams, which has no resource, is its only "*"', () => {
    const statements = policyOf('SchedulingRollupsRole');
    const onEvery = statements.filter((s) => list(s.Resource).includes('*'));
    expect(onEvery).toEqual([{ Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' }]);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      Resource: streamArn,
    });
    // Failed batches: send to the dead-letter queue and use its key only through SQS, no wildcards.
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': [queueKey, 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
    });
    const actions = statements.flatMap((s) => list(s.Action));
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('scheduler:') || a.startsWith('ses:'))).toEqual([]);
  });
});
