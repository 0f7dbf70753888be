import { isVendorRole, type AdvanceNotice } from '@weibao/domain';
import {
  contractById,
  hospitalById,
  ledgerEntryItem,
  eventsOfTicket,
  noticeById,
  saveTicket,
  saveTimerRetry,
  ticketById,
  ticketEventItem,
  type ContractRecord,
  type HospitalRecord,
  type TicketEventRecord,
  type TicketNotice,
  type TicketRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError } from '../errors.ts';
import type { Actor, Deps, SlaTimerPoint, TicketDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { vendorReplyAddress } from '../mail/vendor-reply-auth.ts';
import { channelEventOf, scheduleChannelMessages } from '../channels/channel-notify.ts';
import { ticketChannelMessage } from '../channels/channel-messages.ts';
import { escalationEmail, escalationRecipients } from './escalation-email.ts';
import { noticeRecipients, severeNotice, ticketNoticeMails } from './ticket-notice-email.ts';
import { hospitalEngineerEmails } from '../engineers/engineer-assignment.ts';
import { evaluateTicket, slaLogOf, type SlaEvaluation } from './ticket-sla.ts';

export interface TicketChange {
  actor: Actor | null;
  action: string;
  /** null when the ticket is new. */
  before: TicketRecord | null;
  after: TicketRecord;
  /** The timeline so far, and what this change adds to it (seqs after before.lastEventSeq). */
  events: TicketEventRecord[];
  newEvents: TicketEventRecord[];
  contract: ContractRecord;
  /** Further items the change creates in the same transaction (ticket number, idempotency record). */
  alsoCreate?: Record<string, unknown>[];
  /** Write only if something has become due (a timer firing); otherwise only re-plan and flush. */
  onlyIfDue?: boolean;
}

/** The timeline events whose people are told (ticket-notice-email.ts). */
const noticeOf: Partial<Record<TicketEventRecord['type'], TicketNotice>> = {
  created: 'opened',
  response: 'response',
  resolution: 'resolution',
  close: 'close',
  'change-approval': 'change-decision',
  'pause-objection': 'pause-objection',
};

const system: Actor = { sub: 'system:sla', email: null, role: 'vendor-admin', hospitalId: null };

/** The advance notice a ticket's attribution names, in the rules' terms. */
export async function noticesFor(deps: Deps, t: TicketRecord): Promise<AdvanceNotice[]> {
  const id = t.attribution?.advanceNoticeId;
  if (!id) return [];
  const n = await noticeById(deps.db, t.hospitalId, id);
  return n
    ? [
        {
          id: n.id,
          subsystemIds: n.subsystemIds,
          announcedAt: n.announcedAt,
          acknowledgedAt: n.acknowledgedAt,
        },
      ]
    : [];
}

/**
 * Writes a ticket change in one transaction together with whatever it makes due at this moment:
 * SLA marks and their timeline events, ledger entries, and escalations to send. Then re-plans the
 * ticket's timers and sends the escalations. Returns the ticket as stored.
 */
export async function commitTicketChange(
  deps: TicketDeps,
  change: TicketChange,
): Promise<TicketRecord> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const after: TicketRecord = { ...change.after, updatedAt: at };
  const events = [...change.events, ...change.newEvents];
  const newEvents = [...change.newEvents];
  const evaluation = evaluateTicket(
    after,
    events,
    change.contract.terms,
    await noticesFor(deps, after),
    now,
  );

  const systemEvent = (
    type: TicketEventRecord['type'],
    eventAt: string,
    data: Record<string, unknown>,
  ) => {
    after.lastEventSeq += 1;
    const e: TicketEventRecord = {
      hospitalId: after.hospitalId,
      ticketId: after.id,
      seq: after.lastEventSeq,
      type,
      at: eventAt,
      recordedAt: at,
      actor: null,
      visibility: 'public',
      data,
    };
    newEvents.push(e);
    return e;
  };
  // The first vendor person to respond becomes 负责人 unless someone is already (any channel).
  const responder = change.actor;
  if (
    change.before !== null &&
    change.before.respondedAt === null &&
    after.respondedAt !== null &&
    after.assignee === null &&
    responder !== null &&
    isVendorRole(responder.role)
  ) {
    after.assignee = {
      sub: responder.sub,
      email: responder.email,
      name: responder.name || (responder.email ?? responder.sub),
    };
    after.lastEventSeq += 1;
    newEvents.push({
      hospitalId: after.hospitalId,
      ticketId: after.id,
      seq: after.lastEventSeq,
      type: 'assignment',
      at,
      recordedAt: at,
      actor: { sub: responder.sub, email: responder.email, role: responder.role },
      visibility: 'public',
      data: { assignee: after.assignee, basis: 'first-response' },
    });
  }
  // What the ticket's people are told of, through the outbox like the escalations.
  for (const e of change.newEvents) {
    const notify = noticeOf[e.type];
    // Nobody is told of what they did themselves (a reporter who closes their own ticket).
    const own =
      notify !== 'opened' &&
      e.actor?.email != null &&
      e.actor.email.toLowerCase() === after.reporter.email?.toLowerCase();
    // Only what has someone to go to is queued: an empty notice would cost two writes for nothing.
    // A new fatal or serious fault is always queued: the engineers who reach the hospital are read
    // from the directory when it is sent, not on the write's path.
    const anyone = (n: TicketNotice) => {
      if (n === 'opened' && severeNotice(after.severity)) return true;
      const r = noticeRecipients(n, after, change.contract.terms);
      return r.vendor.length + r.reporter.length > 0;
    };
    if (notify && !own && anyone(notify))
      after.pendingEscalations = [...after.pendingEscalations, { eventSeq: e.seq, notify }];
    // A new fatal or serious fault goes to the hospital's groups too (channel-notify.ts).
    if (e.type === 'created' && channelEventOf('opened', after.severity) !== null)
      after.pendingEscalations = [
        ...after.pendingEscalations,
        {
          eventSeq: e.seq,
          channel: 'opened',
          clock: 'response',
          deadline: evaluation.sla?.clocks.find((c) => c.kind === 'response')?.deadline ?? null,
        },
      ];
  }
  for (const m of evaluation.newMarks) {
    const e = systemEvent(m.point === 'breach' ? 'sla-breach' : 'sla-at-risk', at, {
      clock: m.clock,
      deadline: m.deadline,
    });
    after.slaMarks = [...after.slaMarks, `${m.clock}:${m.point}`];
    after.pendingEscalations = [
      ...after.pendingEscalations,
      { eventSeq: e.seq, clock: m.clock, point: m.point, deadline: m.deadline },
      { eventSeq: e.seq, channel: m.point, clock: m.clock, deadline: m.deadline },
    ];
  }
  const ledger: Record<string, unknown>[] = [];
  for (const d of evaluation.newDeductions) {
    systemEvent('deduction', d.occurredAt, {
      entryId: d.id,
      ruleId: d.ruleId,
      amountFen: d.amountFen,
      reason: d.reason,
    });
    after.deductionIds = [...after.deductionIds, d.id];
    ledger.push(
      ledgerEntryItem({
        ...d,
        hospitalId: after.hospitalId,
        contractId: after.contractId,
        ticketNumber: after.number,
        bookedAt: at,
        disputes: [],
        version: 1,
      }),
    );
  }
  // The queue sorts on the next deadline that costs money or breaks the SLA, and shows its name.
  const next = evaluation.deadlines?.next ?? null;
  after.nextDeadline = next?.deadline ?? null;
  after.nextDeadlineFor = next
    ? { kind: next.kind, clock: next.clock, ruleId: next.ruleId, name: next.name }
    : null;

  // A repeated or early timer finds nothing new: no write, so ten copies of one event do not
  // queue on the ticket's version; it still re-plans the timers and sends what is pending.
  const unchanged =
    change.onlyIfDue &&
    change.before !== null &&
    newEvents.length === 0 &&
    ledger.length === 0 &&
    after.nextDeadline === change.before.nextDeadline &&
    after.nextDeadlineFor?.name === change.before.nextDeadlineFor?.name;
  // A person's change is what another person must have read before theirs (post-ticket-event).
  if (change.actor !== null) after.lastEditVersion = after.version;
  // What a read works the clocks out from, without the timeline (every writer has read it whole).
  after.slaLog = slaLogOf([...change.events, ...newEvents]);
  // What the next change moves the Scheduler from, without reading schedules back.
  after.timerPoints = evaluation.timerPoints;
  const stored = unchanged && change.before ? change.before : after;
  if (!unchanged)
    await mapStoreErrors('the ticket', () =>
      saveTicket(
        deps.db,
        after,
        change.before
          ? { kind: 'update', expectedVersion: change.before.version }
          : { kind: 'create' },
        auditRecord(
          deps,
          change.actor ?? system,
          at,
          after.hospitalId,
          change.action,
          { type: 'ticket', id: after.id },
          change.before,
          after,
        ),
        [...newEvents.map(ticketEventItem), ...ledger, ...(change.alsoCreate ?? [])],
      ),
    );
  if (!unchanged) countBusinessEvents(deps, change, after, evaluation);

  await planTimers(deps, change, after, evaluation.timerPoints);
  try {
    return await flushEscalations(deps, stored, change.contract, evaluation.sla);
  } catch (err) {
    // A timer is retried by the Scheduler until the mail goes out.
    if (change.onlyIfDue) throw err;
    // A person's change is stored; the escalation stays pending and the next timer or change sends it.
    deps.logger?.error('escalation email not sent', { ticketId: after.id, error: String(err) });
    return stored;
  }
}

