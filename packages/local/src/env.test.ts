import { afterEach, describe, expect, it } from 'vitest';
import { applyLocalEnv, lambdaEnvironment, localTimers, type LocalEnv } from './env.ts';

const env: LocalEnv = {
  region: 'us-east-1',
  tableName: 'weibao',
  filesBucket: 'weibao-files',
  mailBucket: 'weibao-mail',
  mailFrom: 'service@vendor.example',
  intakeDomain: 'intake.example',
  mailDirectory: [
    { email: 'engineer@vendor.example', name: '李强', role: 'support-engineer', sub: 'e1' },
  ],
  endpoints: {
    api: 'http://127.0.0.1:3000',
    dynamodb: 'http://127.0.0.1:3001',
    s3: 'http://127.0.0.1:3002',
    sesv2: 'http://127.0.0.1:3003',
    scheduler: 'http://127.0.0.1:3004',
    smtp: 'smtp://127.0.0.1:3005',
    webhooks: 'http://127.0.0.1:3000/local/webhooks',
  },
  timers: localTimers('us-east-1'),
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  auth: { issuer: 'http://127.0.0.1:3000/local', audience: 'weibao-local' },
  linkSigningKey: Buffer.alloc(32, 7).toString('base64'),
  mailSendRate: 100,
};

describe('the handler environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('names the variables handlers read and the SDK’s per-service endpoint variables', () => {
    expect(lambdaEnvironment(env)).toEqual({
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:3001',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:3002',
      AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:3003',
      AWS_ENDPOINT_URL_SCHEDULER: 'http://127.0.0.1:3004',
      WEBHOOK_ENDPOINT_URL: 'http://127.0.0.1:3000/local/webhooks',
      TABLE_NAME: 'weibao',
      FILES_BUCKET: 'weibao-files',
      MAIL_BUCKET: 'weibao-mail',
      MAIL_PREFIX: 'inbound/',
      INTAKE_DOMAIN: 'intake.example',
      MAIL_DIRECTORY: JSON.stringify(env.mailDirectory),
      MAIL_FROM: 'service@vendor.example',
      MAIL_SEND_RATE: '100',
      WEB_ORIGIN: env.endpoints.api,
      SCHEDULE_GROUP: 'weibao',
      SLA_TIMER_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-sla-timer',
      OBLIGATION_TIMER_ARN:
        'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-obligation-reminder',
      CHANNEL_DELIVERY_ARN:
        'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-channel-delivery',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/weibao-local-scheduler',
      TIMER_DLQ_ARN: 'arn:aws:sqs:us-east-1:000000000000:weibao-local-timer-dead-letters',
      LINK_SIGNING_KEY: env.linkSigningKey,
    });
  });

  it('is put into process.env and taken back out on restore', () => {
    process.env.TABLE_NAME = 'before';
    delete process.env.FILES_BUCKET;
    const restore = applyLocalEnv(env);
    expect(process.env.TABLE_NAME).toBe('weibao');
    expect(process.env.FILES_BUCKET).toBe('weibao-files');
    restore();
    expect(process.env.TABLE_NAME).toBe('before');
    expect(process.env.FILES_BUCKET).toBeUndefined();
  });
});
