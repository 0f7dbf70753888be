import { UnreadableMailError, parseMail, type ParsedMail } from '@weibao/mail';
import {
  quarantinedMailById,
  saveQuarantineDecision,
  waitingQuarantinedMail,
  type Page,
  type QuarantinedMailRecord,
} from '@weibao/store';
import { AppError, notFound, subjectZh } from '../errors.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import type { Actor, Deps, MailIntakeDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion } from '../versioned-change.ts';
import { deliverToHospital, messageIdKey } from './mail-intake.ts';
import { personOf } from '../who.ts';

const what = 'the quarantined message';

export function makeListQuarantinedMail(deps: Deps) {
  /** What waits for a vendor admin's decision, oldest first. */
  return (page: { limit?: number; cursor?: string }): Promise<Page<QuarantinedMailRecord>> =>
    mapStoreErrors('the quarantine', () => waitingQuarantinedMail(deps.db, page));
}

async function requireQuarantined(deps: Deps, id: string): Promise<QuarantinedMailRecord> {
  const q = await quarantinedMailById(deps.db, id);
  if (!q) throw notFound(what);
  return q;
}

/** Reading a quarantined message needs only the store and the mail bucket. */
export type QuarantineReadDeps = Deps & Pick<MailIntakeDeps, 'rawMail'>;

async function readRaw(
  deps: QuarantineReadDeps,
  q: QuarantinedMailRecord,
): Promise<{ mail: ParsedMail | null; unreadable: string | null }> {
  const raw = await deps.rawMail.get(q.rawKey);
  try {
    return { mail: await parseMail(raw), unreadable: null };
  } catch (err) {
    if (!(err instanceof UnreadableMailError)) throw err;
    return { mail: null, unreadable: err.message };
  }
}

export function makeGetQuarantinedMail(deps: QuarantineReadDeps) {
  /** The record and what the message says, its HTML sanitised as everywhere mail is shown. */
  return async (id: string) => {
    const q = await requireQuarantined(deps, id);
    const { mail, unreadable } = await readRaw(deps, q);
    return {
      mail: q,
      body: mail
        ? {
            text: mail.fullText,
            html: mail.html,
            date: mail.date,
            attachments: mail.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              size: a.size,
            })),
          }
        : null,
      unreadable,
    };
  };
}

async function decide(
  deps: Deps,
  before: QuarantinedMailRecord,
  after: QuarantinedMailRecord,
): Promise<QuarantinedMailRecord> {
  if (!(await saveQuarantineDecision(deps.db, after, before.version))) {
    const current = await quarantinedMailById(deps.db, before.id);
    throw new AppError('conflict', `${subjectZh(what)}已由他人处理`, {
      path: 'version',
      ...(current ? { currentVersion: current.version } : {}),
    });
  }
  return after;
}

function requireWaiting(q: QuarantinedMailRecord, version: number): void {
  checkVersion(q.version, version, what);
  if (q.status !== 'waiting')
    throw new AppError('conflict', `${what} was ${q.status} already`, { path: 'version' });
}

export function makeAssignQuarantinedMail(deps: MailIntakeDeps) {
  /**
   * Takes the message in for the hospital the admin names, exactly as mail to its intake address
   * would be (a ticket with acknowledgement, or a comment on the ticket it answers), then records
   * the decision. Assigning again after a crash in between finds the same ticket (same claim).
   */
  return async (
    actor: Actor,
    id: string,
    input: { version: number; hospitalId: string; reason?: string | undefined },
  ): Promise<QuarantinedMailRecord> => {
    const q = await requireQuarantined(deps, id);
    requireWaiting(q, input.version);
    const hospital = await requireHospital(deps, input.hospitalId).catch(() => {
      throw new AppError('invalid', '没有这家医院', { path: 'hospitalId' });
    });
    const { mail, unreadable } = await readRaw(deps, q);
    if (!mail)
      throw new AppError('invalid', `该邮件无法读取（${unreadable}），请丢弃`, {
        path: 'hospitalId',
      });
    const messageKey = mail.messageId ? messageIdKey(mail.messageId) : q.id;
    const outcome = await deliverToHospital(deps, hospital, mail, messageKey, {
      rawKey: q.rawKey,
      receivedAt: q.receivedAt,
      recipients: q.recipients,
      verdicts: q.verdicts,
    });
    if (outcome.outcome === 'quarantined')
      throw new AppError('invalid', `${hospital.id} cannot take it in: ${outcome.reason}`, {
        path: 'hospitalId',
      });
    const at = deps.clock.now().toISOString();
    return decide(deps, q, {
      ...q,
      status: 'assigned',
      decision: {
        by: personOf(actor),
        at,
        reason: input.reason ?? (outcome.outcome === 'ignored' ? outcome.reason : 'assigned'),
        hospitalId: hospital.id,
        ticketId: 'ticketId' in outcome ? outcome.ticketId : null,
      },
      version: q.version + 1,
      updatedAt: at,
    });
  };
}

export function makeDiscardQuarantinedMail(deps: Deps) {
  /** Closes the case without a ticket; the raw message stays in the mail bucket for its retention. */
  return async (
    actor: Actor,
    id: string,
    input: { version: number; reason: string },
  ): Promise<QuarantinedMailRecord> => {
    const q = await requireQuarantined(deps, id);
    requireWaiting(q, input.version);
    const at = deps.clock.now().toISOString();
    return decide(deps, q, {
      ...q,
      status: 'discarded',
      decision: {
        by: personOf(actor),
        at,
        reason: input.reason,
        hospitalId: null,
        ticketId: null,
      },
      version: q.version + 1,
      updatedAt: at,
    });
  };
}