/**
 * Moves the Scheduler to the points this change wants: from the ones the ticket's previous version
 * planned, reading nothing back (a new ticket has none); in full where that version kept none. The
 * change is stored by now, so a person's write never fails on the Scheduler: when it throttles or
 * fails, the ticket gets a retry in the outbox (keys.timerRetry), which the timer-retry job plans
 * in full within a minute. A timer's own run throws instead, and the Scheduler retries it.
 */
async function planTimers(
  deps: TicketDeps,
  change: TicketChange,
  after: TicketRecord,
  points: SlaTimerPoint[],
): Promise<void> {
  const ticket = { hospitalId: after.hospitalId, ticketId: after.id };
  const from = change.before === null ? [] : change.before.timerPoints;
  try {
    if (from) await deps.timers.apply(ticket, from, points);
    else await deps.timers.replace(ticket, points);
  } catch (err) {
    if (change.onlyIfDue) throw err;
    const failedAt = deps.clock.now().toISOString();
    await mapStoreErrors('the ticket', () =>
      saveTimerRetry(deps.db, { ...ticket, failedAt, error: String(err).slice(0, 500) }),
    );
    deps.logger?.error('SLA timers not planned; the timer-retry job plans them', {
      ticketId: after.id,
      error: String(err),
    });
  }
}

