import { describe, expect, it } from 'vitest';
import { eventHandlers, type EventHandlerDef } from './event-handlers.ts';
import {
  functionEnvironment,
  grantedVariableNames,
  type FunctionResources,
} from './function-environment.ts';
import type { RouteDef } from './route.ts';
import { routes as routeTable } from './routes.ts';

const routes: readonly RouteDef[] = routeTable;

const resources: FunctionResources = {
  tableName: 'weibao',
  filesBucket: 'weibao-files',
  inbound: {
    bucket: 'weibao-mail',
    prefix: 'inbound/',
    intakeDomain: 'intake.example',
    directory: { json: '[]' },
  },
  mail: {
    from: 'service@vendor.example',
    webOrigin: 'https://weibao.example',
    intakeDomain: 'intake.example',
    sendRate: 14,
  },
  timers: {
    groupName: 'weibao',
    slaTimerArn: 'arn:sla',
    obligationTimerArn: 'arn:obligation',
    channelDeliveryArn: 'arn:channel',
    schedulerRoleArn: 'arn:role',
    deadLetterArn: 'arn:dlq',
  },
  linkKey: { kmsKeyArn: 'arn:kms' },
};

const names = (uses: Parameters<typeof functionEnvironment>[0]) =>
  Object.keys(functionEnvironment(uses, resources)).sort();
const route = (operationId: string) => {
  const found = routes.find((r) => r.operationId === operationId);
  if (!found) throw new Error(`no route ${operationId}`);
  return found;
};
const eventHandler = (name: string): EventHandlerDef => {
  const found = eventHandlers.find((h) => h.name === name);
  if (!found) throw new Error(`no event handler ${name}`);
  return found;
};

