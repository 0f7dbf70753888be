import { describe, expect, it } from 'vitest';
import { statusAfter } from './ticket-status.ts';
import { ticketNumber, ticketNumberPattern } from './ticket.ts';

describe('ticket status', () => {
  it('moves a new ticket to responded on the first response and keeps later states', () => {
    expect(statusAfter('new', 'response')).toBe('responded');
    expect(statusAfter('on-site', 'response')).toBe('on-site');
  });

  it('closes only a resolved ticket and reopens only a resolved or closed one', () => {
    expect(statusAfter('responded', 'close')).toEqual({
      refused: 'only a resolved ticket can be closed',
    });
    expect(statusAfter('resolved', 'close')).toBe('closed');
    expect(statusAfter('closed', 'reopen')).toBe('responded');
    expect(statusAfter('new', 'reopen')).toHaveProperty('refused');
  });
});

describe('ticket numbers', () => {
  it('pads the sequence to five digits and is found again in a subject', () => {
    const n = ticketNumber('WHZX', 2026, 42);
    expect(n).toBe('WHZX-2026-00042');
    expect(`回复：【${n}】系统宕机`.match(ticketNumberPattern)?.[0]).toBe(n);
  });
});
