import {
  applyChangeEvent,
  applyTicketEvent,
  changeEventTypes,
  isChangeKind,
  isVendorRole,
  mayPostChangeEvent,
  newChangeRequest,
  shanghaiDateOf,
  type ChangeEvent,
  type ChangeEventType,
  type LifecycleEvent,
  roleNamesZh,
  type TicketAssignee,
} from '@weibao/domain';
import {
  eventsOfTicket,
  noticeById,
  personById,
  ticketById,
  vendorChainId,
  type TicketEventRecord,
  type TicketRecord,
} from '@weibao/store';
import { AppError, notFound } from '../errors.ts';
import { checkVersion, requireHospital } from '../hospitals/hospital-use-cases.ts';
import { earlierResult, keyedItems, keyedRequest, type KeyedRequest } from '../idempotency.ts';
import type { Actor, TicketDeps } from '../ports.ts';
import { commitTicketChange, contractOfTicket } from './ticket-writer.ts';
import { whoOf } from '../who.ts';
import { personIdOf } from '../people/directory.ts';
import { campusOnRecord, type ReportWhere } from './report-where.ts';
import { attachmentsOnRecord } from './ticket-attachments.ts';
import { hasSla } from './ticket-sla.ts';

/** What each kind of event says besides what changes the ticket (LifecycleEvent). */
interface EventWords {
  comment: { text: string; visibility: 'public' | 'internal' };
  response: { text: string };
  'on-site-request': { reason: string };
  'on-site-arrival': { note?: string | undefined };
  resolution: { text: string; servicePack?: string | undefined };
  'resolution-target': { servicePack?: string | undefined };
  'severity-change': { reason: string };
  assignment: Record<never, never>;
  attribution: { note: string };
  close: { note?: string | undefined };
  reopen: { reason: string };
  /** Why the clocks wait, e.g. 等待院方确认 / 等待第三方. */
  pause: { reason: string };
  resume: { note?: string | undefined };
  /** Why the hospital disagrees that it was waited on. */
  'pause-objection': { reason: string };
  /**
   * 加入该工单: the joining reporter's words (the actor is who reported); or, from 仍然新建, the
   * ticket that was opened for the same fault instead (`ticketId`, `number`).
   */
  'linked-report': ReportWhere & {
    description: string;
    ticketId?: string | undefined;
    number?: string | undefined;
  };
}

/**
 * An event as the API takes it: the lifecycle's event and its words, type by type, or a change
 * request's approval, progress or date (change-request.ts).
 */
export type TicketEventInput =
  | {
      [K in LifecycleEvent['type']]: Extract<LifecycleEvent, { type: K }> & EventWords[K];
    }[LifecycleEvent['type']]
  | ChangeEvent;

const isChangeEvent = (e: TicketEventInput): e is ChangeEvent =>
  changeEventTypes.includes(e.type as ChangeEventType);

/**
 * A change event applied to the ticket it is for: a 需求变更 or 模板修改 ticket only. A change
 * ticket opened before approval was kept reads as 待审批, due on its report day.
 */
function applyChange(before: TicketRecord, event: ChangeEvent, actor: Actor, now: Date) {
  if (!isChangeKind(before.kind))
    return {
      refused: '只有需求变更和病历模板修改工单需要审批和登记实施进度',
      kind: 'invalid' as const,
      path: 'type',
    };
  const change = before.change ?? newChangeRequest(shanghaiDateOf(before.reportedAt));
  const by = {
    sub: actor.sub,
    email: actor.email,
    name: actor.name || (actor.email ?? roleNamesZh[actor.role]),
  };
  const applied = applyChangeEvent(change, event, by, now, before.reportedAt);
  if ('refused' in applied) return applied;
  const after: TicketRecord = {
    ...before,
    change: applied.change,
    version: before.version + 1,
    lastEventSeq: before.lastEventSeq + 1,
  };
  return { ticket: after, at: now.toISOString() };
}

