import type { Messages } from '../i18n/messages.ts';

/**
 * An audit action as people read it: 创建工单, 工单响应, 登记付款 … The use cases write machine
 * names (`ticket.response`, `payment.paid`, `evaluation.enter.serviceLevel`); a name no label knows
 * reads 其他操作, never the machine name (audit-labels.test.ts finds every name the code writes).
 */
export function auditActionLabel(action: string, t: Messages): string {
  const fixed = t.audit.actions[action];
  if (fixed) return fixed;
  const [family, ...rest] = action.split('.');
  const tail = rest.join('.');
  const label =
    family === 'ticket'
      ? (t.tickets.events[tail] ?? t.changes.events[tail]) &&
        t.audit.ticketEvent(t.tickets.events[tail] ?? t.changes.events[tail] ?? '')
      : family === 'payment'
        ? t.audit.paymentActions[tail]
        : family === 'evaluation' && rest[0] === 'enter'
          ? t.audit.evaluationSections[rest[1] ?? '']
          : family === 'evaluation' && rest[0] === 'dispute'
            ? t.audit.evaluationDisputeActions[rest[1] ?? '']
            : family === 'ledger' && rest[0] === 'dispute'
              ? t.audit.disputeActions[rest[1] ?? '']
              : undefined;
  return label ?? t.audit.otherAction;
}

type Snapshot = Record<string, unknown> | null;

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/**
 * What the record is about, by its business name from the record itself (a ticket's number, a
 * contract's or hospital's name, a notice's title, a calendar year), beside its kind; null when the
 * record names none, and the kind stands alone: internal ids stay off the page.
 */
export function auditEntityName(
  entity: { type: string; id: string },
  before: unknown,
  after: unknown,
): string | null {
  const of = (after ?? before) as Snapshot;
  if (!of || typeof of !== 'object') return entity.type === 'calendar-year' ? entity.id : null;
  const terms = of.terms as Snapshot;
  return (
    text(of.number) ??
    text(of.name) ??
    text(of.title) ??
    (terms && typeof terms === 'object' ? text(terms.name) : null) ??
    (entity.type === 'calendar-year' ? entity.id : null)
  );
}
