import type { EventHandlerDef } from './event-handlers.ts';
import type { RouteDef } from './route.ts';

/**
 * The environment of one function, from what it declares it touches: the one place that says which
 * variable a grant brings. CDK's bind helpers set these on AWS next to the IAM statements of the same
 * grant; the local stack gives each handler invocation exactly these (docs/decisions.md), so a
 * function whose `uses` forgets a resource fails locally as it would on AWS.
 */

/** A route's or an event handler's `uses` (event handlers write `true` for 'replace'). */
export type FunctionUses = RouteDef['uses'] | EventHandlerDef['uses'];

/** SLA timers and obligation reminders: where schedules go and what they invoke. */
export interface TimerValues {
  groupName: string;
  slaTimerArn: string;
  obligationTimerArn: string;
  /** The channel-delivery function: every ticket writer and the reminders schedule deliveries. */
  channelDeliveryArn: string;
  schedulerRoleArn: string;
  deadLetterArn: string;
}

/** Received mail: the receipt rule's bucket and prefix, the intake domain, the staff directory. */
export interface InboundValues {
  bucket: string;
  prefix: string;
  intakeDomain: string;
  /** Whom the intake recognises by address; none: only the table's own contacts. */
  directory?: DirectoryValue | undefined;
}

/**
 * On AWS the SSM parameter holding the vendor staff (MAIL_DIRECTORY_PARAMETER: a list in the
 * environment reaches Lambda's 4 KB at about 34 people); locally the demo users as JSON
 * (MAIL_DIRECTORY).
 */
export type DirectoryValue = { parameterName: string } | { json: string };

export interface MailSendValues {
  from: string;
  /** Links in mail open the web app here. */
  webOrigin: string;
  /**
   * The domain of the hospitals' intake addresses: with the link key, each recipient of a ticket's
   * mail gets a reply address of their own there (`whzx+<token>@<intakeDomain>`).
   */
  intakeDomain: string;
  /** The account's SES send rate (messages per second) every sender shares: `sesSendRate`. */
  sendRate: number;
}

/** On AWS the KMS HMAC key (LINK_KEY_ID); locally the key itself (LINK_SIGNING_KEY, base64). */
export type LinkKeyValue = { kmsKeyArn: string } | { localKey: string };

/** The resources' values: CDK tokens on AWS, the stand-ins' names locally. */
export interface FunctionResources {
  tableName: string;
  filesBucket: string;
  inbound: InboundValues;
  mail: MailSendValues;
  timers: TimerValues;
  linkKey: LinkKeyValue;
  /** The Cognito user pool whose accounts the directory manages; absent locally and with another OIDC issuer. */
  userPoolId?: string | undefined;
}

