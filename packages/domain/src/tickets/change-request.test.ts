import { describe, expect, it } from 'vitest';
import {
  applyChangeEvent,
  changeApproval,
  changeOverdue,
  isChangeKind,
  mayPostChangeEvent,
  newChangeRequest,
  type ChangeRequest,
} from './change-request.ts';

const it_ = { sub: 'it-1', email: 'it@whch.example', name: '张敏' };
const now = new Date('2026-05-10T02:00:00Z');
const reportedAt = '2026-05-08T01:00:00Z';
const apply = (c: ChangeRequest, e: Parameters<typeof applyChangeEvent>[1]) =>
  applyChangeEvent(c, e, it_, now, reportedAt);
const ok = (r: ReturnType<typeof apply>): ChangeRequest => {
  if ('refused' in r) throw new Error(r.refused);
  return r.change;
};

describe('change requests (需求变更)', () => {
  it('are the change-request and template-change kinds only, never a fault', () => {
    expect(isChangeKind('change-request')).toBe(true);
    expect(isChangeKind('template-change')).toBe(true);
    expect(isChangeKind('fault')).toBe(false);
    expect(isChangeKind('consultation')).toBe(false);
  });

  it('approval by the IT center moves 待审批 to 已批准 and records who and when', () => {
    // Prepare
    const c = newChangeRequest('2026-05-31');
    expect(changeApproval(c)).toBe('pending');
    // Act
    const approved = ok(apply(c, { type: 'change-approval', decision: 'approve' }));
    // Assess
    expect(approved.progress).toBe('approved');
    expect(changeApproval(approved)).toBe('approved');
    expect(approved.decision).toEqual({
      approved: true,
      reason: null,
      by: it_,
      at: now.toISOString(),
    });
  });

  it('refuses a decline without a reason, and keeps the reason of one given', () => {
    const c = newChangeRequest('2026-05-31');
    expect(apply(c, { type: 'change-approval', decision: 'decline', reason: '  ' })).toEqual({
      refused: '拒绝需求变更须填写原因',
      kind: 'invalid',
      path: 'reason',
    });
    const declined = ok(
      apply(c, { type: 'change-approval', decision: 'decline', reason: '与医务处流程冲突' }),
    );
    expect(declined.progress).toBe('declined');
    expect(changeApproval(declined)).toBe('declined');
    expect(declined.decision?.reason).toBe('与医务处流程冲突');
  });

  it('decides once: a second approval or decline is refused', () => {
    const approved = ok(
      apply(newChangeRequest('2026-05-31'), { type: 'change-approval', decision: 'approve' }),
    );
    expect(
      apply(approved, { type: 'change-approval', decision: 'decline', reason: '改主意' }),
    ).toEqual({
      refused: '该需求已批准，不能再次审批',
      kind: 'conflict',
      path: 'type',
    });
  });

  it('refuses progress before approval and on a declined request; moves 已批准 → 实施中 → 已完成', () => {
    const pending = newChangeRequest('2026-05-31');
    expect(apply(pending, { type: 'change-progress', progress: 'in-progress' })).toMatchObject({
      refused: '需求变更尚未批准，不能开始实施',
      kind: 'conflict',
    });
    const declined = ok(
      apply(pending, { type: 'change-approval', decision: 'decline', reason: '不在维保范围' }),
    );
    expect(apply(declined, { type: 'change-progress', progress: 'done' })).toMatchObject({
      refused: '该需求已被拒绝，不能实施',
    });
    const approved = ok(apply(pending, { type: 'change-approval', decision: 'approve' }));
    const started = ok(apply(approved, { type: 'change-progress', progress: 'in-progress' }));
    expect(started.progress).toBe('in-progress');
    expect(started.completedAt).toBeNull();
    const done = ok(apply(started, { type: 'change-progress', progress: 'done' }));
    expect(done.progress).toBe('done');
    expect(done.completedAt).toBe(now.toISOString());
    expect(apply(done, { type: 'change-progress', progress: 'done' })).toMatchObject({
      refused: '该需求已完成',
    });
  });

  it('moves the requested date, but not before the report day, not to an impossible date, not after completion', () => {
    const c = newChangeRequest('2026-05-31');
    expect(ok(apply(c, { type: 'change-due-date', dueOn: '2026-06-15' })).dueOn).toBe('2026-06-15');
    expect(apply(c, { type: 'change-due-date', dueOn: '2026-05-07' })).toMatchObject({
      refused: '要求完成日期不能早于提出日期',
      path: 'dueOn',
    });
    expect(apply(c, { type: 'change-due-date', dueOn: '2026-02-30' })).toMatchObject({
      refused: '要求完成日期不是有效日期',
    });
    const done: ChangeRequest = { ...c, progress: 'done', completedAt: now.toISOString() };
    expect(apply(done, { type: 'change-due-date', dueOn: '2026-06-15' })).toMatchObject({
      refused: '该需求已完成，不能再改要求完成日期',
      kind: 'conflict',
    });
  });

  it('lets only the IT center decide and move the date, and only vendor staff record progress', () => {
    expect(mayPostChangeEvent('hospital-it', 'change-approval')).toBeNull();
    expect(mayPostChangeEvent('hospital-it', 'change-due-date')).toBeNull();
    expect(mayPostChangeEvent('hospital-dept', 'change-approval')).toMatch(/信息中心/);
    expect(mayPostChangeEvent('service-manager', 'change-approval')).toMatch(/信息中心/);
    expect(mayPostChangeEvent('support-engineer', 'change-progress')).toBeNull();
    expect(mayPostChangeEvent('hospital-it', 'change-progress')).toMatch(/厂商人员/);
  });

  it('is 逾期 after its requested 北京时间 day while owed or when finished late, never when declined', () => {
    const c = newChangeRequest('2026-05-31');
    // 2026-05-31T16:30Z is 06-01 00:30 in Beijing: the day has passed
    expect(changeOverdue(c, new Date('2026-05-31T15:59:00Z'))).toBe(false);
    expect(changeOverdue(c, new Date('2026-05-31T16:30:00Z'))).toBe(true);
    expect(
      changeOverdue(
        { ...c, progress: 'done', completedAt: '2026-05-30T08:00:00Z' },
        new Date('2026-07-01T00:00:00Z'),
      ),
    ).toBe(false);
    expect(
      changeOverdue(
        { ...c, progress: 'done', completedAt: '2026-06-02T08:00:00Z' },
        new Date('2026-07-01T00:00:00Z'),
      ),
    ).toBe(true);
    expect(changeOverdue({ ...c, progress: 'declined' }, new Date('2026-07-01T00:00:00Z'))).toBe(
      false,
    );
  });
});
