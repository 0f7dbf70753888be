import {
  isChangeKind,
  isVendorRole,
  newChangeRequest,
  shanghaiDateOf,
  toEpochMs,
  type Severity,
  type TicketChannel,
  type TicketKind,
} from '@weibao/domain';
import { contractById, ticketById, type ContractRecord, type TicketRecord } from '@weibao/store';
import { earlierResult, keyedItems, keyedRequest } from '../idempotency.ts';
import { AppError } from '../errors.ts';
import { contractsInForce } from '../contracts/contract-use-cases.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import type { Actor, TicketDeps } from '../ports.ts';
import { openTicketRecord } from './new-ticket.ts';
import { recordTicketEvent } from './post-ticket-event.ts';
import { campusOnRecord, type ReportWhere } from './report-where.ts';
import { attachmentsOnRecord } from './ticket-attachments.ts';

export interface NewTicket extends ReportWhere {
  contractId?: string | undefined;
  kind: TicketKind;
  severity: Severity;
  channel?: TicketChannel | undefined;
  subsystemId?: string | null | undefined;
  title: string;
  description: string;
  reporter?:
    | { name: string; email?: string | null | undefined; phone?: string | null | undefined }
    | undefined;
  /** For a phone or on-site report: when the hospital reported it (never in the future). */
  reportedAt?: string | undefined;
  /** 仍然新建: the open ticket of the same fault the reporter chose not to join. */
  relatedTicketId?: string | undefined;
  /** 要求完成日期 of a change request or template change (北京时间 date). */
  dueOn?: string | undefined;
}

/** A change request's requested date: required for the change kinds, on or after the report day. */
function changeOfReport(input: NewTicket, reportedAt: string) {
  if (!isChangeKind(input.kind)) {
    if (input.dueOn !== undefined)
      throw new AppError('invalid', '只有需求变更和病历模板修改需要填写要求完成日期', {
        path: 'dueOn',
      });
    return undefined;
  }
  if (!input.dueOn)
    throw new AppError('invalid', '需求变更和病历模板修改须填写要求完成日期', { path: 'dueOn' });
  if (input.dueOn < shanghaiDateOf(reportedAt))
    throw new AppError('invalid', '要求完成日期不能早于提出日期', { path: 'dueOn' });
  return newChangeRequest(input.dueOn);
}

/** The contract named (one GetItem), or else the one in force on the report's day (Asia/Shanghai). */
async function contractFor(
  deps: TicketDeps,
  hospitalId: string,
  reportedAt: string,
  contractId?: string,
): Promise<ContractRecord> {
  if (contractId) {
    const named = await contractById(deps.db, hospitalId, contractId);
    if (!named || named.deletedAt) {
      throw new AppError('invalid', '该医院没有这份合同', { path: 'contractId' });
    }
    return named;
  }
  const day = shanghaiDateOf(reportedAt);
  const inForce = await contractsInForce(deps, hospitalId, day);
  const latest = inForce[inForce.length - 1];
  if (!latest) {
    throw new AppError('invalid', `该医院没有覆盖 ${day} 的维保合同，请选择合同`, {
      path: 'contractId',
    });
  }
  return latest;
}

