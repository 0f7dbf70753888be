import { describe, expect, it } from 'vitest';
import { actionsFor } from './ticket-actions.ts';

const open = { status: 'new', kind: 'fault', attribution: null, onSiteRequestedAt: null } as const;

describe('what each role may record on a ticket', () => {
  it('lets the engineer respond to a new fault, go on site, resolve, comment, re-grade and attribute it', () => {
    expect(actionsFor('support-engineer', open)).toEqual([
      'response',
      'on-site-request',
      'on-site-arrival',
      'resolution',
      'comment',
      'severity-change',
      'attribution',
    ]);
  });

  it('offers no second response, and closing and reopening only once resolved', () => {
    const responded = actionsFor('support-engineer', { ...open, status: 'responded' });
    expect(responded).not.toContain('response');
    expect(responded).not.toContain('close');
    const resolved = actionsFor('service-manager', { ...open, status: 'resolved' });
    expect(resolved).toContain('close');
    expect(resolved).toContain('reopen');
    expect(resolved).not.toContain('resolution');
  });

  it('lets hospital users only comment, close a resolved ticket and reopen it; the auditor only reads', () => {
    expect(actionsFor('hospital-it', open)).toEqual(['comment']);
    expect(actionsFor('hospital-dept', { ...open, status: 'resolved' })).toEqual([
      'comment',
      'close',
      'reopen',
    ]);
    expect(actionsFor('auditor', { ...open, status: 'resolved' })).toEqual([]);
  });

  it('attributes a fault once', () => {
    const attributed = {
      ...open,
      attribution: {
        eventSeq: 3,
        decidedAt: '2026-03-02T01:00:00Z',
        cause: 'vendor' as const,
        subsystemId: 's1',
        advanceNoticeId: null,
      },
    };
    expect(actionsFor('vendor-admin', attributed)).not.toContain('attribution');
  });

  it('lets the IT center approve or decline a waiting change request and move its date, and vendor staff start and finish only approved work', () => {
    const change = (progress: 'pending' | 'approved' | 'in-progress' | 'done' | 'declined') => ({
      ...open,
      kind: 'change-request' as const,
      change: { dueOn: '2026-06-30', progress, decision: null, completedAt: null },
    });
    expect(actionsFor('hospital-it', change('pending'))).toEqual([
      'change-approve',
      'change-decline',
      'change-due-date',
      'comment',
    ]);
    expect(actionsFor('hospital-it', change('approved'))).toEqual(['change-due-date', 'comment']);
    expect(actionsFor('hospital-it', change('declined'))).toEqual(['comment']);
    expect(actionsFor('hospital-dept', change('pending'))).toEqual(['comment']);
    expect(actionsFor('support-engineer', change('pending'))).not.toContain('change-start');
    expect(actionsFor('support-engineer', change('approved'))[0]).toBe('change-start');
    expect(actionsFor('support-engineer', change('in-progress'))[0]).toBe('change-finish');
    expect(actionsFor('support-engineer', change('done'))).not.toContain('change-finish');
    // A fault never shows them
    expect(actionsFor('hospital-it', open)).toEqual(['comment']);
  });

  it('offers 暂停计时 only where the contract allows it, to engineers and the service manager; while paused, resume to them and 异议 to the hospital', () => {
    const paused = { ...open, pausedAt: '2026-03-02T01:00:00.000Z' };
    expect(actionsFor('support-engineer', open)).not.toContain('pause');
    expect(actionsFor('support-engineer', open, true)).toContain('pause');
    expect(actionsFor('service-manager', open, true)).toContain('pause');
    expect(actionsFor('vendor-admin', open, true)).not.toContain('pause');
    expect(actionsFor('hospital-it', open, true)).toEqual(['comment']);
    expect(actionsFor('support-engineer', { ...open, status: 'resolved' }, true)).not.toContain(
      'pause',
    );
    expect(actionsFor('support-engineer', paused, true)).toContain('resume');
    expect(actionsFor('support-engineer', paused, true)).not.toContain('pause');
    expect(actionsFor('hospital-dept', paused, true)).toEqual(['pause-objection', 'comment']);
  });
});