/** What the stored change counts for the business metrics: an opened ticket, SLA marks, deductions. */
function countBusinessEvents(
  deps: TicketDeps,
  change: TicketChange,
  after: TicketRecord,
  evaluation: SlaEvaluation,
): void {
  const m = deps.metrics;
  if (!m) return;
  if (change.before === null) m.ticketOpened({ channel: after.channel, severity: after.severity });
  for (const mark of evaluation.newMarks) m.slaPoint(mark.point, mark.clock);
  for (const d of evaluation.newDeductions) m.deductionBooked(d.amountFen);
}

/**
 * How long a sender's claim on pending escalations holds: far longer than sending takes, short
 * enough that the mail of a sender that died goes out with the ticket's next timer or change.
 */
export const escalationClaimMs = 30_000;

/**
 * Sends the ticket's pending escalation emails, then takes them off the ticket (an outbox). Timers
 * are delivered at least once and may run ten at a time, so a sender first claims the entries with
 * a version-checked write: only the one whose claim lands sends, and each email goes out once.
 */
export async function flushEscalations(
  deps: TicketDeps,
  ticket: TicketRecord,
  contract: ContractRecord,
  /** The SLA as the change being committed evaluated it a moment ago. */
  slaNow: SlaEvaluation['sla'],
): Promise<TicketRecord> {
  if (ticket.pendingEscalations.length === 0) return ticket;
  const claimed = await claimEscalations(deps, ticket);
  if (!claimed) return ticket;
  const { owned, seqs } = claimed;
  try {
    const hospital = await hospitalById(deps.db, owned.hospitalId);
    const hospitalName = hospital?.name ?? owned.hospitalId;
    const link = deps.links.ticket(owned.hospitalId, owned.id);
    const claimedNow = owned.pendingEscalations.filter((e) => seqs.has(e.eventSeq));
    // The channels first: scheduling their deliveries is quick and idempotent, so a mail that
    // fails after them is retried without posting to any group twice.
    for (const p of claimedNow) {
      if (!('channel' in p)) continue;
      const event = channelEventOf(p.channel, owned.severity);
      if (event === null) continue;
      await scheduleChannelMessages(deps, {
        hospitalId: owned.hospitalId,
        contractId: owned.contractId,
        event,
        what: `ticket:${owned.id}:${p.eventSeq}:${p.channel}`,
        message: ticketChannelMessage({
          notice: p.channel,
          ticket: owned,
          hospitalName,
          clock: p.clock,
          deadline: p.deadline,
          link,
        }),
      });
    }
    for (const p of claimedNow) {
      if ('channel' in p) continue;
      if ('notify' in p) {
        // The deadlines as the change that sends it worked them out: what a new-ticket notice names.
        const sla = p.notify === 'opened' ? slaNow : null;
        const engineers =
          p.notify === 'opened' && severeNotice(owned.severity)
            ? await hospitalEngineerEmails(deps, owned.hospitalId)
            : [];
        const objection =
          p.notify === 'pause-objection' ? await objectionOf(deps, owned, p.eventSeq) : undefined;
        const mails = ticketNoticeMails({
          notice: p.notify,
          ticket: owned,
          hospitalName,
          sla,
          link,
          terms: contract.terms,
          engineers,
          ...(objection ? { objection } : {}),
        });
        for (const [i, m] of mails.entries())
          await sendAboutTicket(deps, hospital, owned, m, `${p.eventSeq}#${i}`);
        continue;
      }
      const input = {
        ticket: owned,
        hospitalName,
        clock: p.clock,
        point: p.point,
        deadline: p.deadline,
        link,
        terms: contract.terms,
      };
      const { to, cc } = escalationRecipients(input);
      if (to.length === 0) continue;
      await sendAboutTicket(
        deps,
        hospital,
        owned,
        { to, cc, ...escalationEmail(input) },
        String(p.eventSeq),
      );
    }
  } catch (err) {
    // Give the claim back at once, so the retry does not wait for it to lapse.
    await changePending(
      deps,
      owned,
      'ticket.escalation-released',
      { released: [...seqs] },
      (list) => list.map(({ claimedUntil: _claim, ...p }) => p),
    ).catch(() => undefined);
    throw err;
  }
  // Take the sent ones off; a concurrent writer may have added others.
  const done = await changePending(
    deps,
    owned,
    'ticket.escalation-sent',
    { sent: [...seqs] },
    (list) => list.filter((p) => !seqs.has(p.eventSeq)),
  );
  return done ?? owned;
}

