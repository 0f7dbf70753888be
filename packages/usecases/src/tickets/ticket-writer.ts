import type { AdvanceNotice } from '@weibao/domain';
import {
  contractById,
  hospitalById,
  ledgerEntryItem,
  noticeById,
  saveTicket,
  ticketById,
  ticketEventItem,
  type ContractRecord,
  type TicketEventRecord,
  type TicketRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError } from '../errors.ts';
import type { Actor, TicketDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { escalationEmail, escalationRecipients } from './escalation-email.ts';
import { evaluateTicket } from './ticket-sla.ts';

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

const system: Actor = { sub: 'system:sla', email: null, role: 'vendor-admin', hospitalId: null };

/** The advance notice a ticket's attribution names, in the rules' terms. */
export async function noticesFor(deps: TicketDeps, t: TicketRecord): Promise<AdvanceNotice[]> {
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
  for (const m of evaluation.newMarks) {
    const e = systemEvent(m.point === 'breach' ? 'sla-breach' : 'sla-at-risk', at, {
      clock: m.clock,
      deadline: m.deadline,
    });
    after.slaMarks = [...after.slaMarks, `${m.clock}:${m.point}`];
    after.pendingEscalations = [
      ...after.pendingEscalations,
      { eventSeq: e.seq, clock: m.clock, point: m.point, deadline: m.deadline },
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
        bookedAt: at,
        disputes: [],
        version: 1,
      }),
    );
  }
  after.nextDeadline = evaluation.sla?.nextDeadline ?? null;

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

  await deps.timers.replace(
    { hospitalId: after.hospitalId, ticketId: after.id },
    evaluation.timerPoints,
  );
  try {
    return await flushEscalations(deps, after, change.contract);
  } catch (err) {
    // A timer is retried by the Scheduler until the mail goes out.
    if (change.onlyIfDue) throw err;
    // A person's change is stored; the escalation stays pending and the next timer or change sends it.
    deps.logger?.error('escalation email not sent', { ticketId: after.id, error: String(err) });
    return after;
  }
}

/** Sends the ticket's pending escalation emails, then takes them off the ticket (an outbox). */
export async function flushEscalations(
  deps: TicketDeps,
  ticket: TicketRecord,
  contract: ContractRecord,
): Promise<TicketRecord> {
  if (ticket.pendingEscalations.length === 0) return ticket;
  const hospital = await hospitalById(deps.db, ticket.hospitalId);
  for (const p of ticket.pendingEscalations) {
    const input = {
      ticket,
      hospitalName: hospital?.name ?? ticket.hospitalId,
      clock: p.clock,
      point: p.point,
      deadline: p.deadline,
      link: deps.links.ticket(ticket.hospitalId, ticket.id),
      terms: contract.terms,
    };
    const { to, cc } = escalationRecipients(input);
    if (to.length === 0) continue;
    const { subject, text } = escalationEmail(input);
    await deps.mailer.send({ to, cc, subject, text });
  }
  const sent = new Set(ticket.pendingEscalations.map((p) => p.eventSeq));
  // Take the sent ones off; a concurrent writer may have added others, so re-read on conflict.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current =
      attempt === 0 ? ticket : await ticketById(deps.db, ticket.hospitalId, ticket.id, true);
    if (!current) return ticket;
    const next: TicketRecord = {
      ...current,
      pendingEscalations: current.pendingEscalations.filter((p) => !sent.has(p.eventSeq)),
      version: current.version + 1,
    };
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
            'ticket.escalation-sent',
            { type: 'ticket', id: ticket.id },
            null,
            { sent: [...sent] },
          ),
        ),
      );
      return next;
    } catch (err) {
      if (!(err instanceof AppError && err.kind === 'conflict')) throw err;
    }
  }
  return ticket;
}

/** The contract a ticket belongs to, or an error that says so. */
export async function contractOfTicket(deps: TicketDeps, t: TicketRecord): Promise<ContractRecord> {
  const c = await contractById(deps.db, t.hospitalId, t.contractId);
  if (!c) throw new AppError('not-found', 'the ticket’s contract was not found');
  return c;
}