/**
 * The 负责人 as the server knows them, never as the client named them: someone claiming a ticket
 * is who their token says (with its name); anyone else must be active vendor staff in the
 * directory, found by e-mail, and is recorded as the directory has them (its sign-in id and name,
 * whatever the client sent beside the address).
 */
async function assigneeOnRecord(
  deps: TicketDeps,
  actor: Actor,
  asked: TicketAssignee,
): Promise<TicketAssignee> {
  if (asked.sub === actor.sub)
    return {
      sub: actor.sub,
      email: actor.email,
      name: actor.name || (actor.email ?? roleNamesZh[actor.role]),
    };
  if (actor.role === 'support-engineer')
    throw new AppError('forbidden', '工程师只能认领给自己', { path: 'assignee.sub' });
  const person = asked.email
    ? await personById(deps.db, vendorChainId, personIdOf(asked.email))
    : undefined;
  if (!person || person.state !== 'active' || !isVendorRole(person.role))
    throw new AppError('invalid', '负责人须是厂商人员名录中在职的厂商人员', {
      path: 'assignee.email',
    });
  return { sub: person.sub, email: person.email, name: person.name };
}

/** What hospital users may post; everything else is the vendor's to record. */
const hospitalMayPost = new Set<TicketEventInput['type']>([
  'comment',
  'close',
  'reopen',
  'linked-report',
  'pause-objection',
]);

/** 暂停计时 / 恢复计时 are the engineers' and the service manager's, 院方异议 the hospital's. */
function refusedPauseEvent(actor: Actor, type: TicketEventInput['type']): string | null {
  if (
    (type === 'pause' || type === 'resume') &&
    !['support-engineer', 'service-manager'].includes(actor.role)
  )
    return '只有工程师或服务经理可以暂停或恢复计时';
  if (type === 'pause-objection' && isVendorRole(actor.role)) return '异议由院方提出';
  return null;
}

