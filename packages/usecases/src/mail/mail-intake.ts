import { openTicketRecord } from '../tickets/new-ticket.ts';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isVendorRole,
  reportTimeFromEmail,
  shanghaiDateOf,
  applyTicketEvent,
  toEpochMs,
  type Severity,
} from '@weibao/domain';
import {
  NotAMessageError,
  UnreadableMailError,
  normaliseSubject,
  parseMail,
  type ParsedMail,
} from '@weibao/mail';
import {
  claimMailReceipt,
  releaseMailReceipt,
  yieldMailReceipt,
  countAcknowledgement,
  eventsOfTicket,
  hospitalById,
  hospitalIdByIntakeAddress,
  mailThreadItem,
  putMailThread,
  quarantineMail,
  ticketById,
  ticketIdByMessageId,
  ticketIdByNumber,
  updateMailReceipt,
  type ContractRecord,
  type HospitalRecord,
  type MailReceiptRecord,
  type MailVerdicts,
  type QuarantineReason,
  type TicketEventRecord,
  type TicketRecord,
} from '@weibao/store';
import { contractsInForce } from '../contracts/contract-use-cases.ts';
import { AppError } from '../errors.ts';
import { activePersonByEmail } from '../people/directory.ts';
import type { Actor, MailIntakeDeps } from '../ports.ts';
import { evaluateTicket } from '../tickets/ticket-sla.ts';
import { commitTicketChange, contractOfTicket, noticesFor } from '../tickets/ticket-writer.ts';
import type { TicketAttachment } from '../tickets/ticket-attachments.ts';
import { acknowledgementEmail } from './acknowledgement-email.ts';
import {
  carriesVendorReplyToken,
  splitIntakeLocalPart,
  vendorReplyAuthentication,
} from './vendor-reply-auth.ts';

/** SES's verdicts on a received message (the local SMTP server passes them all). */
export type { MailVerdict as Verdict, MailVerdicts } from '@weibao/store';

/** A message as the receipt rule hands it over: stored, not yet read. */
export interface ReceivedMail {
  /** The raw message's key in the mail bucket. */
  rawKey: string;
  /** When our mail system received it (SES's receipt timestamp). */
  receivedAt: string;
  /** The envelope recipients at our domain (RCPT TO), not the To header. */
  recipients: string[];
  verdicts: MailVerdicts;
}

export type IntakeOutcome =
  | { outcome: 'ticket' | 'comment'; hospitalId: string; ticketId: string; duplicate: boolean }
  | { outcome: 'ignored'; hospitalId: string; reason: string; duplicate: boolean }
  | { outcome: 'quarantined'; quarantineId: string; reason: QuarantineReason; duplicate: boolean };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Message-IDs compared as written, inside angle brackets, without surrounding space. */
export function messageIdKey(messageId: string): string {
  const id = messageId.trim();
  return sha256(id.startsWith('<') ? id : `<${id}>`);
}

/** A claim untouched for this long belongs to a delivery that died; another may take it over. */
const claimLeaseMs = 60_000;
/** How long a duplicate delivery waits for the one that holds the claim to finish. */
const duplicateWaitMs = 20_000;
const defaultAckLimit = 5;
/** Acknowledgements one hospital's intake sends in an hour at most, whoever the senders. */
const defaultHospitalAckLimit = 500;
/** The counter of a hospital's acknowledgements this hour, beside the per-sender ones. */
const wholeHospital = 'hospital';
const maxInlineHtml = 64 * 1024;

/** The part of an object key a file name may contribute: no slashes, nothing odd, short. */
function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-100) || 'file';
}

