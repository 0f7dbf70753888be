import { shanghaiDateOf, ticketNumber, toEpochMs } from '@weibao/domain';
import {
  nextTicketSequence,
  ticketNumberItem,
  type ContractRecord,
  type HospitalRecord,
  type TicketEventRecord,
  type TicketRecord,
} from '@weibao/store';
import { AppError } from '../errors.ts';
import type { Actor, TicketDeps } from '../ports.ts';
import { commitTicketChange } from './ticket-writer.ts';
import { whoOf } from '../who.ts';

/** What a report says when it opens a ticket: who, what, when, through which channel. */
export type TicketReport = Pick<
  TicketRecord,
  | 'id'
  | 'hospitalId'
  | 'contractId'
  | 'number'
  | 'kind'
  | 'severity'
  | 'severityConfirmed'
  | 'channel'
  | 'subsystemId'
  | 'title'
  | 'description'
  | 'reporter'
  | 'campus'
  | 'place'
  | 'relatedTicket'
  | 'reportedAt'
  | 'flags'
  | 'change'
>;

/**
 * A ticket as it is opened, by form, phone or email alike: nothing answered, timed or booked yet.
 * One place, so a field added to the ticket starts the same for every channel.
 */
export function newTicket(report: TicketReport, at: string): TicketRecord {
  return {
    ...report,
    assignee: null,
    status: 'new',
    respondedAt: null,
    onSiteRequestedAt: null,
    onSiteAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionTargetAt: null,
    attribution: null,
    nextDeadline: null,
    nextDeadlineFor: null,
    slaMarks: [],
    deductionIds: [],
    pendingEscalations: [],
    lastEventSeq: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}

/** A report as a channel has it, before the ticket has a number and an id. */
export type OpeningReport = Omit<TicketReport, 'id' | 'number' | 'hospitalId' | 'contractId'>;

/**
 * Opens a ticket for any channel (form, phone, e-mail): its number from the hospital's yearly
 * counter, its id from the report time, the `created` event, and in the same transaction the
 * number's lookup and whatever the channel proves it by (`alsoCreate`: an Idempotency-Key's rows,
 * a Message-ID's thread row). On a conflict, `earlier` finds the ticket a first attempt of the
 * same request opened (same key, same message); without one the conflict stands.
 */
export async function openTicketRecord(
  deps: TicketDeps,
  open: {
    actor: Actor;
    hospital: Pick<HospitalRecord, 'id' | 'code'>;
    contract: ContractRecord;
    report: OpeningReport;
    /** What the `created` event says besides kind, severity, channel, title and description. */
    createdData?: Record<string, unknown>;
    alsoCreate: (ticketId: string) => Record<string, unknown>[];
    earlier: () => Promise<TicketRecord | undefined>;
  },
): Promise<{ ticket: TicketRecord; created: boolean }> {
  const { actor, hospital, contract, report } = open;
  const at = deps.clock.now().toISOString();
  const year = Number(shanghaiDateOf(report.reportedAt).slice(0, 4));
  const number = ticketNumber(
    hospital.code,
    year,
    await nextTicketSequence(deps.db, hospital.id, year),
  );
  const id = deps.ids.next(toEpochMs(report.reportedAt));
  const ticket = newTicket(
    { ...report, id, number, hospitalId: hospital.id, contractId: contract.id },
    at,
  );
  const created: TicketEventRecord = {
    hospitalId: hospital.id,
    ticketId: id,
    seq: 1,
    type: 'created',
    at: report.reportedAt,
    recordedAt: at,
    actor: whoOf(actor),
    visibility: 'public',
    data: {
      kind: report.kind,
      severity: report.severity,
      channel: report.channel,
      title: report.title,
      description: report.description,
      ...open.createdData,
    },
  };
  try {
    const stored = await commitTicketChange(deps, {
      actor,
      action: 'ticket.create',
      before: null,
      after: ticket,
      events: [],
      newEvents: [created],
      contract,
      alsoCreate: [ticketNumberItem(hospital.id, number, id), ...open.alsoCreate(id)],
    });
    return { ticket: stored, created: true };
  } catch (err) {
    if (err instanceof AppError && err.kind === 'conflict') {
      const t = await open.earlier();
      if (t) return { ticket: t, created: false };
    }
    throw err;
  }
}
