import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  type CfnReceiptRule,
  type IReceiptRuleAction,
  type ReceiptRuleActionConfig,
  ReceiptRuleSet,
  TlsPolicy,
} from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventHandlerDef } from '@weibao/api';
import { acknowledge } from './nag.ts';
import { pascal } from './names.ts';
import {
  type FunctionOps,
  type InboundMail,
  type MailSending,
  type TimerResources,
  WeibaoFunction,
  acknowledgeObjectWildcard,
} from './weibao-function.ts';

export interface MailIntakeProps {
  /** The SES-triggered entries of eventHandlers in @weibao/api: one function each. */
  eventHandlers: readonly EventHandlerDef[];
  table: ITable;
  filesBucket: IBucket;
  inbound: InboundMail;
  logsKey: IKey;
  /** Encrypts the intake's dead-letter queue (the SLA timers' dead-letter key). */
  deadLetterKey: IKey;
  mail: MailSending;
  timers: TimerResources;
  /** The HMAC key of signed links: the intake checks vendor staff's signed reply addresses with it. */
  linkKey: IKey;
  /** The ops topic the functions' alarms notify, and the metrics namespace. */
  ops: FunctionOps;
  /** Names the receipt rule set: `weibao-<stage>-intake`. */
  namePrefix: string;
}

/**
 * Incoming mail: a receipt rule set for the intake domain whose one rule stores the raw message
 * in the mail bucket, then invokes the intake function asynchronously (the event carries no body,
 * only headers and SES's spam, virus, SPF, DKIM and DMARC verdicts). The rule set must be made
 * the active one by hand (docs/deploy.md): an account has one active rule set per region.
 */
export class MailIntake extends Construct {
  readonly ruleSet: ReceiptRuleSet;
  readonly deadLetterQueue: Queue;
  readonly functions: ReadonlyMap<string, WeibaoFunction>;

  constructor(scope: Construct, id: string, props: MailIntakeProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.deadLetterKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const functions = new Map<string, WeibaoFunction>();
    for (const def of props.eventHandlers) {
      if (def.trigger !== 'ses-receipt') continue;
      const fn = new WeibaoFunction(this, pascal(def.name), {
        handler: def.handler,
        description: `${def.name}: ${def.summary}`.slice(0, 256),
        logsKey: props.logsKey,
        ops: props.ops,
        // Parsing a large message and storing its attachments, then one acknowledgement.
        timeout: Duration.seconds(60),
        memorySize: 1769,
        asyncFailure: {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
        },
      });
      fn.bindTable(props.table, 'readWrite');
      if (def.uses?.mail === 'send') fn.bindMailSend(props.mail);
      if (def.uses?.timers) fn.bindTimers(props.timers, 'replace');
      if (def.uses?.channels) fn.bindChannelDeliveries(props.timers);
      if (def.uses?.files) fn.bindFilesBucket(props.filesBucket, def.uses.files);
      if (def.uses?.inbound) fn.bindInbound(props.inbound);
      if (def.uses?.links === 'sign') fn.bindLinkKey(props.linkKey, props.mail.webOrigin);
      functions.set(def.name, fn);
    }
    const intake = functions.get('mail-intake');
    if (!intake)
      throw new Error('eventHandlers has no mail-intake: received mail would have no handler');
    this.functions = functions;

    const ruleSetName = `${props.namePrefix}-intake`;
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: ruleSetName });
    const store = new StoreWithRole(this, 'StoreRaw', {
      inbound: props.inbound,
      ruleSetName,
    });
    const rule = this.ruleSet.addRule('Intake', {
      recipients: [props.inbound.intakeDomain],
      // Virus and spam scanning: the verdicts the intake quarantines on.
      scanEnabled: true,
      // Reports carry patient context: refuse mail that would cross the internet in clear text.
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        store,
        new LambdaAction({ function: intake.function, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
    // SES writes a test object when the rule is created: the role must be able to by then.
    rule.node.addDependency(store.role);
  }
}

/**
 * The receipt rule's S3 action, run with a role of our own (IamRoleArn) instead of as the SES
 * service principal: S3 then asks the mail key for data keys on behalf of this role, through S3 and
 * for this bucket only, as it does for any caller of this account. A key-policy grant to
 * ses.amazonaws.com would depend on conditions reaching KMS through S3 on SES's behalf, which AWS
 * documents for neither aws:SourceAccount nor aws:SourceArn.
 */
class StoreWithRole extends Construct implements IReceiptRuleAction {
  readonly role: Role;
  private readonly inbound: InboundMail;

  constructor(scope: Construct, id: string, props: { inbound: InboundMail; ruleSetName: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    this.inbound = props.inbound;
    this.role = new Role(this, 'Role', {
      description: 'weibao: SES stores received mail in the mail bucket with this role',
      // Only this account's receipt rules of the weibao rule set may use it (confused deputy).
      assumedBy: new ServicePrincipal('ses.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: {
          'aws:SourceArn': stack.formatArn({
            service: 'ses',
            resource: 'receipt-rule-set',
            resourceName: `${props.ruleSetName}:receipt-rule/*`,
          }),
        },
      }),
    });
    const { bucket, prefix } = props.inbound;
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${prefix}*`)],
      }),
    );
    if (bucket.encryptionKey)
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          // GenerateDataKey encrypts; Decrypt is what S3 needs for a multipart upload.
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [bucket.encryptionKey.keyArn],
          conditions: {
            StringEquals: {
              'kms:ViaService': `s3.${stack.region}.amazonaws.com`,
              // With an S3 Bucket Key the encryption context is the bucket's ARN.
              'kms:EncryptionContext:aws:s3:arn': bucket.bucketArn,
            },
          },
        }),
      );
    acknowledgeObjectWildcard(
      this.role,
      bucket,
      `${prefix}*`,
      'SES names each received message by its own id: the role may only put objects under the receipt rule’s inbound/ prefix of the mail bucket.',
    );
    acknowledge(
      this.role,
      'HIPAA.Security-IAMNoInlinePolicy',
      'The role SES assumes to store received mail has one policy (CDK’s DefaultPolicy) attached to that role alone: PutObject under inbound/ of the mail bucket and the mail key through S3 for that bucket.',
    );
  }

  bind(): ReceiptRuleActionConfig {
    // CDK's S3ActionConfig predates IamRoleArn; the rule passes the object on to
    // CloudFormation's S3Action as it is, which has the property (a template test pins it).
    const s3Action: CfnReceiptRule.S3ActionProperty = {
      bucketName: this.inbound.bucket.bucketName,
      objectKeyPrefix: this.inbound.prefix,
      iamRoleArn: this.role.roleArn,
    };
    return { s3Action: s3Action as ReceiptRuleActionConfig['s3Action'] };
  }
}