export function makeMailIntake(deps: MailIntakeDeps) {
  /**
   * Turns one received message into tickets, comments, ignored records or one quarantine
   * record: nothing is dropped. Throws only when trying again may help (storage unreachable),
   * so the caller (SES's Lambda retry, the local SMTP server's 451) delivers again.
   */
  return async (received: ReceivedMail): Promise<IntakeOutcome[]> => {
    const raw = await deps.rawMail.get(received.rawKey);
    let mail: ParsedMail;
    try {
      mail = await parseMail(raw);
    } catch (err) {
      if (!(err instanceof UnreadableMailError)) throw err;
      return [
        await quarantine(
          deps,
          received,
          null,
          sha256(raw),
          'unreadable',
          `邮件无法解析：${describe(err)}`,
        ),
      ];
    }
    const messageKey = mail.messageId ? messageIdKey(mail.messageId) : sha256(raw);
    const q = (reason: QuarantineReason, detail: string) =>
      quarantine(deps, received, mail, messageKey, reason, detail);

    if (received.verdicts.virus === 'FAIL') return [await q('virus', '邮件服务检测到病毒')];
    if (received.verdicts.spam === 'FAIL') return [await q('spam', '邮件服务判定为垃圾邮件')];
    if (received.verdicts.dmarc === 'FAIL')
      return [await q('dmarc-fail', '发件域的 DMARC 策略拒绝此邮件：可能是伪造的发件人')];

    const domain = `@${deps.intakeDomain.toLowerCase()}`;
    const ours = received.recipients
      .map((r) => r.trim().toLowerCase())
      .filter((r) => r.endsWith(domain));
    if (ours.length === 0)
      return [await q('no-intake-address', `收件人中没有 @${deps.intakeDomain} 的报障邮箱`)];
    const hospitals: HospitalRecord[] = [];
    for (const address of new Set(ours)) {
      // `whzx+<token>@…` is whzx's address with a signed reply token (vendor-reply-auth.ts).
      const { localPart } = splitIntakeLocalPart(address.slice(0, -domain.length));
      const hospital = await hospitalByIntakeAddress(deps, localPart);
      if (hospital && !hospitals.some((h) => h.id === hospital.id)) hospitals.push(hospital);
    }
    if (hospitals.length === 0)
      return [await q('unknown-intake-address', `没有医院使用报障邮箱 ${ours.join('、')}`)];

    const outcomes: IntakeOutcome[] = [];
    for (const hospital of hospitals) {
      outcomes.push(await deliverToHospital(deps, hospital, mail, messageKey, received));
    }
    return outcomes;
  };
}

