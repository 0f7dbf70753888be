/**
 * Lambda handlers that no HTTP route calls: EventBridge Scheduler targets, SES receipt rules.
 * With the route table, this list is every function there is: CDK builds one function per entry,
 * the local stand-ins invoke them by function name, and a test keeps files and list one to one.
 */
export interface EventHandlerDef {
  /** Stable name: the Lambda function name suffix and the local stand-ins' target name. */
  name: string;
  /** functions/<handler>.ts exports `handler`. */
  handler: string;
  summary: string;
  /** Seconds it may run (default 30): a job that walks every hospital needs more. */
  timeoutSeconds?: number;
  /** What invokes it. */
  trigger: 'scheduler' | 'ses-receipt' | 'cognito-pre-token-generation' | 'table-stream';
  /** What else it touches besides the table. */
  uses?: {
    mail?: 'send';
    timers?: boolean;
    files?: 'list' | 'read-write';
    /** The bucket SES stores received messages in (MAIL_BUCKET), read only. */
    inbound?: 'read';
    /** Obligation reminder schedules (EventBridge Scheduler), created and moved on. */
    reminders?: boolean;
    /** Notification channel deliveries (EventBridge Scheduler), created. */
    channels?: boolean;
    /** Signs links (KMS GenerateMac): the quarter's evaluation links. */
    links?: 'sign';
  };
}

export const eventHandlers = [
  {
    name: 'sla-timer',
    handler: 'timers/sla-timer',
    summary:
      'An SLA point has come: mark the clock at risk or breached, escalate, book the deduction',
    trigger: 'scheduler',
    uses: { mail: 'send', timers: true, channels: true, links: 'sign' },
  },
  {
    name: 'mfa-gate',
    handler: 'auth/pre-token-generation',
    summary:
      'Before Cognito issues tokens: a vendor user without an enrolled authenticator app gets no role',
    trigger: 'cognito-pre-token-generation',
  },
  {
    name: 'mail-intake',
    handler: 'mail/intake',
    summary:
      'SES received a message for an intake address: open a ticket, thread a reply, ignore machine mail or quarantine',
    trigger: 'ses-receipt',
    uses: {
      mail: 'send',
      timers: true,
      channels: true,
      files: 'read-write',
      inbound: 'read',
      links: 'sign',
    },
  },
  {
    name: 'obligation-reminder',
    handler: 'timers/obligation-reminder',
    summary:
      'An obligation reminder or a quarter’s evaluation request is due: email it once if still open, schedule the next',
    trigger: 'scheduler',
    uses: { mail: 'send', reminders: true, channels: true, links: 'sign' },
  },
  {
    name: 'channel-delivery',
    handler: 'timers/channel-delivery',
    summary:
      'One message to one notification channel (WeCom or DingTalk group robot): post it once, keep its outcome on the channel, schedule the next attempt after a failure worth retrying',
    trigger: 'scheduler',
    uses: { channels: true },
  },
  {
    name: 'obligation-digest',
    handler: 'timers/obligation-digest',
    summary:
      'Daily at 08:00 Shanghai: email each service manager the overdue and due-this-week obligations across hospitals',
    trigger: 'scheduler',
    uses: { mail: 'send' },
  },
  {
    name: 'timer-retry',
    handler: 'timers/timer-retry',
    summary:
      'Every minute: plan again, in full, the SLA timers of tickets whose change was stored while the Scheduler failed or throttled',
    trigger: 'scheduler',
    timeoutSeconds: 300,
    uses: { timers: true },
  },
  {
    name: 'mail-drain',
    handler: 'timers/mail-drain',
    summary:
      'Every minute: send the queued outgoing mail at the account’s SES rate, escalations first; what fails stays queued, what keeps failing goes to the dead list',
    trigger: 'scheduler',
    timeoutSeconds: 120,
    uses: { mail: 'send' },
  },
  {
    name: 'audit-checkpoint',
    handler: 'timers/audit-checkpoint',
    summary:
      'Daily at 03:30 Shanghai: verify each hospital’s audit log and record a checkpoint; a broken log fails the run and raises its alarm',
    trigger: 'scheduler',
    timeoutSeconds: 900,
  },
  {
    name: 'rollups',
    handler: 'streams/rollups',
    summary:
      'The table’s stream: move the overview’s rollups (a hospital’s calendar quarter, contract quarter, open tickets) by what changed tickets and ledger entries changed, and re-file a hospital’s after a contract term moves or the hospital is removed',
    trigger: 'table-stream',
    timeoutSeconds: 120,
  },
] as const satisfies readonly EventHandlerDef[];

/** The payload an SLA schedule carries to the timer handler. */
export interface SlaTimerPayload {
  kind: 'sla-timer';
  hospitalId: string;
  ticketId: string;
  clock: 'response' | 'on-site' | 'resolution';
  point: 'at-risk' | 'breach' | 'deduction';
  /** The instant the schedule was set for (ISO, UTC). */
  at: string;
}

/** The payload a channel delivery's schedule carries to the channel-delivery handler. */
export interface ChannelDeliveryPayload {
  kind: 'channel-delivery';
  hospitalId: string;
  channelId: string;
  /** A hex hash of what and where: the delivery's mark, so a repeated run posts once. */
  deliveryId: string;
  /** 1, 2, …: a failed attempt schedules the next itself. */
  attempt: number;
  message: { title: string; text: string };
}

/**
 * The daily audit checkpoint: 03:30 in Shanghai, when hospitals are quiet, so the checkpoint's
 * cutoff (15 minutes earlier) seals the previous day's records.
 */
export const auditCheckpointSchedule = {
  name: 'audit-checkpoint',
  expression: 'cron(30 3 * * ? *)',
  timeZone: 'Asia/Shanghai',
} as const;

/** The recurring schedule of the daily digest: 08:00 every day in Shanghai. */
export const obligationDigestSchedule = {
  name: 'obligation-digest',
  expression: 'cron(0 8 * * ? *)',
  timeZone: 'Asia/Shanghai',
} as const;

/**
 * The recurring schedule of the timer-retry job: every minute, so timers a failed plan left out are
 * in place within about a minute of the Scheduler recovering.
 */
export const timerRetrySchedule = {
  name: 'timer-retry',
  expression: 'rate(1 minute)',
  timeZone: 'UTC',
} as const;

/**
 * The recurring schedule of the mail drain: every minute, so mail the send rate held back (a
 * morning's reminders, a burst of escalations) goes out within about a minute of room in the rate.
 */
export const mailDrainSchedule = {
  name: 'mail-drain',
  expression: 'rate(1 minute)',
  timeZone: 'UTC',
} as const;
