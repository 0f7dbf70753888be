import { isIsoDate } from '../dates.ts';
import { isVendorRole, type Role } from '../roles.ts';
import { shanghaiDateOf } from '../time/instant.ts';
import type { TicketKind } from './ticket.ts';
import type { Refusal } from './ticket-lifecycle.ts';

/**
 * 需求变更 and 病历模板修改或新增 are approved by the hospital's IT center before the vendor works
 * on them, and are due on the date the requester asked for (及时响应需求变更…在要求的时限内完成).
 */
export const changeKinds: readonly TicketKind[] = ['change-request', 'template-change'];
export const isChangeKind = (kind: TicketKind): boolean => changeKinds.includes(kind);

/** 待审批 → 已批准 → 实施中 → 已完成, or 已拒绝. */
export const changeProgresses = ['pending', 'approved', 'in-progress', 'done', 'declined'] as const;
export type ChangeProgress = (typeof changeProgresses)[number];

export const changeProgressNamesZh: Record<ChangeProgress, string> = {
  pending: '待审批',
  approved: '已批准',
  'in-progress': '实施中',
  done: '已完成',
  declined: '已拒绝',
};

/** 审批: what the IT center decided, as the list and the document print it. */
export type ChangeApproval = 'pending' | 'approved' | 'declined';
export const changeApprovalNamesZh: Record<ChangeApproval, string> = {
  pending: '待审批',
  approved: '已批准',
  declined: '已拒绝',
};

export interface ChangeDecider {
  sub: string;
  email: string | null;
  name: string;
}

/** What a change request carries beside the ticket. */
export interface ChangeRequest {
  /** 要求完成日期, a 北京时间 calendar date (YYYY-MM-DD). */
  dueOn: string;
  progress: ChangeProgress;
  /** The IT center's decision; null while 待审批. */
  decision: {
    approved: boolean;
    /** Why it was declined; null when approved. */
    reason: string | null;
    by: ChangeDecider;
    at: string;
  } | null;
  /** When the vendor recorded 已完成; null before. */
  completedAt: string | null;
}

export type ChangeEvent =
  | { type: 'change-approval'; decision: 'approve' | 'decline'; reason?: string | undefined }
  | { type: 'change-progress'; progress: 'in-progress' | 'done' }
  | { type: 'change-due-date'; dueOn: string };
export type ChangeEventType = ChangeEvent['type'];
export const changeEventTypes: readonly ChangeEventType[] = [
  'change-approval',
  'change-progress',
  'change-due-date',
];

export function newChangeRequest(dueOn: string): ChangeRequest {
  return { dueOn, progress: 'pending', decision: null, completedAt: null };
}

export function changeApproval(c: Pick<ChangeRequest, 'progress'>): ChangeApproval {
  if (c.progress === 'pending') return 'pending';
  return c.progress === 'declined' ? 'declined' : 'approved';
}

/**
 * 逾期: still owed after its requested date (北京时间), or completed after it. A declined request
 * is owed nothing.
 */
export function changeOverdue(
  c: Pick<ChangeRequest, 'dueOn' | 'progress' | 'completedAt'>,
  now: Date,
): boolean {
  if (c.progress === 'declined') return false;
  const day = c.completedAt ? shanghaiDateOf(c.completedAt) : shanghaiDateOf(now.toISOString());
  return day > c.dueOn;
}

/** Who may post which change event: the IT center decides and moves the date, the vendor works. */
export function mayPostChangeEvent(role: Role, type: ChangeEventType): string | null {
  if (type === 'change-progress')
    return isVendorRole(role) ? null : '只有厂商人员可以登记需求变更的实施进度';
  return role === 'hospital-it' ? null : '只有医院信息中心可以审批需求变更或修改要求完成日期';
}

/**
 * One change event applied to a request: the next request, or why not (in Chinese: the person
 * who pressed the button reads it). A decision is taken once; the vendor starts and finishes only
 * what was approved; a finished or declined request keeps its date. Pure.
 */
export function applyChangeEvent(
  c: ChangeRequest,
  event: ChangeEvent,
  by: ChangeDecider,
  now: Date,
  reportedAt: string,
): { change: ChangeRequest } | Refusal {
  const refuse = (refused: string, kind: Refusal['kind'], path: string): Refusal => ({
    refused,
    kind,
    path,
  });
  const at = now.toISOString();
  switch (event.type) {
    case 'change-approval': {
      if (c.progress !== 'pending')
        return refuse(
          `该需求${changeApprovalNamesZh[changeApproval(c)]}，不能再次审批`,
          'conflict',
          'type',
        );
      const reason = event.reason?.trim() ?? '';
      if (event.decision === 'decline' && !reason)
        return refuse('拒绝需求变更须填写原因', 'invalid', 'reason');
      const approved = event.decision === 'approve';
      return {
        change: {
          ...c,
          progress: approved ? 'approved' : 'declined',
          decision: { approved, reason: approved ? null : reason, by, at },
        },
      };
    }
    case 'change-progress': {
      if (c.progress === 'pending')
        return refuse('需求变更尚未批准，不能开始实施', 'conflict', 'progress');
      if (c.progress === 'declined')
        return refuse('该需求已被拒绝，不能实施', 'conflict', 'progress');
      if (c.progress === 'done') return refuse('该需求已完成', 'conflict', 'progress');
      if (c.progress === event.progress) return refuse('该需求已在实施中', 'conflict', 'progress');
      return {
        change: {
          ...c,
          progress: event.progress,
          completedAt: event.progress === 'done' ? at : null,
        },
      };
    }
    case 'change-due-date': {
      if (!isIsoDate(event.dueOn)) return refuse('要求完成日期不是有效日期', 'invalid', 'dueOn');
      if (event.dueOn < shanghaiDateOf(reportedAt))
        return refuse('要求完成日期不能早于提出日期', 'invalid', 'dueOn');
      if (c.progress === 'done' || c.progress === 'declined')
        return refuse(
          `该需求${changeProgressNamesZh[c.progress]}，不能再改要求完成日期`,
          'conflict',
          'dueOn',
        );
      if (event.dueOn === c.dueOn) return refuse('要求完成日期没有变化', 'invalid', 'dueOn');
      return { change: { ...c, dueOn: event.dueOn } };
    }
  }
}
