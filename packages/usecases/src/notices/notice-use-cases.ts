import {
  noticeById,
  noticesOfHospital,
  saveNotice,
  type AdvanceNoticeRecord,
  type Page,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError, notFound } from '../errors.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange } from '../versioned-change.ts';

export interface NewNotice {
  title: string;
  description: string;
  windowStart: string;
  windowEnd: string;
  subsystemIds: string[];
}

export function makeCreateNotice(deps: Deps) {
  /** 提前通知: the vendor announces a planned change; the hospital's IT center acknowledges it. */
  return async (
    actor: Actor,
    hospitalId: string,
    input: NewNotice,
  ): Promise<AdvanceNoticeRecord> => {
    await requireHospital(deps, hospitalId);
    if (input.windowEnd < input.windowStart)
      throw new AppError('invalid', 'the window ends before it starts', { path: 'windowEnd' });
    const at = deps.clock.now().toISOString();
    const notice: AdvanceNoticeRecord = {
      id: deps.ids.next(),
      hospitalId,
      ...input,
      windowStart: new Date(input.windowStart).toISOString(),
      windowEnd: new Date(input.windowEnd).toISOString(),
      announcedAt: at,
      announcedBy: { sub: actor.sub, email: actor.email },
      acknowledgedAt: null,
      acknowledgedBy: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    await mapStoreErrors('the notice', () =>
      saveNotice(
        deps.db,
        notice,
        { kind: 'create' },
        auditRecord(
          deps,
          actor,
          at,
          hospitalId,
          'notice.create',
          { type: 'advance-notice', id: notice.id },
          null,
          notice,
        ),
      ),
    );
    return notice;
  };
}

export function makeListNotices(deps: Deps) {
  return async (
    hospitalId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<AdvanceNoticeRecord>> => {
    await requireHospital(deps, hospitalId);
    return mapStoreErrors('the notices', () => noticesOfHospital(deps.db, hospitalId, page));
  };
}

export function makeAcknowledgeNotice(deps: Deps) {
  /** The hospital's IT center confirms it was told; acknowledging twice keeps the first time. */
  return async (
    actor: Actor,
    hospitalId: string,
    noticeId: string,
    version: number,
  ): Promise<AdvanceNoticeRecord> => {
    const before = await noticeById(deps.db, hospitalId, noticeId);
    if (!before || before.deletedAt) throw notFound('the notice');
    if (before.acknowledgedAt) return before;
    return applyVersionedChange(deps, actor, {
      what: 'the notice',
      hospitalId,
      action: 'notice.acknowledge',
      entity: { type: 'advance-notice', id: noticeId },
      before,
      expectedVersion: version,
      change: (b, at) => ({
        ...b,
        acknowledgedAt: at,
        acknowledgedBy: { sub: actor.sub, email: actor.email },
      }),
      save: (after, expectedVersion, audit) =>
        saveNotice(deps.db, after, { kind: 'update', expectedVersion }, audit),
    });
  };
}