export function makeCreateTicket(deps: TicketDeps) {
  /**
   * Opens a ticket: its number from the hospital's yearly counter, its report time as the SLA
   * start. Hospital users report through the web now; vendor staff may enter a phone or on-site
   * report made earlier. With an Idempotency-Key a retried request returns the first ticket.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    input: NewTicket,
    idempotencyKey?: string,
    /** A channel the server knows the report came by (扫码报修), never the client's word. */
    via?: TicketChannel,
  ): Promise<{ ticket: TicketRecord; created: boolean }> => {
    const hospital = await requireHospital(deps, hospitalId);
    const keyed = keyedRequest('ticket.create', idempotencyKey, { hospitalId, input });
    const first = await earlierResult(deps.db, hospitalId, keyed);
    const firstTicket = first ? await ticketById(deps.db, hospitalId, first) : undefined;
    if (firstTicket) return { ticket: firstTicket, created: false };
    const now = deps.clock.now();
    const vendor = isVendorRole(actor.role);
    const reportedAt =
      vendor && input.reportedAt
        ? new Date(toEpochMs(input.reportedAt)).toISOString()
        : now.toISOString();
    if (toEpochMs(reportedAt) > now.getTime()) {
      throw new AppError('invalid', '报告时间不能晚于现在', { path: 'reportedAt' });
    }
    const change = changeOfReport(input, reportedAt);
    const channel: TicketChannel = via ?? (vendor ? (input.channel ?? 'phone') : 'web');
    const contract = await contractFor(deps, hospitalId, reportedAt, input.contractId);
    const subsystemId = input.subsystemId ?? null;
    if (subsystemId && !contract.terms.subsystems.some((s) => s.id === subsystemId)) {
      throw new AppError('invalid', `该合同没有这个子系统`, {
        path: 'subsystemId',
      });
    }

    const campus = campusOnRecord(hospital, input.campus);
    const attachments = await attachmentsOnRecord(deps.files, hospitalId, input.attachments);
    const related = input.relatedTicketId
      ? await ticketById(deps.db, hospitalId, input.relatedTicketId)
      : undefined;
    if (input.relatedTicketId && (!related || related.deletedAt))
      throw new AppError('invalid', '该医院没有这张工单', { path: 'relatedTicketId' });

    const reporter = input.reporter
      ? {
          name: input.reporter.name,
          email: input.reporter.email ?? null,
          phone: input.reporter.phone ?? input.contactPhone ?? null,
          sub: null,
        }
      : {
          name: actor.name || (actor.email ?? actor.sub),
          email: actor.email,
          phone: input.contactPhone ?? null,
          sub: actor.sub,
        };
    const opened = await openTicketRecord(deps, {
      actor,
      hospital,
      contract,
      report: {
        kind: input.kind,
        severity: input.severity,
        severityConfirmed: vendor,
        channel,
        subsystemId,
        title: input.title,
        description: input.description,
        reporter,
        campus,
        place: input.place ?? null,
        relatedTicket: related ? { id: related.id, number: related.number } : null,
        reportedAt,
        flags: [],
        ...(change ? { change } : {}),
      },
      ...(change || attachments.length
        ? {
            createdData: {
              ...(change ? { dueOn: change.dueOn } : {}),
              ...(attachments.length ? { attachments } : {}),
            },
          }
        : {}),
      alsoCreate: (id) => keyedItems(hospitalId, keyed, id, now.getTime()),
      // A retry with the same key that lost the race to its first attempt: the first's ticket.
      earlier: async () => {
        const earlier = keyed ? await earlierResult(deps.db, hospitalId, keyed) : undefined;
        return earlier ? ticketById(deps.db, hospitalId, earlier) : undefined;
      },
    });
    // Also when this is a retry that found its ticket: the link may be what the first attempt missed.
    if (related) await nameOnRelated(deps, actor, related, opened.ticket);
    return opened;
  };
}

/**
 * 仍然新建: the ticket the reporter chose not to join records, on its timeline, the ticket opened
 * for the same fault. Once per opened ticket (the server's own idempotency key: its id), on the
 * version read just now; if that ticket was resolved or closed meanwhile, the link stays on the
 * new ticket only.
 */
async function nameOnRelated(
  deps: TicketDeps,
  actor: Actor,
  related: TicketRecord,
  opened: TicketRecord,
): Promise<void> {
  const input = {
    type: 'linked-report' as const,
    description: opened.title,
    ticketId: opened.id,
    number: opened.number,
  };
  const keyed = keyedRequest('ticket.link', opened.id, { ticketId: related.id, input });
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const current = await ticketById(deps.db, related.hospitalId, related.id, true);
    if (!current) return;
    try {
      await recordTicketEvent(
        deps,
        actor,
        related.hospitalId,
        related.id,
        { ...input, version: current.version },
        keyed,
      );
      return;
    } catch (err) {
      const conflict = err instanceof AppError && err.kind === 'conflict';
      if (conflict && err.extra.path === 'type') return;
      if (!conflict || attempt === 3) throw err;
    }
  }
}
