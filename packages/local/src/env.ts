import { localAccount, localFunctionArn } from './lambda-context.ts';

/**
 * What the local functions need to find the local stand-ins. Each function gets the variables its
 * `uses` grants, as CDK gives them on AWS (function-scope.ts); only the endpoints are local-only.
 */
export interface LocalEnv {
  region: string;
  tableName: string;
  filesBucket: string;
  /** Where received mail is stored raw (the SES receipt rule's bucket on AWS). */
  mailBucket: string;
  mailFrom: string;
  /** The domain of the hospitals' intake addresses (`whzx@<intakeDomain>`). */
  intakeDomain: string;
  /** People the intake recognises by address: the demo users locally. */
  mailDirectory: { email: string; name: string; role: string; sub: string; hospitalId?: string }[];
  endpoints: {
    /** The local API: routes from the table plus /local/* (the Cognito stand-in). */
    api: string;
    dynamodb: string;
    s3: string;
    sesv2: string;
    scheduler: string;
    /** The SMTP intake (smtp://127.0.0.1:PORT+5). */
    smtp: string;
    /** The WeCom and DingTalk robots' stand-in (`<api>/local/webhooks`). */
    webhooks: string;
  };
  /** Where SLA timers go: the schedule group and the target, role and dead-letter queue ARNs. */
  timers: {
    scheduleGroup: string;
    slaTimerArn: string;
    /** The obligation-reminder function: reminders and evaluation requests. */
    obligationTimerArn: string;
    /** The channel-delivery function: one message to one WeCom or DingTalk robot. */
    channelDeliveryArn: string;
    schedulerRoleArn: string;
    deadLetterArn: string;
  };
  /** S3rver only accepts its own key pair; DynamoDB Local (sharedDb) and the SES stand-in accept any. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The local issuer, as a handler would see it in the token's `iss` and `aud`. */
  auth: { issuer: string; audience: string };
  /** The key of signed links (base64, 32 bytes): local mode only, AWS uses KMS (docs/decisions.md). */
  linkSigningKey: string;
  /** MAIL_SEND_RATE: the send rate the pacer holds every sender to (SES's MaxSendRate on AWS). */
  mailSendRate: number;
}

export const localRegion = 'us-east-1';
export const localTableName = 'weibao';
export const localFilesBucket = 'weibao-files';
export const localMailFrom = 'service@vendor.example';
export const localMailBucket = 'weibao-mail';
/** Raw messages go under this prefix, as the receipt rule's S3 action writes them. */
export const localMailPrefix = 'inbound/';
export const localIntakeDomain = 'intake.example';
export const localScheduleGroup = 'weibao';
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Every variable any function may read, for the process outside any function: the stack's own code
 * and tests. A handler sees only its function's (function-scope.ts). The SDK picks up
 * AWS_ENDPOINT_URL_<SERVICE> by itself.
 */
export function lambdaEnvironment(env: LocalEnv): Record<string, string> {
  return {
    AWS_REGION: env.region,
    AWS_ACCESS_KEY_ID: env.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: env.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: env.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: env.endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: env.endpoints.sesv2,
    AWS_ENDPOINT_URL_SCHEDULER: env.endpoints.scheduler,
    WEBHOOK_ENDPOINT_URL: env.endpoints.webhooks,
    TABLE_NAME: env.tableName,
    FILES_BUCKET: env.filesBucket,
    MAIL_BUCKET: env.mailBucket,
    MAIL_PREFIX: localMailPrefix,
    INTAKE_DOMAIN: env.intakeDomain,
    MAIL_DIRECTORY: JSON.stringify(env.mailDirectory),
    MAIL_FROM: env.mailFrom,
    MAIL_SEND_RATE: String(env.mailSendRate),
    // Links in emails point at the local web app, on the API's origin.
    WEB_ORIGIN: env.endpoints.api,
    SCHEDULE_GROUP: env.timers.scheduleGroup,
    SLA_TIMER_ARN: env.timers.slaTimerArn,
    OBLIGATION_TIMER_ARN: env.timers.obligationTimerArn,
    CHANNEL_DELIVERY_ARN: env.timers.channelDeliveryArn,
    SCHEDULER_ROLE_ARN: env.timers.schedulerRoleArn,
    TIMER_DLQ_ARN: env.timers.deadLetterArn,
    LINK_SIGNING_KEY: env.linkSigningKey,
  };
}

/**
 * Puts lambdaEnvironment into the process's environment (what handlers see is their function's
 * own). A second stack in the same process overwrites the values. Returns a function that puts the
 * previous values back (for tests).
 */
export function applyLocalEnv(env: LocalEnv): () => void {
  const vars = lambdaEnvironment(env);
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Fake but well-formed ARNs: the Scheduler stand-in checks their shape and maps the function name. */
export function localTimers(region: string): LocalEnv['timers'] {
  return {
    scheduleGroup: localScheduleGroup,
    slaTimerArn: localFunctionArn('sla-timer', region),
    obligationTimerArn: localFunctionArn('obligation-reminder', region),
    channelDeliveryArn: localFunctionArn('channel-delivery', region),
    schedulerRoleArn: `arn:aws:iam::${localAccount}:role/weibao-local-scheduler`,
    deadLetterArn: `arn:aws:sqs:${region}:${localAccount}:weibao-local-timer-dead-letters`,
  };
}
