import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import {
  Lambda as LambdaAction,
  LambdaInvocationType,
  S3 as S3Action,
} from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventHandlerDef } from '@weibao/api';
import { pascal } from './names.ts';
import {
  type FunctionOps,
  type InboundMail,
  type MailSending,
  type TimerResources,
  WeibaoFunction,
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
      removalPolicy: RemovalPolicy.RETAIN,
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
      if (def.uses?.files) fn.bindFilesBucket(props.filesBucket, def.uses.files);
      if (def.uses?.inbound) fn.bindInbound(props.inbound);
      functions.set(def.name, fn);
    }
    const intake = functions.get('mail-intake');
    if (!intake)
      throw new Error('eventHandlers has no mail-intake: received mail would have no handler');
    this.functions = functions;

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
      receiptRuleSetName: `${props.namePrefix}-intake`,
    });
    this.ruleSet.addRule('Intake', {
      recipients: [props.inbound.intakeDomain],
      // Virus and spam scanning: the verdicts the intake quarantines on.
      scanEnabled: true,
      // Reports carry patient context: refuse mail that would cross the internet in clear text.
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3Action({ bucket: props.inbound.bucket, objectKeyPrefix: props.inbound.prefix }),
        new LambdaAction({ function: intake.function, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
  }
}
