import { Annotations, ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/**
 * `weibao-<stage>-ops`: a fixed name (with the stage, so two stages never share it), because the
 * auth stack, deployed before the API stack, addresses its alarm to this topic by ARN. Nothing is
 * retained under it, so a failed first deploy leaves nothing that blocks the retry.
 */
export function opsTopicName(stage: string): string {
  return `weibao-${stage}-ops`;
}

/** The ops topic by ARN, for a stack deployed before the one that makes it (the auth stack). */
export function opsTopicByName(scope: Construct, id: string, stage: string): ITopic {
  const arn = Stack.of(scope).formatArn({
    service: 'sns',
    resource: opsTopicName(stage),
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });
  return Topic.fromTopicArn(scope, id, arn);
}

export interface OpsTopicProps {
  stage: string;
  /** Who receives the alarms (context opsEmail); unset: nobody, and synth warns. */
  email: string | undefined;
}

/**
 * Where every alarm of weibao goes: one SNS topic, encrypted with a key of its own (alarm texts
 * name functions and queues), with an e-mail subscription the vendor confirms once.
 */
export class OpsTopic extends Construct {
  readonly key: Key;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OpsTopicProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    // Only alarms of this account and region, not any CloudWatch alarm anywhere.
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
    };
    this.key = new Key(this, 'Key', {
      description: 'weibao: encrypts the ops topic (alarm notifications)',
      enableKeyRotation: true,
    });
    // CloudWatch publishes to an encrypted topic only if the key lets it (SNS developer guide,
    // "compatibility between event sources from AWS services and encrypted topics").
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromOurAlarms,
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      topicName: opsTopicName(props.stage),
      displayName: `weibao ${props.stage} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    // The topic policy that enforceSSL writes replaces SNS's default one, so CloudWatch needs its own.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    else
      Annotations.of(this).addWarningV2(
        'weibao:no-ops-email',
        'No one receives the alarms: deploy with -c opsEmail=you@example.com (docs/deploy.md, Alarms).',
      );
  }
}
