import { describe, expect, it } from 'vitest';
import { reportTimeFromEmail } from './report-time.ts';

const receivedAt = '2026-03-02T01:15:00Z';

describe('the written report time of an email (书面报告错误之时)', () => {
  it('takes the Date header when it lies within 15 minutes before receipt', () => {
    // Act
    const t = reportTimeFromEmail({ dateHeader: 'Mon, 2 Mar 2026 09:00:00 +0800', receivedAt });
    // Assess
    expect(t).toEqual({
      reportedAt: '2026-03-02T01:00:00.000Z',
      source: 'date-header',
      rejected: null,
    });
  });

  it('takes the receipt time when the Date header is more than 15 minutes earlier', () => {
    // Act
    const t = reportTimeFromEmail({ dateHeader: '2026-03-02T00:59:59Z', receivedAt });
    // Assess
    expect(t).toEqual({
      reportedAt: '2026-03-02T01:15:00.000Z',
      source: 'receipt',
      rejected: 'too-early',
    });
  });

  it('takes the receipt time when the Date header lies after receipt (a sender clock running fast)', () => {
    // Act
    const t = reportTimeFromEmail({ dateHeader: '2026-03-02T01:15:00.001Z', receivedAt });
    // Assess
    expect(t.source).toBe('receipt');
    expect(t.rejected).toBe('after-receipt');
  });

  it('takes the receipt time when the Date header is missing or cannot be read', () => {
    // Act / Assess
    expect(reportTimeFromEmail({ dateHeader: null, receivedAt }).rejected).toBe('missing');
    expect(reportTimeFromEmail({ dateHeader: 'yesterday', receivedAt }).rejected).toBe(
      'unparseable',
    );
  });

  it('honours a contract’s own tolerance', () => {
    // Act
    const t = reportTimeFromEmail({ dateHeader: '2026-03-02T01:00:00Z', receivedAt }, 10);
    // Assess
    expect(t.source).toBe('receipt');
  });
});
