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
});
