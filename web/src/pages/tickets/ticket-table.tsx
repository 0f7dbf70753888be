import { Grid, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useHospitalNames } from '../../api/queries.ts';
import type { Ticket } from '../../api/ticket-queries.ts';
import { SeverityTag, StatusTag, TicketCountdown } from '../../components/sla-tags.tsx';
import { formatShanghai } from '../../format/format.ts';
import type { Sheet } from '../../export/xlsx.ts';
import type { Messages } from '../../i18n/messages.ts';
import { useT } from '../../i18n/locale.tsx';
import { changeOverdue } from '@weibao/domain/tickets/change-request';
import { ChangeTags } from './change-card.tsx';

export const ticketPath = (t: Pick<Ticket, 'hospitalId' | 'id'>) =>
  `/hospitals/${encodeURIComponent(t.hospitalId)}/tickets/${t.id}`;

/** Dense ticket rows: countdown first (the queue's order), then number, severity, state. */
export function TicketTable({
  tickets,
  emptyText,
  showHospital,
  testId,
}: {
  tickets: Ticket[];
  emptyText: string;
  /** A column naming each ticket's hospital (read by id), for lists across hospitals. */
  showHospital: boolean;
  testId: string;
}) {
  const t = useT();
  // On a phone the title, the hospital and the tags ride under the number: two columns fit
  // 390 px and two fatal tickets still read differently; the hospital column leaves below md.
  const screens = Grid.useBreakpoint();
  const narrow = !screens.sm;
  const hospitalUnderNumber = showHospital && !screens.md;
  const { nameOf } = useHospitalNames(showHospital ? tickets.map((x) => x.hospitalId) : []);
  const columns: TableColumnsType<Ticket> = [
    {
      title: t.tickets.countdown,
      key: 'countdown',
      width: 130,
      render: (_, ticket) => <TicketCountdown ticket={ticket} testId="ticket-countdown" />,
    },
    {
      title: narrow ? t.ledger.ticket : t.tickets.number,
      key: 'number',
      width: narrow ? undefined : 150,
      render: (_, ticket) => (
        <div className={narrow ? 'ticket-cell-narrow' : undefined}>
          <Link to={ticketPath(ticket)} className="nowrap" data-testid="ticket-link">
            {ticket.number}
          </Link>
          {narrow ? (
            <div className="two-lines" data-testid="ticket-title">
              {ticket.title}
            </div>
          ) : null}
          {hospitalUnderNumber ? (
            <Typography.Text type="secondary" data-testid="ticket-hospital">
              {nameOf(ticket.hospitalId)}
            </Typography.Text>
          ) : null}
          {narrow ? (
            <div>
              <SeverityTag severity={ticket.severity} /> <StatusTag status={ticket.status} />
              {ticket.change ? <ChangeTags change={ticket.change} now={new Date()} /> : null}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t.tickets.severity,
      key: 'severity',
      width: 90,
      responsive: ['sm'],
      render: (_, ticket) => <SeverityTag severity={ticket.severity} />,
    },
    ...(showHospital
      ? [
          {
            title: t.tickets.hospital,
            key: 'hospital',
            width: 150,
            responsive: ['md' as const],
            render: (_: unknown, ticket: Ticket) => nameOf(ticket.hospitalId),
          },
        ]
      : []),
    {
      title: t.tickets.title,
      key: 'title',
      ellipsis: true,
      responsive: ['sm'],
      render: (_, ticket) => <Typography.Text>{ticket.title}</Typography.Text>,
    },
    {
      title: t.tickets.status,
      key: 'status',
      width: 90,
      responsive: ['sm'],
      render: (_, ticket) => (
        <>
          <StatusTag status={ticket.status} />
          {ticket.change ? <ChangeTags change={ticket.change} now={new Date()} /> : null}
        </>
      ),
    },
    {
      title: t.tickets.reportedAt,
      key: 'reportedAt',
      width: 160,
      responsive: ['lg'],
      render: (_, ticket) => <span className="nowrap">{formatShanghai(ticket.reportedAt)}</span>,
    },
    {
      title: t.tickets.assignee,
      key: 'assignee',
      width: 100,
      responsive: ['xl'],
      render: (_, ticket) => ticket.assignee?.name ?? '—',
    },
  ];
  return (
    <Table<Ticket>
      size="small"
      rowKey="id"
      scroll={{ x: 'max-content' }}
      columns={columns}
      dataSource={tickets}
      pagination={tickets.length > 50 ? { pageSize: 50, size: 'small' } : false}
      locale={{ emptyText }}
      data-testid={testId}
    />
  );
}

/** The tickets a list shows, as the Excel export writes them: business names only. */
export function ticketSheet(
  tickets: Ticket[],
  t: Messages,
  hospitalName: (id: string) => string,
): Sheet {
  return {
    name: t.nav.tickets,
    columns: [
      { header: t.tickets.number, width: 18 },
      { header: t.tickets.title, width: 40 },
      { header: t.tickets.hospital, width: 20 },
      { header: t.tickets.severity, width: 10 },
      { header: t.tickets.status, width: 10 },
      { header: t.tickets.reportedAt, width: 20 },
      { header: t.tickets.assignee, width: 12 },
      { header: t.changes.progress, width: 14 },
      { header: t.tickets.nextDue, width: 16 },
      { header: t.tickets.deadline, width: 20 },
    ],
    rows: tickets.map((x) => [
      x.number,
      x.title,
      hospitalName(x.hospitalId),
      t.severities[x.severity],
      t.tickets.statuses[x.status] ?? x.status,
      formatShanghai(x.reportedAt),
      x.assignee?.name ?? '',
      x.change
        ? `${t.changes.progresses[x.change.progress]}${changeOverdue(x.change, new Date()) ? `（${t.changes.overdue}）` : ''}`
        : '',
      x.nextDeadlineFor?.name ?? '',
      x.nextDeadline ? formatShanghai(x.nextDeadline) : '',
    ]),
  };
}