export function makePostTicketEvent(deps: TicketDeps) {
  /**
   * Records one event on a ticket's timeline, version-checked, and re-plans its SLA clocks. With
   * an Idempotency-Key, a request repeated after its event was recorded (a 503 whose write had
   * committed) answers the ticket as it is instead of a version conflict or a second event.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    ticketId: string,
    input: TicketEventInput & { version: number },
    idempotencyKey?: string,
  ): Promise<TicketRecord> => {
    const vendor = isVendorRole(actor.role);
    if (isChangeEvent(input)) {
      const refused = mayPostChangeEvent(actor.role, input.type);
      if (refused) throw new AppError('forbidden', refused);
    } else if (!vendor && !hospitalMayPost.has(input.type)) {
      throw new AppError('forbidden', `${roleNamesZh[actor.role]}不能登记此类记录`);
    }
    const pauseRefused = refusedPauseEvent(actor, input.type);
    if (pauseRefused) throw new AppError('forbidden', pauseRefused);
    if (!vendor && input.type === 'comment' && input.visibility === 'internal') {
      throw new AppError('forbidden', '内部备注仅限厂商人员');
    }
    if (input.type === 'assignment')
      input = { ...input, assignee: await assigneeOnRecord(deps, actor, input.assignee) };
    const keyed = keyedRequest('ticket.event', idempotencyKey, { hospitalId, ticketId, input });
    return recordTicketEvent(deps, actor, hospitalId, ticketId, input, keyed);
  };
}

/**
 * One event on a ticket's timeline as makePostTicketEvent records it, once per `keyed` request
 * (the caller's Idempotency-Key, or a key of the server's own such as the ticket a 仍然新建 opened).
 */
export async function recordTicketEvent(
  deps: TicketDeps,
  actor: Actor,
  hospitalId: string,
  ticketId: string,
  input: TicketEventInput & { version: number },
  keyed: KeyedRequest | undefined,
): Promise<TicketRecord> {
  // A conflict on the save that no person caused (a timer's mark, the outbox sending a notice
  // between our read and our write) is not the caller's: read again and record the event on
  // what is there now. A person's change since the caller's version is refused before that.
  for (let attempt = 1; ; attempt += 1) {
    const stored = await recordOnce(attempt < 5);
    if (stored !== again) return stored;
  }

  async function recordOnce(retryOnConflict: boolean): Promise<TicketRecord | typeof again> {
    const before = await ticketById(deps.db, hospitalId, ticketId, true);
    if (!before || before.deletedAt) throw notFound('the ticket');
    if ((await earlierResult(deps.db, hospitalId, keyed)) === ticketId) return before;
    checkEditVersion(before, input.version);
    const contract = await contractOfTicket(deps, before);
    const now = deps.clock.now();
    const { version: _v, type, ...data } = input;
    // What only the server knows: the contract's subsystems, the hospital's notices, (who is assigned: assigneeOnRecord, above).
    if (input.type === 'attribution') {
      if (!contract.terms.subsystems.some((s) => s.id === input.subsystemId))
        throw new AppError('invalid', `该合同没有这个子系统`, {
          path: 'subsystemId',
        });
      if (input.advanceNoticeId && !(await noticeById(deps.db, hospitalId, input.advanceNoticeId)))
        throw new AppError('invalid', '该医院没有这份变更通知', {
          path: 'advanceNoticeId',
        });
    }
    // Well-formed, but this ticket's contract does not allow it: 422, not a malformed request.
    if (input.type === 'pause') {
      if (!hasSla(before))
        throw new AppError('unprocessable', '只有故障报告有服务时限，不能暂停计时', {
          path: 'type',
        });
      if (contract.terms.slaPause?.allowed !== true)
        throw new AppError('unprocessable', '该合同不允许暂停计时（合同条款未约定暂停）', {
          path: 'type',
        });
    }
    if (input.type === 'linked-report') {
      campusOnRecord(await requireHospital(deps, hospitalId), input.campus);
      const attachments = await attachmentsOnRecord(deps.files, hospitalId, input.attachments);
      if (attachments.length) Object.assign(data, { attachments });
    }
    const applied = isChangeEvent(input)
      ? applyChange(before, input, actor, now)
      : applyTicketEvent(before, input, now);
    if ('refused' in applied)
      throw new AppError(applied.kind, applied.refused, { path: applied.path });
    const { ticket: after, at } = applied;
    // What a date change changed from, so the timeline can say 要求完成日期 A → B.
    const from =
      input.type === 'change-due-date'
        ? { from: before.change?.dueOn ?? shanghaiDateOf(before.reportedAt) }
        : {};
    const event: TicketEventRecord = {
      hospitalId,
      ticketId,
      seq: after.lastEventSeq,
      type,
      at,
      recordedAt: now.toISOString(),
      actor: whoOf(actor),
      visibility: input.type === 'comment' ? input.visibility : 'public',
      data: {
        ...data,
        ...(input.type === 'severity-change' ? { from: before.severity } : {}),
        // What a resume or an objection ends: the pause it started from.
        ...(input.type === 'resume' || input.type === 'pause-objection'
          ? { pausedAt: before.pausedAt }
          : {}),
        ...from,
      },
    };
    const events = await eventsOfTicket(deps.db, hospitalId, ticketId);
    try {
      return await commitTicketChange(deps, {
        actor,
        action: `ticket.${type}`,
        before,
        after,
        events,
        newEvents: [event],
        contract,
        alsoCreate: keyedItems(hospitalId, keyed, ticketId, now.getTime()),
      });
    } catch (err) {
      if (
        retryOnConflict &&
        err instanceof AppError &&
        err.kind === 'conflict' &&
        err.extra.path === 'version'
      )
        return again;
      throw err;
    }
  }
}

const again = Symbol('read the ticket again');

/**
 * The caller read `given`: refused only when a person changed the ticket since (or the version
 * was never issued). Versions that only timers and the outbox made after it are no one's edit.
 */
function checkEditVersion(current: TicketRecord, given: number): void {
  const lastEdit = current.lastEditVersion ?? current.version;
  if (given < lastEdit || given > current.version)
    checkVersion(current.version, given, 'the ticket');
}