/** Each grant's variables, for the bind helper that makes the grant (infra/lib/weibao-function.ts). */
export const grantEnvironment = {
  table: (tableName: string) => ({ TABLE_NAME: tableName }),
  files: (bucket: string) => ({ FILES_BUCKET: bucket }),
  inbound: (inbound: InboundValues) => ({
    MAIL_BUCKET: inbound.bucket,
    MAIL_PREFIX: inbound.prefix,
    INTAKE_DOMAIN: inbound.intakeDomain,
    ...(inbound.directory === undefined
      ? {}
      : 'parameterName' in inbound.directory
        ? { MAIL_DIRECTORY_PARAMETER: inbound.directory.parameterName }
        : { MAIL_DIRECTORY: inbound.directory.json }),
  }),
  mailSend: (mail: MailSendValues) => ({
    MAIL_FROM: mail.from,
    WEB_ORIGIN: mail.webOrigin,
    INTAKE_DOMAIN: mail.intakeDomain,
    MAIL_SEND_RATE: String(mail.sendRate),
  }),
  /** 'health' only reads the group; 'replace' also creates SLA schedules that target the timer. */
  timers: (timers: TimerValues, access: 'health' | 'replace'): Record<string, string> =>
    access === 'health'
      ? { SCHEDULE_GROUP: timers.groupName }
      : {
          SCHEDULE_GROUP: timers.groupName,
          SLA_TIMER_ARN: timers.slaTimerArn,
          SCHEDULER_ROLE_ARN: timers.schedulerRoleArn,
          TIMER_DLQ_ARN: timers.deadLetterArn,
        },
  reminders: (timers: TimerValues) => ({
    SCHEDULE_GROUP: timers.groupName,
    OBLIGATION_TIMER_ARN: timers.obligationTimerArn,
    SCHEDULER_ROLE_ARN: timers.schedulerRoleArn,
    TIMER_DLQ_ARN: timers.deadLetterArn,
  }),
  /** Notification channels: one-time delivery schedules that target the channel-delivery function. */
  channels: (timers: TimerValues) => ({
    SCHEDULE_GROUP: timers.groupName,
    CHANNEL_DELIVERY_ARN: timers.channelDeliveryArn,
    SCHEDULER_ROLE_ARN: timers.schedulerRoleArn,
    TIMER_DLQ_ARN: timers.deadLetterArn,
  }),
  /** The user pool whose accounts the directory manages; none locally (the local issuer signs in). */
  accounts: (userPoolId: string) => ({ USER_POOL_ID: userPoolId }),
  /**
   * Signing links, and WEB_ORIGIN: the web app a link opens. A function that signs links without
   * mailing them (扫码报修 posters, signing and survey links to copy) prints them too.
   */
  linkKey: (key: LinkKeyValue, webOrigin: string): Record<string, string> => ({
    ...('kmsKeyArn' in key ? { LINK_KEY_ID: key.kmsKeyArn } : { LINK_SIGNING_KEY: key.localKey }),
    WEB_ORIGIN: webOrigin,
  }),
} as const;

/**
 * Exactly the variables a function with these `uses` gets: the table always, then one group per
 * grant. `mail: 'account'` (reading SES's sending status) needs no variable.
 */
export function functionEnvironment(
  uses: FunctionUses,
  resources: FunctionResources,
): Record<string, string> {
  const timers = uses?.timers === true ? 'replace' : uses?.timers || undefined;
  return {
    ...grantEnvironment.table(resources.tableName),
    ...(uses?.files ? grantEnvironment.files(resources.filesBucket) : {}),
    ...(uses?.inbound ? grantEnvironment.inbound(resources.inbound) : {}),
    ...(uses?.mail === 'send' ? grantEnvironment.mailSend(resources.mail) : {}),
    ...(timers ? grantEnvironment.timers(resources.timers, timers) : {}),
    ...(uses?.reminders ? grantEnvironment.reminders(resources.timers) : {}),
    ...(uses?.channels ? grantEnvironment.channels(resources.timers) : {}),
    ...(uses?.links ? grantEnvironment.linkKey(resources.linkKey, resources.mail.webOrigin) : {}),
    ...(uses && 'accounts' in uses && uses.accounts && resources.userPoolId !== undefined
      ? grantEnvironment.accounts(resources.userPoolId)
      : {}),
  };
}

/**
 * Every name a grant may bring: what a function without that grant must not see. Locally these are
 * hidden from a handler unless its own environment has them.
 */
export const grantedVariableNames: readonly string[] = [
  ...new Set(
    (
      [
        [{ kmsKeyArn: '' }, { parameterName: '' }],
        [{ localKey: '' }, { json: '' }],
      ] as const
    ).flatMap(([linkKey, directory]) =>
      Object.keys(
        functionEnvironment(
          {
            files: 'write',
            inbound: 'read',
            mail: 'send',
            timers: 'replace',
            reminders: 'replace',
            channels: 'schedule',
            links: 'sign',
            accounts: 'manage',
          },
          {
            tableName: '',
            filesBucket: '',
            inbound: { bucket: '', prefix: '', intakeDomain: '', directory },
            mail: { from: '', webOrigin: '', intakeDomain: '', sendRate: 1 },
            timers: {
              groupName: '',
              slaTimerArn: '',
              obligationTimerArn: '',
              channelDeliveryArn: '',
              schedulerRoleArn: '',
              deadLetterArn: '',
            },
            linkKey,
            userPoolId: '',
          },
        ),
      ),
    ),
  ),
];
