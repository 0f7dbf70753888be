import { Tag } from 'antd';
import type { Severity } from '@weibao/domain/contract';
import type { Ticket } from '../api/ticket-queries.ts';
import { useLocale } from '../i18n/locale.tsx';
import {
  clockStateAt,
  formatCountdown,
  marginAt,
  type ClockFacts,
  type ClockState,
} from '../sla/countdown.ts';
import { useNow } from '../sla/use-now.ts';

export const severityColor: Record<Severity, string> = {
  fatal: 'red',
  serious: 'orange',
  minor: 'blue',
};

export const stateColor: Record<ClockState, string> = {
  pending: 'processing',
  'at-risk': 'warning',
  breached: 'error',
  met: 'success',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useLocale();
  return (
    <Tag color={severityColor[severity]} style={{ marginInlineEnd: 0 }}>
      {t.severities[severity]}
    </Tag>
  );
}

export function StatusTag({ status }: { status: Ticket['status'] }) {
  const { t } = useLocale();
  const color =
    status === 'new' ? 'gold' : status === 'closed' || status === 'resolved' ? 'default' : 'cyan';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {t.tickets.statuses[status] ?? status}
    </Tag>
  );
}

/** A clock's state and its countdown (time left, or late by), ticking each second. */
export function ClockCountdown({ clock, testId }: { clock: ClockFacts; testId?: string }) {
  const { t, locale } = useLocale();
  const now = useNow();
  const state = clockStateAt(clock, now);
  const margin = marginAt(clock, now);
  const text =
    margin === null ? t.tickets.noDeadline : formatCountdown(margin, locale === 'en' ? 'd' : '天');
  return (
    <Tag
      color={stateColor[state]}
      data-testid={testId}
      data-state={state}
      className="countdown"
      style={{ marginInlineEnd: 0 }}
    >
      {clock.completedAt === null ? `${t.tickets.states[state]} ${text}` : t.tickets.states[state]}
    </Tag>
  );
}

/**
 * A queue row's countdown: the ticket's next deadline. Every clock starts at the report time, so
 * the at-risk point follows from the report and the deadline alone.
 */
export function TicketCountdown({ ticket, testId }: { ticket: Ticket; testId?: string }) {
  const { t } = useLocale();
  if (ticket.kind !== 'fault') {
    return <Tag data-testid={testId}>{t.tickets.noDeadline}</Tag>;
  }
  if (ticket.nextDeadline === null) {
    const breached = ticket.slaMarks.some((m) => m.endsWith(':breach'));
    return (
      <Tag
        color={breached ? 'error' : 'success'}
        data-testid={testId}
        data-state={breached ? 'breached' : 'met'}
      >
        {breached ? t.tickets.states.breached : t.tickets.allClocksDone}
      </Tag>
    );
  }
  return (
    <ClockCountdown
      clock={{ startedAt: ticket.reportedAt, deadline: ticket.nextDeadline, completedAt: null }}
      {...(testId ? { testId } : {})}
    />
  );
}