/**
 * Sends one mail about a ticket. With the link key, one message per person, each with the reply
 * address signed for them and this ticket: a vendor engineer who answers by mail records the
 * response (vendor-reply-auth.ts); anyone else's answer is a comment on the ticket. Each goes
 * through the mail queue at high priority under the ticket event it tells of (`what`) and its
 * recipient: sent at once while the send rate has room, else before any queued reminder; a
 * retried escalation queues nothing twice.
 */
async function sendAboutTicket(
  deps: TicketDeps,
  hospital: HospitalRecord | undefined,
  ticket: TicketRecord,
  m: { to: string[]; cc?: string[]; subject: string; text: string },
  what: string,
): Promise<void> {
  const queue = (recipient: string) => ({
    hospitalId: ticket.hospitalId,
    key: `ticket#${ticket.id}#${what}#${recipient}`,
    priority: 'high' as const,
  });
  const replies = deps.replyAddresses;
  if (!replies || !hospital) {
    await deps.mailer.send(m, queue('all'));
    return;
  }
  for (const recipient of [...new Set([...m.to, ...(m.cc ?? [])])]) {
    const replyTo = await vendorReplyAddress(replies.linkKey, {
      intakeLocalPart: hospital.intakeLocalPart,
      intakeDomain: replies.intakeDomain,
      ticketId: ticket.id,
      recipient,
    });
    await deps.mailer.send(
      { to: [recipient], subject: m.subject, text: m.text, replyTo: [replyTo] },
      queue(recipient),
    );
  }
}

