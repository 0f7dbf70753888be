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

/** What a deadline is, as the API names it (响应超时扣款, 响应时限, …); in English by its kind. */
export interface DeadlineOf {
  kind: 'sla' | 'deduction';
  clock: 'response' | 'on-site' | 'resolution';
  name: string;
}

export function useDeadlineName(): (d: DeadlineOf) => string {
  const { t, locale } = useLocale();
  return (d) =>
    locale === 'en'
      ? (t.tickets.deadlineKinds[d.kind === 'deduction' ? 'deduction' : d.clock] ?? d.name)
      : d.name;
}

/**
 * A clock's state and its countdown (time left, or late by), ticking each second. A deduction's
 * threshold reads 即将扣款 / 已扣款 instead of 即将超时 / 已超时: passing it costs money, it does not
 * break the SLA.
 */
export function ClockCountdown({
  clock,
  testId,
  money = false,
  label,
}: {
  clock: ClockFacts;
  testId?: string;
  money?: boolean;
  /** The deadline's name, written before the state. */
  label?: string;
}) {
  const { t, locale } = useLocale();
  const now = useNow();
  const state = clockStateAt(clock, now);
  const margin = marginAt(clock, now);
  const words = money ? t.tickets.moneyStates : t.tickets.states;
  const text =
    margin === null ? t.tickets.noDeadline : formatCountdown(margin, locale === 'en' ? 'd' : '天');
  const body = clock.completedAt === null ? `${words[state]} ${text}` : words[state];
  return (
    <Tag
      color={stateColor[state]}
      data-testid={testId}
      data-state={state}
      data-kind={money ? 'deduction' : 'sla'}
      className="countdown"
      style={{ marginInlineEnd: 0 }}
    >
      {label ? `${label} · ${body}` : body}
    </Tag>
  );
}

/**
 * A queue row's countdown: the ticket's next deadline that costs money or breaks the SLA, with its
 * name. Every clock starts at the report time, so the at-risk point follows from the report and
 * the deadline alone.
 */
export function TicketCountdown({ ticket, testId }: { ticket: Ticket; testId?: string }) {
  const { t } = useLocale();
  const nameOf = useDeadlineName();
  if (ticket.kind !== 'fault') {
    return <Tag data-testid={testId}>{t.tickets.noDeadline}</Tag>;
  }
  // While paused every deadline moves, so there is no countdown; the ticket page says since when.
  if (ticket.pausedAt) {
    return (
      <Tag color="warning" data-testid={testId} data-state="paused">
        {t.slaPause.banner}
      </Tag>
    );
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
  const of = ticket.nextDeadlineFor;
  const countdown = (
    <ClockCountdown
      clock={{ startedAt: ticket.reportedAt, deadline: ticket.nextDeadline, completedAt: null }}
      money={of?.kind === 'deduction'}
      {...(testId ? { testId } : {})}
    />
  );
  if (!of) return countdown;
  // The name on its own line keeps the column as narrow as the countdown (a phone's queue).
  return (
    <div>
      <div
        className="nowrap"
        data-testid="next-deadline-name"
        style={{ fontSize: 12, color: of.kind === 'deduction' ? '#cf1322' : undefined }}
      >
        {nameOf(of)}
      </div>
      {countdown}
    </div>
  );
}
