import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { businessMetrics, routes } from '@weibao/api';
import { apiTemplates, inParent, synthWeibao } from './synth.ts';

// Prepare (once): the app with an ops e-mail, as a vendor deploys it.
const synth = synthWeibao({ opsEmail: 'ops@vendor.example.cn' });
const { api, auth } = synth;
const [topicId] = Object.keys(api.findResources('AWS::SNS::Topic'));
const topicRef = { Ref: topicId };

type Resource = { Properties: Record<string, unknown> };
const alarmsOf = (template: Template) =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
/** A metric alarm's dimension value, or the dimension values of its metric math's metrics. */
function dimensionsOf(alarm: Resource, name: string): unknown[] {
  const p = alarm.Properties as {
    Dimensions?: { Name: string; Value: unknown }[];
    Metrics?: { MetricStat?: { Metric: { Dimensions?: { Name: string; Value: unknown }[] } } }[];
  };
  const all = [
    ...(p.Dimensions ?? []),
    ...(p.Metrics ?? []).flatMap((m) => m.MetricStat?.Metric.Dimensions ?? []),
  ];
  return all.filter((d) => d.Name === name).map((d) => d.Value);
}

describe('ops topic', () => {
  test('is encrypted with its own rotating key, which CloudWatch alarms of this account may use', () => {
    const [keyId] = Object.keys(
      api.findResources('AWS::KMS::Key', {
        Properties: { Description: Match.stringLikeRegexp('ops topic') },
      }),
    );
    expect(keyId).toBeDefined();
    api.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'weibao-dev-ops',
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    api.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: Match.objectLike({
              StringEquals: { 'aws:SourceAccount': Match.anyValue() },
            }),
          }),
        ]),
      },
    });
    api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
  });

  test('the ops e-mail from context is subscribed to it', () => {
    api.resourceCountIs('AWS::SNS::Subscription', 1);
    api.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@vendor.example.cn',
      TopicArn: topicRef,
    });
  });

  test('without an ops e-mail nobody is subscribed, and synth warns', () => {
    // Act
    const bare = synthWeibao();

    // Assess
    bare.api.resourceCountIs('AWS::SNS::Subscription', 0);
    Annotations.fromStack(bare.stacks.api).hasWarning(
      '/Api/Ops',
      Match.stringLikeRegexp('opsEmail'),
    );
    Annotations.fromStack(synth.stacks.api).hasNoWarning('/Api/Ops', Match.anyValue());
  });
});

describe('alarms', () => {
  test('every function, of a route, an event handler or the sign-in trigger, has an errors-and-throttles alarm to the ops topic', () => {
    const stacks = [
      { template: api, stack: undefined },
      { template: auth, stack: undefined },
      ...synth.routeStacks,
    ];
    let functions = 0;
    for (const { template, stack } of stacks) {
      const alarms = alarmsOf(template);
      for (const id of Object.keys(template.findResources('AWS::Lambda::Function'))) {
        // CDK's own helper functions (e.g. log retention) have no WeibaoFunction; ours all do.
        const own = alarms.filter((a) =>
          dimensionsOf(a, 'FunctionName').some(
            (v) => JSON.stringify(v) === JSON.stringify({ Ref: id }),
          ),
        );
        expect(own, `alarm of ${id}`).toHaveLength(1);
        const alarm = own[0]!.Properties as {
          AlarmActions: unknown[];
          Metrics: { Expression?: string }[];
        };
        expect(alarm.Metrics.find((m) => m.Expression)?.Expression).toBe(
          'FILL(errors, 0) + FILL(throttles, 0)',
        );
        const action = alarm.AlarmActions[0];
        if (template === auth)
          // The auth stack comes first, so it names the topic by ARN.
          expect(JSON.stringify(action)).toContain(':weibao-dev-ops');
        else expect(stack ? inParent(synth, stack, action) : action).toEqual(topicRef);
        functions++;
      }
    }
    expect(functions).toBeGreaterThan(routes.length);
  });

  test('every dead-letter queue has an alarm on any visible message', () => {
    const queues = Object.keys(api.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(2);
    for (const queue of queues) {
      const own = alarmsOf(api).filter((a) =>
        dimensionsOf(a, 'QueueName').some(
          (v) => JSON.stringify(v) === JSON.stringify({ 'Fn::GetAtt': [queue, 'QueueName'] }),
        ),
      );
      expect(own, queue).toHaveLength(1);
      expect(own[0]!.Properties).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [topicRef],
      });
    }
  });

  test('the schedule group has alarms on failed and on dropped invocations', () => {
    const [group] = Object.values(api.findResources('AWS::Scheduler::ScheduleGroup'));
    const ofGroup = alarmsOf(api).filter((a) => dimensionsOf(a, 'ScheduleGroup').length > 0);
    const metrics = ofGroup.map((a) =>
      (a.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[])
        .flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []))
        .sort(),
    );
    expect(metrics).toEqual([
      ['TargetErrorCount', 'TargetErrorThrottledCount'],
      ['InvocationDroppedCount', 'InvocationsFailedToBeSentToDeadLetterCount'],
    ]);
    for (const alarm of ofGroup) {
      expect(alarm.Properties.AlarmActions).toEqual([topicRef]);
      expect(dimensionsOf(alarm, 'ScheduleGroup')).toEqual([
        group!.Properties.Name,
        group!.Properties.Name,
      ]);
    }
  });

  test('SES bounce and complaint rates, API 5xx rate and quarantined mail raise alarms to the ops topic', () => {
    for (const [metric, threshold] of [
      ['Reputation.BounceRate', 0.04],
      ['Reputation.ComplaintRate', 0.0008],
    ] as const)
      api.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metric,
        Threshold: threshold,
        AlarmActions: [topicRef],
      });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)' }),
      ]),
      Threshold: 5,
      AlarmActions: [topicRef],
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'weibao-dev',
      MetricName: businessMetrics.mailQuarantined.name,
      Dimensions: [{ Name: 'service', Value: 'weibao' }],
      Threshold: 0,
      AlarmActions: [topicRef],
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'weibao-dev',
      MetricName: businessMetrics.mailDead.name,
      Dimensions: [{ Name: 'service', Value: 'weibao' }],
      Threshold: 0,
      AlarmActions: [topicRef],
    });
  });

  test('one dashboard shows the alarms and every business metric, dimensioned ones by SEARCH', () => {
    api.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const [dashboard] = Object.values(api.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const metric of Object.values(businessMetrics)) expect(body).toContain(metric.name);
    expect(body).toContain(
      `SEARCH('{weibao-dev,channel,severity,service} MetricName=\\\\\\"TicketsOpened\\\\\\"'`,
    );
    expect(body).toContain('"type\\":\\"alarm\\"');
  });

  test('every function tells Powertools its service and the stage’s metrics namespace', () => {
    for (const template of [...apiTemplates(synth), auth])
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function')))
        expect(fn.Properties.Environment.Variables).toMatchObject({
          POWERTOOLS_SERVICE_NAME: 'weibao',
          POWERTOOLS_METRICS_NAMESPACE: 'weibao-dev',
        });
  });
});