/** 院方异议 as its notice names it: who objected and why, and the pause it ended. */
async function objectionOf(deps: TicketDeps, t: TicketRecord, seq: number) {
  const events = await eventsOfTicket(deps.db, t.hospitalId, t.id);
  const e = events.find((x) => x.seq === seq && x.type === 'pause-objection');
  if (!e) return undefined;
  const pausedAt = typeof e.data.pausedAt === 'string' ? e.data.pausedAt : null;
  const pause = [...events].reverse().find((x) => x.type === 'pause' && x.seq < seq);
  return {
    by: e.actor?.name || e.actor?.email || '院方',
    reason: String(e.data.reason ?? ''),
    pausedAt,
    pauseReason: typeof pause?.data.reason === 'string' ? pause.data.reason : null,
  };
}

/** Claims the pending escalations nobody holds; undefined when there are none left to claim. */
async function claimEscalations(
  deps: TicketDeps,
  ticket: TicketRecord,
): Promise<{ owned: TicketRecord; seqs: Set<number> } | undefined> {
  let seqs = new Set<number>();
  const owned = await changePending(deps, ticket, 'ticket.escalation-claimed', {}, (list) => {
    const now = deps.clock.now();
    const until = new Date(now.getTime() + escalationClaimMs).toISOString();
    const free = (p: TicketRecord['pendingEscalations'][number]) =>
      !p.claimedUntil || Date.parse(p.claimedUntil) <= now.getTime();
    seqs = new Set(list.filter(free).map((p) => p.eventSeq));
    return seqs.size === 0
      ? undefined
      : list.map((p) => (free(p) ? { ...p, claimedUntil: until } : p));
  });
  return owned && seqs.size > 0 ? { owned, seqs } : undefined;
}

/**
 * Rewrites the ticket's pending escalations with `change` (undefined: nothing to write), version
 * checked; on a conflict it reads the ticket again and applies `change` to what is there now.
 */
async function changePending(
  deps: TicketDeps,
  ticket: TicketRecord,
  action: string,
  detail: Record<string, unknown>,
  change: (
    list: TicketRecord['pendingEscalations'],
  ) => TicketRecord['pendingEscalations'] | undefined,
): Promise<TicketRecord | undefined> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current =
      attempt === 0 ? ticket : await ticketById(deps.db, ticket.hospitalId, ticket.id, true);
    if (!current) return undefined;
    const pendingEscalations = change(current.pendingEscalations);
    if (!pendingEscalations) return undefined;
    const next: TicketRecord = { ...current, pendingEscalations, version: current.version + 1 };
    try {
      await mapStoreErrors('the ticket', () =>
        saveTicket(
          deps.db,
          next,
          { kind: 'update', expectedVersion: current.version },
          auditRecord(
            deps,
            system,
            deps.clock.now().toISOString(),
            ticket.hospitalId,
            action,
            { type: 'ticket', id: ticket.id },
            null,
            detail,
          ),
        ),
      );
      return next;
    } catch (err) {
      if (!(err instanceof AppError && err.kind === 'conflict')) throw err;
    }
  }
  return undefined;
}

/** The contract a ticket belongs to, or an error that says so. */
export async function contractOfTicket(deps: Deps, t: TicketRecord): Promise<ContractRecord> {
  const c = await contractById(deps.db, t.hospitalId, t.contractId);
  if (!c) throw new AppError('not-found', '找不到该工单所属的合同');
  return c;
}
