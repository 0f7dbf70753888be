import type { TicketStatus } from './ticket.ts';

/** The status after an event: progress only moves forward until a reopen. */
export function statusAfter(
  current: TicketStatus,
  event: 'response' | 'on-site-arrival' | 'resolution' | 'close' | 'reopen',
): TicketStatus | { refused: string } {
  const order: TicketStatus[] = ['new', 'responded', 'on-site', 'resolved', 'closed'];
  const at = order.indexOf(current);
  switch (event) {
    case 'response':
      if (current === 'closed') return { refused: 'the ticket is closed; reopen it first' };
      return at < 1 ? 'responded' : current;
    case 'on-site-arrival':
      if (at >= 3) return { refused: 'the ticket is resolved already' };
      return 'on-site';
    case 'resolution':
      if (current === 'closed') return { refused: 'the ticket is closed' };
      return 'resolved';
    case 'close':
      if (current !== 'resolved') return { refused: 'only a resolved ticket can be closed' };
      return 'closed';
    case 'reopen':
      if (at < 3) return { refused: 'only a resolved or closed ticket can be reopened' };
      return 'responded';
  }
}