describe('the environment a function gets from its uses', () => {
  it('a route that declares nothing gets the table name only', () => {
    expect(functionEnvironment(route('getHospital').uses, resources)).toEqual({
      TABLE_NAME: 'weibao',
    });
  });

  it('the health check gets the files bucket and the schedule group, but nothing to send mail or create timers with', () => {
    expect(names(route('getHealth').uses)).toEqual([
      'FILES_BUCKET',
      'SCHEDULE_GROUP',
      'TABLE_NAME',
    ]);
  });

  it('a deliverable upload gets the files bucket; without uses.files it would not', () => {
    expect(functionEnvironment(route('createDeliverableUpload').uses, resources)).toEqual({
      TABLE_NAME: 'weibao',
      FILES_BUCKET: 'weibao-files',
    });
    expect(names({})).toEqual(['TABLE_NAME']);
  });

  it('a ticket write gets the SLA timers, the sender, the link key for reply addresses, the channel deliveries and the files bucket for the report’s files, not the reminders', () => {
    expect(names(route('createTicket').uses)).toEqual([
      'CHANNEL_DELIVERY_ARN',
      // The report's files are checked (HEAD) in the bucket before they are linked.
      'FILES_BUCKET',
      // Each recipient's reply address: <intake>+<token>@INTAKE_DOMAIN, signed with the link key.
      'INTAKE_DOMAIN',
      'LINK_KEY_ID',
      'MAIL_FROM',
      // The SES send rate every sender shares through the mail pacer.
      'MAIL_SEND_RATE',
      'SCHEDULER_ROLE_ARN',
      'SCHEDULE_GROUP',
      'SLA_TIMER_ARN',
      'TABLE_NAME',
      'TIMER_DLQ_ARN',
      'WEB_ORIGIN',
    ]);
  });

  it('event handlers: timers: true is the SLA timers’ replace; the reminder function signs links', () => {
    // The timer writes tickets as createTicket does, but never takes a file.
    expect(names(eventHandler('sla-timer').uses)).toEqual(
      names(route('createTicket').uses).filter((n) => n !== 'FILES_BUCKET'),
    );
    expect(functionEnvironment(eventHandler('obligation-reminder').uses, resources)).toEqual({
      TABLE_NAME: 'weibao',
      MAIL_FROM: 'service@vendor.example',
      WEB_ORIGIN: 'https://weibao.example',
      INTAKE_DOMAIN: 'intake.example',
      MAIL_SEND_RATE: '14',
      SCHEDULE_GROUP: 'weibao',
      OBLIGATION_TIMER_ARN: 'arn:obligation',
      CHANNEL_DELIVERY_ARN: 'arn:channel',
      SCHEDULER_ROLE_ARN: 'arn:role',
      TIMER_DLQ_ARN: 'arn:dlq',
      LINK_KEY_ID: 'arn:kms',
    });
    expect(names(eventHandler('mail-intake').uses)).toEqual([
      'CHANNEL_DELIVERY_ARN',
      'FILES_BUCKET',
      'INTAKE_DOMAIN',
      // Checks vendor staff's signed reply addresses.
      'LINK_KEY_ID',
      'MAIL_BUCKET',
      'MAIL_DIRECTORY',
      'MAIL_FROM',
      'MAIL_PREFIX',
      'MAIL_SEND_RATE',
      'SCHEDULER_ROLE_ARN',
      'SCHEDULE_GROUP',
      'SLA_TIMER_ARN',
      'TABLE_NAME',
      'TIMER_DLQ_ARN',
      'WEB_ORIGIN',
    ]);
  });

  it('the link key is the KMS key on AWS and the key itself locally', () => {
    const local = { ...resources, linkKey: { localKey: 'a2V5' } };
    expect(functionEnvironment({ links: 'sign' }, local)).toEqual({
      TABLE_NAME: 'weibao',
      LINK_SIGNING_KEY: 'a2V5',
      WEB_ORIGIN: 'https://weibao.example',
    });
  });

  it('gives a function that signs links the web origin they open, mail or not (a link to copy is printed too)', () => {
    for (const r of routes.filter((x) => x.uses?.links || x.uses?.mail === 'send'))
      expect(functionEnvironment(r.uses, resources).WEB_ORIGIN, r.operationId).toBe(
        'https://weibao.example',
      );
  });

  it('over the whole route table, a variable appears exactly where its grant is declared', () => {
    for (const r of routes) {
      const env = functionEnvironment(r.uses, resources);
      expect('MAIL_FROM' in env, r.operationId).toBe(r.uses?.mail === 'send');
      expect('FILES_BUCKET' in env, r.operationId).toBe(Boolean(r.uses?.files));
      expect('MAIL_BUCKET' in env, r.operationId).toBe(Boolean(r.uses?.inbound));
      expect('SLA_TIMER_ARN' in env, r.operationId).toBe(r.uses?.timers === 'replace');
      expect('OBLIGATION_TIMER_ARN' in env, r.operationId).toBe(Boolean(r.uses?.reminders));
      expect('LINK_KEY_ID' in env, r.operationId).toBe(Boolean(r.uses?.links));
      expect('CHANNEL_DELIVERY_ARN' in env, r.operationId).toBe(Boolean(r.uses?.channels));
    }
  });

  it('names every variable a grant can bring, so the local stack can hide the ungranted ones', () => {
    expect([...grantedVariableNames].sort()).toEqual([
      'CHANNEL_DELIVERY_ARN',
      'FILES_BUCKET',
      'INTAKE_DOMAIN',
      'LINK_KEY_ID',
      'LINK_SIGNING_KEY',
      'MAIL_BUCKET',
      'MAIL_DIRECTORY',
      'MAIL_DIRECTORY_PARAMETER',
      'MAIL_FROM',
      'MAIL_PREFIX',
      'MAIL_SEND_RATE',
      'OBLIGATION_TIMER_ARN',
      'SCHEDULER_ROLE_ARN',
      'SCHEDULE_GROUP',
      'SLA_TIMER_ARN',
      'TABLE_NAME',
      'TIMER_DLQ_ARN',
      'USER_POOL_ID',
      'WEB_ORIGIN',
    ]);
  });
});
