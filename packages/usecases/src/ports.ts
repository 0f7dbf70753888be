import type { ChannelKind, Role, Severity, TicketChannel } from '@weibao/domain';
import type { Db, QueuedMessage } from '@weibao/store';

/** Time is a port so tests and the rules never read the machine's clock directly. */
export interface Clock {
  now(): Date;
}

/**
 * Where the local stack keeps how many milliseconds the handlers' clock runs ahead (or behind) of
 * the machine's: a property of globalThis under this symbol, set only by the local stack's clock
 * (WEIBAO_CLOCK_START, the training clock). Nothing a deployed function is configured with can
 * set it, so on AWS the handlers always read the machine's clock.
 */
export const localClockOffset: unique symbol = Symbol.for('weibao.local-clock-offset-ms');

export interface Ids {
  /** A ULID: sortable by creation time, or by `atMs` when given (tickets sort by report time). */
  next(atMs?: number): string;
}

/** Who acts, from the verified token; hospitalId is null for vendor staff. */
export interface Actor {
  sub: string;
  email: string | null;
  role: Role;
  hospitalId: string | null;
  /** The person's name when the token carries one (Cognito's `name`); else they go by e-mail. */
  name?: string;
}

export interface Deps {
  db: Db;
  clock: Clock;
  ids: Ids;
}

/** One SLA point a ticket needs a timer for. */
export interface SlaTimerPoint {
  clock: 'response' | 'on-site' | 'resolution';
  /** 'deduction': a late-response threshold (e.g. 60 minutes) that is not an SLA deadline. */
  point: 'at-risk' | 'breach' | 'deduction';
  /** ISO instant, UTC. */
  at: string;
}

/**
 * One-time timers per ticket (EventBridge Scheduler `at()` schedules on AWS, the local stand-in
 * otherwise). `replace` makes the ticket's timers exactly `points`: it creates what is missing,
 * deletes what is no longer wanted, and is safe to repeat.
 */
export interface SlaTimers {
  /**
   * Makes the ticket's timers exactly `points`. `newTicket`: the ticket was created by this very
   * change, so none of its timers can exist but what an earlier try of the same creation planned:
   * nothing needs reading back first.
   */
  replace(
    ticket: { hospitalId: string; ticketId: string },
    points: SlaTimerPoint[],
    opts?: { newTicket?: boolean },
  ): Promise<void>;
  /**
   * Moves the ticket's timers from `from` (the points its last change planned, stored on the
   * ticket) to `to` without reading any back: creates or moves the points that are new or at
   * another time, deletes those no longer wanted, leaves the rest alone. Safe to repeat.
   */
  apply(
    ticket: { hospitalId: string; ticketId: string },
    from: SlaTimerPoint[],
    to: SlaTimerPoint[],
  ): Promise<void>;
}

/**
 * One outgoing message, as the mail queue stores it (QueuedMessage of @weibao/store): text first
 * in Chinese, English below; html optional; a reply address and threading headers optional.
 */
export type OutgoingMail = QueuedMessage;

/**
 * How a message goes through the paced mail queue (mail/mail-queue.ts): under the sender's
 * idempotency key, in the hospital's partition (`_vendor` for vendor-wide mail), escalations and
 * ticket notices (`high`) before reminders, digests and surveys (`low`).
 */
export interface MailQueueing {
  hospitalId: string;
  key: string;
  priority: 'high' | 'low';
}

/**
 * Outgoing mail (SES). Without `queue` the message is sent now (within the account's send rate, on
 * AWS: a person or a thread waits for it, and its id is known). With `queue` it is queued under its
 * key and sent now when the rate has room, else by the mail-drain job: `messageId` is null then.
 */
export interface Mailer {
  send(message: OutgoingMail): Promise<{ messageId: string }>;
  send(message: OutgoingMail, queue: MailQueueing): Promise<{ messageId: string | null }>;
}

/**
 * Business events as metrics (CloudWatch EMF through Powertools Metrics on AWS; the names are
 * `businessMetrics` of @weibao/api). Called after the change they count is stored, so a retried
 * write that finds nothing new counts nothing.
 */
export interface BusinessMetrics {
  ticketOpened(t: { channel: TicketChannel; severity: Severity }): void;
  slaPoint(point: 'at-risk' | 'breach', clock: SlaTimerPoint['clock']): void;
  deductionBooked(amountFen: number): void;
}

/** A message for a group robot: a title (DingTalk's notice shows it) and markdown text. */
export interface ChannelMessage {
  title: string;
  text: string;
}

/** One message to one notification channel, delivered and retried by a schedule of its own. */
export interface ChannelDelivery {
  /** A hash of what and where (the ticket's event and the channel): names the schedule, marks it done. */
  id: string;
  hospitalId: string;
  channelId: string;
  message: ChannelMessage;
  /** 1 for the first try (absent: 1); a retry is a schedule of its own with the next number. */
  attempt?: number;
}