function describe(err: unknown): string {
  if (err instanceof NotAMessageError) return `not a message: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** The hospital an intake local part belongs to, if the lookup still matches it. */
export async function hospitalByIntakeAddress(
  deps: MailIntakeDeps,
  localPart: string,
): Promise<HospitalRecord | undefined> {
  const id = await hospitalIdByIntakeAddress(deps.db, localPart);
  if (!id) return undefined;
  const h = await hospitalById(deps.db, id);
  return h && !h.deletedAt && h.intakeLocalPart === localPart ? h : undefined;
}

async function quarantine(
  deps: MailIntakeDeps,
  received: ReceivedMail,
  mail: ParsedMail | null,
  messageKey: string,
  reason: QuarantineReason,
  detail: string,
): Promise<IntakeOutcome> {
  const at = deps.clock.now().toISOString();
  const { created } = await quarantineMail(deps.db, {
    id: messageKey,
    reason,
    detail: detail.slice(0, 500),
    rawKey: received.rawKey,
    messageId: mail?.messageId ?? null,
    from: mail?.from?.address ?? null,
    subject: mail?.subject?.slice(0, 300) ?? null,
    recipients: received.recipients.slice(0, 50),
    receivedAt: received.receivedAt,
    verdicts: { ...received.verdicts },
    status: 'waiting',
    decision: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
  return { outcome: 'quarantined', quarantineId: messageKey, reason, duplicate: !created };
}

/**
 * One message for one hospital, at most once however often it is delivered: the receipt item is
 * the claim (conditional put). The winner does the work and records each step on it; a
 * concurrent duplicate waits for the winner's outcome, so it too can answer only once the
 * message is safe. A winner that died is taken over after the lease; each step it finished is
 * found again (the ticket by the Message-ID lookup made in its transaction), so nothing doubles.
 */
export async function deliverToHospital(
  deps: MailIntakeDeps,
  hospital: HospitalRecord,
  mail: ParsedMail,
  messageKey: string,
  received: ReceivedMail,
): Promise<IntakeOutcome> {
  const owner = randomUUID();
  const claim: MailReceiptRecord = {
    hospitalId: hospital.id,
    messageKey,
    messageId: mail.messageId,
    rawKey: received.rawKey,
    from: mail.from?.address ?? null,
    subject: mail.subject?.slice(0, 300) ?? null,
    receivedAt: received.receivedAt,
    owner,
    claimedAt: deps.clock.now().toISOString(),
    outcome: null,
    reason: null,
    ticketId: null,
    ack: { state: 'pending', messageId: null, reason: null },
    doneAt: null,
  };
  let won = await claimMailReceipt(deps.db, claim, claimLeaseMs);
  const waitUntil = Date.now() + duplicateWaitMs;
  while (!won.won && won.current.doneAt === null && Date.now() < waitUntil) {
    await sleep(150 + Math.random() * 100);
    // Claiming again also takes over a claim its holder gave up after a failure
    won = await claimMailReceipt(deps.db, claim, claimLeaseMs);
  }
  if (!won.won) {
    const current = won.current;
    if (current.doneAt === null)
      throw new Error(`message ${messageKey} is still being taken in by another delivery`);
    return outcomeOf(current, true);
  }
  try {
    return await takeIn(deps, hospital, mail, messageKey, received, won);
  } catch (err) {
    // The delivery fails (and SMTP answers 451); the retry must not wait out the lease. A claim
    // that cannot be given back (DynamoDB down) still ends with its lease.
    await yieldMailReceipt(deps.db, hospital.id, messageKey, owner).catch(() => false);
    throw err;
  }
}

/** The work of the delivery that holds the message's claim; each step recorded on the receipt. */
async function takeIn(
  deps: MailIntakeDeps,
  hospital: HospitalRecord,
  mail: ParsedMail,
  messageKey: string,
  received: ReceivedMail,
  claim: { receipt: MailReceiptRecord; takenOver: boolean },
): Promise<IntakeOutcome> {
  const { receipt } = claim;
  const owner = receipt.owner;
  const record = (patch: Parameters<typeof updateMailReceipt>[4]) =>
    updateMailReceipt(deps.db, hospital.id, messageKey, owner, patch);

  if (mail.autoReply) {
    const reason = mail.autoReplyReason ?? 'automatic mail';
    await record({
      outcome: 'ignored',
      reason,
      ack: { state: 'skipped', messageId: null, reason: 'automatic mail gets no acknowledgement' },
      doneAt: deps.clock.now().toISOString(),
    });
    return { outcome: 'ignored', hospitalId: hospital.id, reason, duplicate: false };
  }

  let outcome: 'ticket' | 'comment' | null =
    receipt.outcome === 'ticket' || receipt.outcome === 'comment' ? receipt.outcome : null;
  let ticketId = receipt.ticketId;
  let opened: Placed['opened'];
  if (!outcome || !ticketId) {
    // Only a delivery that took over a claim can find this message's ticket already made: every
    // ticket by mail is made under a claim, and a first claim finds no receipt before it.
    const done = claim.takenOver
      ? await ticketIdByMessageId(deps.db, hospital.id, messageKey)
      : undefined;
    let placed: Placed;
    try {
      placed = done
        ? {
            outcome: (await openedByThisMessage(deps, hospital.id, done, messageKey))
              ? 'ticket'
              : 'comment',
            ticketId: done,
          }
        : await placeMessage(deps, hospital, mail, messageKey, received);
    } catch (err) {
      // Retrying cannot help (no contract covers the day): a vendor admin decides. The claim is
      // given back, so assigning it from the quarantine later takes the message in afresh.
      if (!(err instanceof AppError && err.kind === 'invalid')) throw err;
      await releaseMailReceipt(deps.db, hospital.id, messageKey, owner);
      return quarantine(deps, received, mail, messageKey, 'no-contract', err.message);
    }
    outcome = placed.outcome;
    ticketId = placed.ticketId;
    opened = placed.opened;
    await record({
      outcome,
      ticketId,
      reason: placed.reason ?? null,
      ...(outcome === 'comment'
        ? { ack: { state: 'skipped', messageId: null, reason: 'a reply to a ticket' } }
        : {}),
    });
  }
  // The acknowledgement's outcome and the end in one write: a delivery that dies between sending
  // and recording sends it again, as it would between two writes.
  const ack =
    outcome === 'ticket' && receipt.ack.state === 'pending'
      ? { ack: await acknowledge(deps, hospital, mail, ticketId, opened) }
      : {};
  await record({ ...ack, doneAt: deps.clock.now().toISOString() });
  return { outcome, hospitalId: hospital.id, ticketId, duplicate: false };
}

function outcomeOf(r: MailReceiptRecord, duplicate: boolean): IntakeOutcome {
  if (r.outcome !== 'ticket' && r.outcome !== 'comment')
    return { outcome: 'ignored', hospitalId: r.hospitalId, reason: r.reason ?? '', duplicate };
  return {
    outcome: r.outcome,
    hospitalId: r.hospitalId,
    ticketId: r.ticketId ?? '',
    duplicate,
  };
}

async function openedByThisMessage(
  deps: MailIntakeDeps,
  hospitalId: string,
  ticketId: string,
  messageKey: string,
): Promise<boolean> {
  const events = await eventsOfTicket(deps.db, hospitalId, ticketId);
  return events.some((e) => e.type === 'created' && e.data.messageKey === messageKey);
}

/** The ticket a message answers: its number in the subject, else a Message-ID it names. */
async function threadOf(
  deps: MailIntakeDeps,
  hospitalId: string,
  mail: ParsedMail,
): Promise<{ ticket: TicketRecord; by: string } | undefined> {
  const live = (t: TicketRecord | undefined) => (t && !t.deletedAt ? t : undefined);
  if (mail.ticketRef) {
    const id = await ticketIdByNumber(deps.db, hospitalId, mail.ticketRef);
    const t = live(id ? await ticketById(deps.db, hospitalId, id) : undefined);
    if (t) return { ticket: t, by: `ticket number ${mail.ticketRef} in the subject` };
  }
  const named = [mail.inReplyTo, ...[...mail.references].reverse()].filter(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );
  for (const messageId of new Set(named)) {
    const id = await ticketIdByMessageId(deps.db, hospitalId, messageIdKey(messageId));
    const t = live(id ? await ticketById(deps.db, hospitalId, id) : undefined);
    if (t) return { ticket: t, by: `In-Reply-To/References ${messageId}` };
  }
  return undefined;
}

async function placeMessage(
  deps: MailIntakeDeps,
  hospital: HospitalRecord,
  mail: ParsedMail,
  messageKey: string,
  received: ReceivedMail,
): Promise<Placed> {
  const attachments = await storeParts(deps, hospital.id, messageKey, mail);
  const thread = await threadOf(deps, hospital.id, mail);
  if (thread) {
    await appendReply(
      deps,
      thread.ticket,
      mail,
      messageKey,
      attachments,
      replyEvidence(deps, hospital, received),
    );
    return { outcome: 'comment', ticketId: thread.ticket.id, reason: thread.by };
  }
  const opened = await openTicket(deps, hospital, mail, messageKey, received, attachments);
  return { outcome: 'ticket', ticketId: opened.ticket.id, opened };
}

/** Where a message went; a ticket it opened comes with its contract, for the acknowledgement. */
interface Placed {
  outcome: 'ticket' | 'comment';
  ticketId: string;
  reason?: string;
  opened?: { ticket: TicketRecord; contract: ContractRecord };
}

interface StoredParts {
  attachments: TicketAttachment[];
  htmlKey: string | null;
  html: string | null;
}

/** Attachments, inline images and the sanitised HTML to the files bucket, under the hospital. */
async function storeParts(
  deps: MailIntakeDeps,
  hospitalId: string,
  messageKey: string,
  mail: ParsedMail,
): Promise<StoredParts> {
  const base = `hospitals/${hospitalId}/mail/${messageKey}`;
  const attachments: StoredParts['attachments'] = [];
  for (const [i, a] of mail.attachments.entries()) {
    // Deterministic keys: a repeated delivery writes the same objects again, nothing more.
    const key = `${base}/${i + 1}-${safeName(a.filename)}`;
    await deps.files.put(key, a.content, a.contentType);
    attachments.push({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      key,
      inline: a.inline,
      contentId: a.contentId,
    });
  }
  let htmlKey: string | null = null;
  if (mail.html !== null) {
    htmlKey = `${base}/body.html`;
    await deps.files.put(htmlKey, Buffer.from(mail.html, 'utf8'), 'text/html; charset=utf-8');
  }
  const html = mail.html !== null && mail.html.length <= maxInlineHtml ? mail.html : null;
  return { attachments, htmlKey, html };
}

/**
 * Whether an address is in a mail domain the hospital's own people write from: the domains of the
 * contract's escalation contacts and evaluators (the hospital gave us these addresses).
 */
function ofHospitalDomain(address: string, contract: ContractRecord): boolean {
  const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const people = [
    ...contract.terms.escalationContacts.map((c) => c.email),
    ...[contract.terms.evaluators?.department, contract.terms.evaluators?.itCenter].flatMap((e) =>
      e ? [e.email] : [],
    ),
  ];
  return people.some((email) => domainOf(email) === domainOf(address));
}

/**
 * Who wrote: vendor staff, a registered user of this hospital, or someone we do not know. The
 * directory in the table is asked first (a hospital's users, vendor staff, supervisors and
 * auditors of this hospital's contracts; someone deactivated is not known), then the directory of
 * the function's environment.
 */
async function senderOf(
  deps: MailIntakeDeps,
  hospitalId: string,
  mail: ParsedMail,
  contract?: ContractRecord,
) {
  const address = mail.from?.address.toLowerCase() ?? null;
  const person = address ? await activePersonByEmail(deps, [hospitalId, null], address) : undefined;
  const inTable =
    person &&
    (person.hospitalId === hospitalId ||
      isVendorRole(person.role) ||
      person.contracts.some((c) => c.hospitalId === hospitalId))
      ? { sub: person.sub, email: person.email, role: person.role, name: person.name, hospitalId }
      : undefined;
  const entry = inTable ?? (address ? deps.directory.byEmail(address) : undefined);
  const vendor = entry && isVendorRole(entry.role) ? entry : undefined;
  const ownUser = entry && entry.hospitalId === hospitalId ? entry : undefined;
  const contact =
    address !== null &&
    (contract?.terms.escalationContacts ?? []).some((c) => c.email.toLowerCase() === address);
  const actor: Actor & { name: string } = vendor
    ? {
        sub: vendor.sub,
        email: vendor.email,
        role: vendor.role,
        hospitalId: null,
        name: vendor.name,
      }
    : ownUser
      ? {
          sub: ownUser.sub,
          email: ownUser.email,
          role: ownUser.role,
          hospitalId,
          name: ownUser.name,
        }
      : {
          sub: `mail:${address ?? 'unknown'}`,
          email: address,
          role: 'hospital-dept',
          hospitalId,
          name: mail.from?.name || address || 'unknown',
        };
  return { actor, vendor: Boolean(vendor), known: Boolean(vendor || ownUser || contact) };
}

function mailData(mail: ParsedMail, messageKey: string, parts: StoredParts) {
  return {
    messageId: mail.messageId,
    messageKey,
    from: mail.from,
    subject: mail.subject,
    html: parts.html,
    htmlKey: parts.htmlKey,
    attachments: parts.attachments,
  };
}

async function openTicket(
  deps: MailIntakeDeps,
  hospital: HospitalRecord,
  mail: ParsedMail,
  messageKey: string,
  received: Pick<ReceivedMail, 'receivedAt' | 'verdicts'>,
  parts: StoredParts,
): Promise<{ ticket: TicketRecord; contract: ContractRecord }> {
  const receivedAt = new Date(toEpochMs(received.receivedAt)).toISOString();
  const inForce = await contractsInForce(deps, hospital.id, shanghaiDateOf(receivedAt));
  const contract = inForce[inForce.length - 1];
  if (!contract)
    throw new AppError('invalid', `${hospital.name}没有覆盖 ${receivedAt.slice(0, 10)} 的维保合同`);
  // 响应时间——自甲方向乙方发出书面报告错误之时起计: the Date header, if it is believable.
  const reportTime = reportTimeFromEmail(
    { dateHeader: mail.date, receivedAt },
    contract.terms.emailDateHeaderToleranceMinutes,
  );
  const reportedAt = reportTime.reportedAt;
  // A new ticket has no reply address signed for it, so nothing proves a From of vendor staff:
  // the report is the address's, marked unverified, never the staff account it names.
  const claimed = await senderOf(deps, hospital.id, mail, contract);
  const sender = claimed.vendor ? unverifiedSender(hospital.id, mail) : claimed;
  const severity: Severity = mail.proposedSeverity ?? 'minor';
  const title = (
    normaliseSubject(mail.subject ?? '').trim() ||
    mail.text.split('\n')[0]?.trim() ||
    '（无主题）'
  ).slice(0, 200);
  const description = (mail.text || mail.fullText || '（邮件无正文）').slice(0, 20_000);
  const opened = await openTicketRecord(deps, {
    actor: sender.actor,
    hospital,
    contract,
    report: {
      kind: 'fault',
      severity,
      // Proposed from the words of the mail until an engineer confirms it.
      severityConfirmed: false,
      channel: 'email',
      subsystemId: null,
      title,
      description,
      reporter: {
        name: mail.from?.name || mail.from?.address || 'unknown',
        email: mail.from?.address ?? null,
        phone: null,
        sub: sender.known && !sender.actor.sub.startsWith('mail:') ? sender.actor.sub : null,
      },
      reportedAt,
      flags: sender.known ? [] : ['unknown-sender'],
    },
    createdData: {
      senderUnknown: !sender.known,
      ...(claimed.vendor
        ? {
            unverified: true,
            unverifiedReasons: ['a new ticket by mail cannot be authenticated as vendor staff'],
          }
        : {}),
      reportTime: { source: reportTime.source, rejected: reportTime.rejected, receivedAt },
      verdicts: { ...received.verdicts },
      ...mailData(mail, messageKey, parts),
    },
    // The message's own lookup, in the ticket's transaction: threading, and the proof that this
    // message has its ticket should the delivery die before recording it.
    alsoCreate: (id) => [
      mailThreadItem(hospital.id, messageKey, {
        ticketId: id,
        messageId: mail.messageId ?? `sha256:${messageKey}`,
        direction: 'received',
      }),
    ],
    earlier: async () => {
      const earlier = await ticketIdByMessageId(deps.db, hospital.id, messageKey);
      return earlier ? ticketById(deps.db, hospital.id, earlier) : undefined;
    },
  });
  return { ticket: opened.ticket, contract };
}

/** The reply tokens a message was addressed with at this hospital's intake, and SES's verdicts. */
function replyEvidence(deps: MailIntakeDeps, hospital: HospitalRecord, received: ReceivedMail) {
  const domain = `@${deps.intakeDomain.toLowerCase()}`;
  const tokens = received.recipients.flatMap((r) => {
    // Local parts are compared in lower case, but the token keeps its case (base64url).
    const address = r.trim();
    if (!address.toLowerCase().endsWith(domain)) return [];
    const { localPart, token } = splitIntakeLocalPart(address.slice(0, -domain.length));
    return localPart.toLowerCase() === hospital.intakeLocalPart && token ? [token] : [];
  });
  return { tokens, verdicts: received.verdicts };
}

/**
 * A reply becomes a public comment; vendor staff's first answer is the response (响应), but only
 * when the reply is authenticated (vendor-reply-auth.ts). A reply that claims vendor staff without
 * that is a comment of an unknown sender flagged unverified (the timeline shows 未验证).
 */
async function appendReply(
  deps: MailIntakeDeps,
  target: TicketRecord,
  mail: ParsedMail,
  messageKey: string,
  parts: StoredParts,
  evidence: ReturnType<typeof replyEvidence>,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before =
      attempt === 0 ? target : await ticketById(deps.db, target.hospitalId, target.id, true);
    if (!before) throw new Error(`ticket ${target.id} vanished`);
    const contract = await contractOfTicket(deps, before);
    const claimed = await senderOf(deps, before.hospitalId, mail, contract);
    const decision = claimed.vendor
      ? vendorReplyAuthentication({
          senderIsVendorStaff: true,
          token: await carriesVendorReplyToken(
            deps.linkKey,
            evidence.tokens,
            before.id,
            mail.from?.address ?? '',
          ),
          verdicts: evidence.verdicts,
        })
      : null;
    const unverified = decision !== null && !decision.authenticated;
    const sender = unverified ? unverifiedSender(before.hospitalId, mail) : claimed;
    const nowDate = deps.clock.now();
    const now = nowDate.toISOString();
    // Vendor staff's first answer is the response, where the lifecycle allows one; else a comment.
    const asResponse =
      sender.vendor && before.respondedAt === null
        ? applyTicketEvent(before, { type: 'response' }, nowDate)
        : undefined;
    const applied =
      asResponse && !('refused' in asResponse)
        ? asResponse
        : applyTicketEvent(before, { type: 'comment' }, nowDate);
    if ('refused' in applied) throw new AppError(applied.kind, applied.refused);
    const after = applied.ticket;
    const type: 'comment' | 'response' = applied === asResponse ? 'response' : 'comment';
    const text = (mail.text || mail.fullText || '（邮件无正文）').slice(0, 20_000);
    const event: TicketEventRecord = {
      hospitalId: before.hospitalId,
      ticketId: before.id,
      seq: after.lastEventSeq,
      type,
      at: now,
      recordedAt: now,
      actor: { sub: sender.actor.sub, email: sender.actor.email, role: sender.actor.role },
      visibility: 'public',
      data: {
        text,
        ...(type === 'comment' ? { visibility: 'public' } : {}),
        channel: 'email',
        senderUnknown: !sender.known,
        ...(unverified ? { unverified: true, unverifiedReasons: decision.reasons } : {}),
        ...mailData(mail, messageKey, parts),
      },
    };
    try {
      await commitTicketChange(deps, {
        actor: sender.actor,
        action: `ticket.${type}`,
        before,
        after,
        events: await eventsOfTicket(deps.db, before.hospitalId, before.id),
        newEvents: [event],
        contract,
        alsoCreate: [
          mailThreadItem(before.hospitalId, messageKey, {
            ticketId: before.id,
            messageId: mail.messageId ?? `sha256:${messageKey}`,
            direction: 'received',
          }),
        ],
      });
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.kind === 'conflict')) throw err;
      // Added already by an earlier attempt of this message: done.
      if (await ticketIdByMessageId(deps.db, before.hospitalId, messageKey)) return;
    }
  }
  throw new AppError('unavailable', `工单 ${target.number} 正被频繁修改，回复未能加入，请稍后重发`);
}

/** Who an unauthenticated reply is recorded as: the address it came from, not the staff it names. */
function unverifiedSender(
  hospitalId: string,
  mail: ParsedMail,
): Awaited<ReturnType<typeof senderOf>> {
  const address = mail.from?.address.toLowerCase() ?? null;
  return {
    actor: {
      sub: `mail:${address ?? 'unknown'}`,
      email: address,
      role: 'hospital-dept',
      hospitalId,
      name: mail.from?.name || address || 'unknown',
    },
    vendor: false,
    known: false,
  };
}

const printable = /^[\x21-\x7e]+$/;

/** In-Reply-To and References of the acknowledgement: the report, and what it answered. */
function threadingHeaders(mail: ParsedMail): Record<string, string> {
  const own = mail.messageId?.trim();
  if (!own || !printable.test(own)) return {};
  const earlier = mail.references.map((r) => r.trim()).filter((r) => printable.test(r));
  let references = [...earlier, own];
  while (references.join(' ').length > 900 && references.length > 1)
    references = references.slice(1);
  return { 'In-Reply-To': own, References: references.join(' ') };
}

/**
 * Sends the acknowledgement of a new ticket, unless the sender had too many this hour or is our
 * own address. The caller holds the message's claim, so only one delivery gets here.
 */
async function acknowledge(
  deps: MailIntakeDeps,
  hospital: HospitalRecord,
  mail: ParsedMail,
  ticketId: string,
  opened?: { ticket: TicketRecord; contract: ContractRecord },
): Promise<MailReceiptRecord['ack']> {
  const to = mail.from?.address.toLowerCase();
  if (!to || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to))
    return { state: 'skipped', messageId: null, reason: 'no address to answer' };
  if (to.endsWith(`@${deps.intakeDomain.toLowerCase()}`))
    return { state: 'skipped', messageId: null, reason: 'our own address' };
  // The ticket and contract this delivery has just written and read, else as stored.
  const ticket = opened?.ticket ?? (await ticketById(deps.db, hospital.id, ticketId, true));
  if (!ticket) throw new Error(`ticket ${ticketId} vanished`);
  const contract =
    opened?.contract.id === ticket.contractId
      ? opened.contract
      : await contractOfTicket(deps, ticket);
  // An acknowledgement goes only where the hospital would expect mail from us: anyone can put any
  // From on a message, and answering every one would make the intake a mail cannon.
  if (!(await senderOf(deps, hospital.id, mail, contract)).known && !ofHospitalDomain(to, contract))
    return {
      state: 'skipped',
      messageId: null,
      reason: 'the sender is not known to the hospital and writes from another domain',
    };
  const now = deps.clock.now().getTime();
  const senderCount = await countAcknowledgement(
    deps.db,
    hospital.id,
    createHash('sha256').update(to).digest('hex'),
    now,
  );
  const limit = deps.ackLimitPerHour ?? defaultAckLimit;
  if (senderCount > limit)
    return {
      state: 'skipped',
      messageId: null,
      reason: `rate limit: ${limit} acknowledgements per sender per hour`,
    };
  const hospitalCount = await countAcknowledgement(deps.db, hospital.id, wholeHospital, now);
  if (hospitalCount > defaultHospitalAckLimit)
    return {
      state: 'skipped',
      messageId: null,
      reason: `rate limit: ${defaultHospitalAckLimit} acknowledgements per hospital per hour`,
    };
  const { sla } = evaluateTicket(
    ticket,
    ticket.slaLog ?? (await eventsOfTicket(deps.db, hospital.id, ticketId)),
    contract.terms,
    await noticesFor(deps, ticket),
    deps.clock.now(),
  );
  const { subject, text } = acknowledgementEmail({
    ticket,
    hospitalName: hospital.name,
    sla,
    link: deps.links.ticket(hospital.id, ticketId),
  });
  const { messageId } = await deps.mailer.send({
    to: [to],
    subject,
    text,
    headers: {
      ...threadingHeaders(mail),
      // RFC 3834: an automatic answer, so other auto-responders do not answer it.
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
    },
  });
  const header = deps.sentMessageIdHeader(messageId);
  await putMailThread(deps.db, hospital.id, messageIdKey(header), {
    ticketId,
    messageId: header,
    direction: 'sent',
  });
  return { state: 'sent', messageId: header, reason: null };
}
