import { Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TicketWithSla } from '../../api/ticket-queries.ts';
import { ClockCountdown, useDeadlineName } from '../../components/sla-tags.tsx';
import { formatBp, formatCny, formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { nextDeadlineAt } from '../../sla/countdown.ts';
import { useNow } from '../../sla/use-now.ts';

type Deadlines = NonNullable<TicketWithSla['deadlines']>;
type Deadline = Deadlines['deadlines'][number];

/**
 * The ticket's deadlines on one clock, the next one that costs money or breaks the SLA first: for a
 * serious fault 响应超时扣款 at 60 minutes before 响应时限 at 2 hours. The next one is worked out
 * again each second from the API's list, so a deduction that passes gives way to the next target
 * without waiting for a refetch. It is the ticket's only clock table: each SLA target's row carries
 * its clock's countdown and when it was met.
 */
export function DeadlinesCard({
  deadlines,
  reportedAt,
}: {
  deadlines: Deadlines;
  reportedAt: string;
}) {
  const t = useT();
  const now = useNow();
  const nameOf = useDeadlineName();
  const next = nextDeadlineAt(deadlines.deadlines, now);
  const clockOf = (d: Deadline) => ({
    startedAt: reportedAt,
    deadline: d.deadline,
    atRiskFrom: d.atRiskFrom,
    completedAt: d.completedAt,
  });
  const consequence = (d: Deadline) =>
    d.whenPassed.state === 'deducted'
      ? t.tickets.deductsAmount(
          d.whenPassed.amountFen === null ? '—' : formatCny(d.whenPassed.amountFen),
          formatBp(d.whenPassed.rateBp),
        )
      : t.tickets.breachesSla;
  const columns: TableColumnsType<Deadline> = [
    {
      title: t.tickets.clock,
      key: 'name',
      render: (_, d) => <span className="nowrap">{nameOf(d)}</span>,
    },
    {
      title: t.tickets.countdown,
      key: 'countdown',
      width: 150,
      // An SLA target's countdown is its clock's (clock-response, …): the one state to read.
      render: (_, d) =>
        // While paused the deadline moves with the pause: no countdown runs toward it.
        d.paused && d.completedAt === null ? (
          <Tag
            color="warning"
            data-testid={d.kind === 'sla' ? `clock-${d.clock}` : 'deadline-state'}
          >
            {t.slaPause.pausedTag}
          </Tag>
        ) : (
          <ClockCountdown
            clock={clockOf(d)}
            money={d.kind === 'deduction'}
            testId={d.kind === 'sla' ? `clock-${d.clock}` : 'deadline-state'}
          />
        ),
    },
    {
      title: t.tickets.deadline,
      key: 'deadline',
      responsive: ['sm'],
      render: (_, d) => <span className="nowrap">{formatShanghai(d.deadline)}</span>,
    },
    {
      title: t.tickets.whenPassed,
      key: 'passed',
      responsive: ['md'],
      render: (_, d) => consequence(d),
    },
    {
      title: t.tickets.completedAt,
      key: 'completed',
      responsive: ['lg'],
      render: (_, d) => (
        <span className="nowrap">{d.completedAt ? formatShanghai(d.completedAt) : '—'}</span>
      ),
    },
  ];
  return (
    <Card size="small" title={t.tickets.deadlines} data-testid="deadlines-card">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {next ? (
          <div
            data-testid="next-deadline"
            data-kind={next.kind}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}
          >
            <Typography.Text type="secondary">{t.tickets.nextDue}</Typography.Text>
            <Typography.Text
              strong
              data-testid="next-deadline-name"
              type={next.kind === 'deduction' ? 'danger' : undefined}
            >
              {nameOf(next)}
            </Typography.Text>
            <ClockCountdown
              clock={clockOf(next)}
              money={next.kind === 'deduction'}
              testId="next-deadline-countdown"
            />
            <Typography.Text data-testid="next-deadline-at" className="nowrap">
              {t.tickets.dueAt(formatShanghai(next.deadline))}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t.tickets.whenPassed}：{consequence(next)}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary" data-testid="next-deadline">
            {deadlines.deadlines.some((d) => d.paused && d.completedAt === null)
              ? t.slaPause.banner
              : t.tickets.noNextDue}
          </Typography.Text>
        )}
        <Table<Deadline>
          size="small"
          rowKey={(d) => `${d.kind}:${d.ruleId ?? d.clock}`}
          columns={columns}
          dataSource={deadlines.deadlines}
          pagination={false}
          data-testid="deadline-table"
        />
      </Space>
    </Card>
  );
}