/**
 * Hands channel deliveries to the Scheduler: one one-time schedule each, due a second from now
 * (or `delayMs` from now), whose target posts to the robot. Safe to repeat: a delivery's schedule
 * is named by its id and attempt. Returns as soon as the schedules exist: nothing waits for a robot.
 */
export interface ChannelDeliveries {
  schedule(deliveries: ChannelDelivery[], options?: { delayMs?: number }): Promise<void>;
}

/** What a robot answered: `retry` when trying again later may help (5xx, timeout, rate limit). */
export type WebhookOutcome = { ok: true } | { ok: false; retry: boolean; error: string };

/** Posts one message to a group robot's webhook (the official hosts only; the local stand-in locally). */
export interface WebhookPoster {
  post(
    robot: { kind: ChannelKind; webhookKey: string; signingSecret: string | null },
    message: ChannelMessage,
  ): Promise<WebhookOutcome>;
}

/** What the channel-delivery function needs: the store, the robots' webhooks, its own retries. */
export interface ChannelDeliveryDeps extends Deps {
  webhooks: WebhookPoster;
  /** Where a failed attempt schedules the next one. */
  channels: ChannelDeliveries;
  logger?: { error(message: string, extra?: Record<string, unknown>): void };
}

/** What the ticket use cases need beyond the store: timers, mail, and links into the web app. */
export interface TicketDeps extends Deps {
  timers: SlaTimers;
  mailer: Mailer;
  links: { ticket(hospitalId: string, ticketId: string): string };
  /** The files bucket, where a report's uploads are checked; absent where no route uses files. */
  files?: FileStore;
  logger?: { error(message: string, extra?: Record<string, unknown>): void };
  /** Absent: nothing is counted (tests, the CLI). */
  metrics?: BusinessMetrics;
  /**
   * Gives every recipient of mail about a ticket a reply address of their own, signed for them and
   * the ticket (`<intake>+<token>@<domain>`): a vendor person's reply to it may then act as the
   * vendor. Absent (a function without the link key): one message to all, and replies to it are
   * recorded as unverified comments.
   */
  replyAddresses?: { linkKey: LinkKey; intakeDomain: string };
  /** The hospital's notification channels (WeCom, DingTalk). Absent: their messages are dropped. */
  channels?: ChannelDeliveries;
}

/**
 * The key of signed links (HMAC-SHA256). Locally a key from LINK_SIGNING_KEY; on AWS it is to be
 * a KMS HMAC key (GenerateMac), so the key never leaves KMS. See docs/decisions.md.
 */
export interface LinkKey {
  sign(data: Buffer): Promise<Buffer>;
}

/** What advance notices need beyond the store: mail with a signed acknowledge link. */
export interface NoticeDeps extends Deps {
  mailer: Mailer;
  linkKey: LinkKey;
  /** `${WEB_ORIGIN}/links/<token>`: the web app's confirm page for a signed link. */
  signedLinkUrl(token: string): string;
  logger?: { error(message: string, extra?: Record<string, unknown>): void };
}

/**
 * One S3 bucket (S3 on AWS, s3rver locally). The files bucket: deliverables and obligation proofs
 * are uploaded straight from the browser with a presigned PUT and downloaded with a presigned GET
 * (the Lambda reads only to zip, and HEADs what arrived before it counts as proof); the mail intake
 * puts attachments and bodies. The mail bucket: the intake reads raw mail.
 */
export interface FileStore {
  /** A URL to PUT one object to; with `sizeBytes` the length is signed too. */
  presignPut(
    key: string,
    o: { contentType: string; sizeBytes?: number; expiresInSeconds: number },
  ): Promise<string>;
  presignGet(key: string, downloadName: string, expiresInSeconds: number): Promise<string>;
  /** Size and content type of a stored object; null when there is none. */
  head(key: string): Promise<{ sizeBytes: number; contentType: string | null } | null>;
  get(key: string): Promise<Buffer>;
  /** The object's bytes a chunk at a time, for files too large to hold (deliverables). */
  read(key: string): AsyncIterable<Uint8Array>;
  /** Writes what `body` yields, in parts as it comes (never all of it held); the bytes written. */
  putStream(key: string, body: AsyncIterable<Uint8Array>, contentType: string): Promise<number>;
  /** A plain overwrite: callers use deterministic keys, so a retried write stores the same bytes. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface FileDeps extends Deps {
  files: FileStore;
}

/** What evaluation links need: mail, the link key, and the web app's page for such a link. */
export interface EvaluationLinkDeps extends Deps {
  mailer: Mailer;
  linkKey: LinkKey;
  /** `${WEB_ORIGIN}/links/evaluation/<token>`: the page where the evaluator enters their part. */
  evaluationLinkUrl(token: string): string;
  logger?: { error(message: string, extra?: Record<string, unknown>): void };
}

/** Someone the vendor knows by email address: vendor staff, or a hospital's registered user. */
export interface DirectoryEntry {
  sub: string;
  email: string;
  name: string;
  role: Role;
  hospitalId: string | null;
}

/** Looks people up by their registered email address (case-insensitive). */
export interface Directory {
  byEmail(email: string): DirectoryEntry | undefined;
}

/** What the mail intake needs beyond the ticket use cases. */
export interface MailIntakeDeps extends TicketDeps {
  /** The mail bucket, where SES (or the local SMTP server) stored each raw message. */
  rawMail: Pick<FileStore, 'get'>;
  /** The files bucket: attachments and sanitised bodies, under `hospitals/<hospitalId>/mail/…`. */
  files: FileStore;
  directory: Directory;
  /** `intake.example.com`: the domain of hospitals' intake addresses. */
  intakeDomain: string;
  /** The Message-ID header a sent message carries, from the id the Mailer returned. */
  sentMessageIdHeader(mailerMessageId: string): string;
  /** At most this many acknowledgements per sender per hour (default 5). */
  ackLimitPerHour?: number;
  /**
   * The signed-link key, which also signs vendor reply addresses; without it no reply can act as
   * the vendor (vendor-reply-auth.ts).
   */
  linkKey?: LinkKey;
}

/** What a reminder schedule carries to the obligation-reminder handler. */
export type ObligationTimerPayload =
  | {
      kind: 'obligation-reminder';
      hospitalId: string;
      contractId: string;
      obligationId: string;
      /** `<day>:<point>` of domain nextReminder, e.g. 2026-04-03:before-1. */
      reminderKey: string;
    }
  | {
      kind: 'evaluation-request';
      hospitalId: string;
      contractId: string;
      obligationId: string;
      /** 1-based quarter of the term. */
      quarter: number;
    };

export interface ObligationSchedule {
  /** At most 64 characters of [0-9A-Za-z-]; one per obligation and purpose. */
  name: string;
  /** When it fires (epoch ms); the adapter writes it as an Asia/Shanghai at(). */
  atMs: number;
  payload: ObligationTimerPayload;
  description: string;
}

/**
 * One-time schedules of obligations (EventBridge Scheduler at() in Asia/Shanghai; the local
 * stand-in otherwise). Both are safe to repeat: put creates or updates by name, remove ignores
 * names that are gone.
 */
export interface ObligationSchedules {
  put(schedules: ObligationSchedule[]): Promise<void>;
  remove(names: string[]): Promise<void>;
}

/** Contract writes re-plan the obligations; with schedules they re-plan the reminders too. */
export interface PlanningDeps extends Deps {
  schedules?: ObligationSchedules;
  logger?: { error(message: string, extra?: Record<string, unknown>): void };
}

/** What obligations, proofs, reminders and digests need beyond the store. */
export interface ObligationDeps extends Deps {
  schedules: ObligationSchedules;
  files: FileStore;
  mailer: Mailer;
  /** The web app's origin for links in emails, e.g. https://weibao.example (no trailing slash). */
  webOrigin: string;
  logger?: { error(message: string, extra?: Record<string, unknown>): void };
  /**
   * At a quarter's end the evaluators get signed links that enter their part (no account
   * needed); without these, the request links to the evaluation page of the web app instead.
   */
  linkKey?: LinkKey;
  evaluationLinkUrl?(token: string): string;
  /** Reminders and evaluation requests also go to the hospital's channels that want them. */
  channels?: ChannelDeliveries;
}

/**
 * The identity provider's accounts (Cognito on AWS): who may sign in, in which role group, for
 * which hospital. Absent locally, where the local issuer signs in whoever the directory holds.
 * Every call is safe to repeat.
 */
export interface Accounts {
  /** Creates the sign-in (an invitation mail with a temporary password) or finds it; its `sub`. */
  ensureUser(person: {
    email: string;
    name: string;
    role: Role;
    hospitalId: string | null;
  }): Promise<{ sub: string }>;
  /** Moves the sign-in from one role group to another. */
  changeRole(email: string, from: Role, to: Role): Promise<void>;
  /** Lets the sign-in in again, or stops it. */
  setEnabled(email: string, enabled: boolean): Promise<void>;
}

/** The directory's writes: the table, and the identity provider's accounts where there is one. */
export interface PeopleDeps extends Deps {
  accounts?: Accounts | undefined;
}

/**
 * What inspections need beyond the store: the files bucket (photos), the link key and the page of
 * a signing link, and the reminder schedules a signed record stops. A function gets only what its
 * route declares; the others refuse use at call time.
 */
export interface InspectionDeps extends PlanningDeps {
  files: FileStore;
  linkKey: LinkKey;
  /** `${WEB_ORIGIN}/links/inspection/<token>`: the page where a hospital signer signs. */
  inspectionLinkUrl(token: string): string;
}
