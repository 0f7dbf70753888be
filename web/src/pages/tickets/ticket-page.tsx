import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useContract, useCurrentUser, useHospital, useMayCall } from '../../api/queries.ts';
import {
  useNotices,
  usePostTicketEvent,
  useTicket,
  useTicketEvents,
  type TicketEvent,
} from '../../api/ticket-queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PrintButton, PrintStamp } from '../../components/print-button.tsx';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { SeverityTag, StatusTag } from '../../components/sla-tags.tsx';
import { formatCny, formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { hospitalCrumbs } from '../hospital-page.tsx';
import { isChangeKind } from '@weibao/domain/tickets/change-request';
import { ChangeCard } from './change-card.tsx';
import { DeadlinesCard } from './deadlines-card.tsx';
import { EventForm } from './event-form.tsx';
import { actionsFor, type ActionType } from './ticket-actions.ts';
import { PersonName } from '../../components/person-name.tsx';
import { EventAttachments } from './event-attachments.tsx';
import { ticketPath } from './ticket-table.tsx';
import { PauseBanner, pauseLengthOf } from './pause-banner.tsx';
import { pausedTimeZh } from '@weibao/domain/sla/sla-pause';

const vendorRoles = new Set(['vendor-admin', 'service-manager', 'support-engineer']);

/** The words of an event, as plain text: whatever a person or an email wrote is never HTML here. */
function EventBody({ event }: { event: TicketEvent }) {
  const t = useT();
  const d = event.data;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const lines: string[] = [];
  if (event.type === 'severity-change' && typeof d.severity === 'string') {
    const from = str('from');
    lines.push(
      `${from ? `${t.severities[from as 'fatal'] ?? from} → ` : ''}${t.severities[d.severity as 'fatal'] ?? d.severity}`,
    );
  }
  if (event.type === 'attribution' && typeof d.cause === 'string') {
    lines.push(`${t.tickets.cause}：${t.tickets.causes[d.cause] ?? d.cause}`);
  }
  if (event.type === 'assignment' && d.assignee && typeof d.assignee === 'object') {
    const name = (d.assignee as { name?: unknown }).name;
    if (typeof name === 'string')
      lines.push(
        `${t.tickets.assignee}：${name}${d.basis === 'first-response' ? t.tickets.firstResponder : ''}`,
      );
  }
  if (event.type === 'deduction' && typeof d.amountFen === 'number') {
    lines.push(formatCny(d.amountFen));
  }
  if (
    (event.type === 'sla-breach' || event.type === 'sla-at-risk') &&
    typeof d.clock === 'string'
  ) {
    lines.push(
      `${t.tickets.clockKinds[d.clock] ?? d.clock} · ${t.tickets.deadline} ${formatShanghai(str('deadline') ?? '')}`,
    );
  }
  if (event.type === 'change-approval' && typeof d.decision === 'string')
    lines.push(t.changes.decisions[d.decision] ?? '');
  if (event.type === 'change-progress' && typeof d.progress === 'string')
    lines.push(t.changes.progresses[d.progress] ?? '');
  if (event.type === 'change-due-date' && typeof d.dueOn === 'string')
    lines.push(`${t.changes.dueOn}：${str('from') ? `${str('from')} → ` : ''}${d.dueOn}`);
  if (event.type === 'created' && typeof d.dueOn === 'string')
    lines.push(`${t.changes.dueOn}：${d.dueOn}`);
  const paused = pauseLengthOf(event);
  if (paused !== null) lines.push(t.slaPause.pausedFor(pausedTimeZh(paused)));
  for (const k of ['text', 'reason', 'note', 'title', 'servicePack']) {
    const v = str(k);
    if (v) lines.push(v);
  }
  const separate = event.type === 'linked-report' ? str('ticketId') : null;
  // A joining report's own words; 仍然新建's event names the other ticket instead (below).
  if (event.type === 'linked-report' && !separate && str('description'))
    lines.push(str('description') ?? '');
  const where = [str('campus'), str('place')].filter(Boolean).join(' · ');
  if (event.type === 'linked-report' && where) lines.push(`${t.tickets.where}：${where}`);
  const phone = str('contactPhone');
  if (event.type === 'linked-report' && phone) lines.push(`${t.tickets.contactPhone}：${phone}`);
  return (
    <>
      {lines.length ? <div className="pre-text">{lines.join('\n')}</div> : null}
      {separate ? (
        <Link to={ticketPath({ hospitalId: event.hospitalId, id: separate })}>
          {t.tickets.reportedSeparately(str('number') ?? '')}
        </Link>
      ) : null}
      <EventAttachments hospitalId={event.hospitalId} ticketId={event.ticketId} data={d} />
    </>
  );
}

export function TicketPage() {
  const t = useT();
  const { hospitalId = '', ticketId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const isVendor = vendorRoles.has(me.role);
  const hospital = useHospital(hospitalId);
  const ticket = useTicket(hospitalId, ticketId);
  const claim = usePostTicketEvent(hospitalId, ticketId);
  const events = useTicketEvents(hospitalId, ticketId);
  const contract = useContract(
    hospitalId,
    ticket.data?.ticket.contractId ?? '',
    Boolean(ticket.data),
  );
  const notices = useNotices(hospitalId, isVendor);
  const [action, setAction] = useState<ActionType | null>(null);

  if (ticket.isPending) return <PageLoading />;
  if (ticket.isError)
    return <QueryError error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const { ticket: tk, deadlines } = ticket.data;
  const subsystem = contract.data?.terms.subsystems.find((s) => s.id === tk.subsystemId);
  const actions = actionsFor(me.role, tk, contract.data?.terms.slaPause?.allowed === true);
  const labels: Record<ActionType, string> = {
    response: t.tickets.respond,
    'on-site-request': t.tickets.onSiteRequest,
    'on-site-arrival': t.tickets.onSiteArrival,
    resolution: t.tickets.resolve,
    comment: t.tickets.comment,
    'severity-change': t.tickets.changeSeverity,
    attribution: t.tickets.attribute,
    close: t.tickets.close,
    reopen: t.tickets.reopen,
    'change-approve': t.changes.approve,
    'change-decline': t.changes.decline,
    'change-due-date': t.changes.moveDueOn,
    'change-start': t.changes.start,
    'change-finish': t.changes.finish,
    pause: t.slaPause.pause,
    resume: t.slaPause.resume,
    'pause-objection': t.slaPause.object,
  };
  const crumbs = [
    ...hospitalCrumbs(me.hospitalId === null, t, hospital.data),
    { title: t.nav.tickets, to: `/hospitals/${encodeURIComponent(hospitalId)}/tickets` },
  ];

  return (
    <>
      <PageHeader
        title={<span data-testid="ticket-number">{tk.number}</span>}
        crumbs={crumbs}
        tags={
          <>
            <SeverityTag severity={tk.severity} />
            <StatusTag status={tk.status} />
            {tk.deductionIds.length > 0 ? <Tag color="red">{t.tickets.deductions}</Tag> : null}
          </>
        }
        extra={<PrintButton />}
      />
      <PrintStamp subject={`${hospital.data?.name ?? ''} · ${tk.number}`} />
      <div className="two-columns">
        <Space orientation="vertical" size={12} style={{ width: '100%', minWidth: 0 }}>
          <PauseBanner ticket={tk} events={events.data} isHospital={!isVendor} />
          {deadlines ? <DeadlinesCard deadlines={deadlines} reportedAt={tk.reportedAt} /> : null}
          {isChangeKind(tk.kind) ? <ChangeCard ticket={tk} /> : null}
          <Card size="small" title={tk.title} data-testid="ticket-card">
            <Typography.Paragraph
              className="pre-text"
              data-testid="ticket-description"
              style={{ marginBottom: 12 }}
            >
              {tk.description}
            </Typography.Paragraph>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'hospital',
                  label: t.tickets.hospital,
                  children: hospital.data?.name ?? hospitalId,
                },
                {
                  key: 'kind',
                  label: t.tickets.kind,
                  children: t.tickets.kinds[tk.kind] ?? tk.kind,
                },
                {
                  key: 'channel',
                  label: t.tickets.channel,
                  children: t.tickets.channels[tk.channel] ?? tk.channel,
                },
                {
                  key: 'subsystem',
                  label: t.tickets.subsystem,
                  children: subsystem?.name ?? tk.subsystemId ?? '—',
                },
                { key: 'reporter', label: t.tickets.reporter, children: tk.reporter.name },
                ...(tk.reporter.phone
                  ? [{ key: 'phone', label: t.tickets.contactPhone, children: tk.reporter.phone }]
                  : []),
                ...(tk.campus
                  ? [{ key: 'campus', label: t.tickets.campus, children: tk.campus }]
                  : []),
                ...(tk.place ? [{ key: 'place', label: t.tickets.place, children: tk.place }] : []),
                ...(tk.relatedTicket
                  ? [
                      {
                        key: 'related',
                        label: t.tickets.relatedTicket,
                        children: (
                          <Link to={ticketPath({ hospitalId, id: tk.relatedTicket.id })}>
                            {tk.relatedTicket.number}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'reported',
                  label: t.tickets.reportedAt,
                  children: formatShanghai(tk.reportedAt),
                },
                { key: 'assignee', label: t.tickets.assignee, children: tk.assignee?.name ?? '—' },
                {
                  key: 'attribution',
                  label: t.tickets.attribute,
                  children: tk.attribution ? t.tickets.causes[tk.attribution.cause] : '—',
                },
              ]}
            />
          </Card>
          <Card size="small" title={t.tickets.timeline}>
            {events.isPending ? (
              <PageLoading rows={3} />
            ) : events.isError ? (
              <QueryError error={events.error} onRetry={() => void events.refetch()} />
            ) : (
              <Timeline
                data-testid="timeline"
                items={events.data.map((e) => ({
                  key: e.seq,
                  color:
                    e.type === 'sla-breach' || e.type === 'deduction'
                      ? 'red'
                      : e.actor
                        ? 'blue'
                        : 'gray',
                  content: (
                    <div>
                      <Space size={6} wrap>
                        <Typography.Text strong>
                          {(isChangeKind(tk.kind) ? t.changes.events[e.type] : undefined) ??
                            t.tickets.events[e.type] ??
                            t.changes.events[e.type] ??
                            e.type}
                        </Typography.Text>
                        <Typography.Text type="secondary">{formatShanghai(e.at)}</Typography.Text>
                        <Typography.Text type="secondary">
                          <PersonName who={e.actor} fallback={t.tickets.system} />
                        </Typography.Text>
                        {e.visibility === 'internal' ? <Tag>{t.tickets.internal}</Tag> : null}
                        {e.data.unverified === true ? (
                          <Tag color="orange" title={t.tickets.unverifiedHint}>
                            {t.tickets.unverified}
                          </Tag>
                        ) : null}
                      </Space>
                      <EventBody event={e} />
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Space>
        <Card size="small" title={t.tickets.actions} className="side-card">
          {actions.length === 0 ? (
            <Typography.Text type="secondary">{t.tickets.noActions}</Typography.Text>
          ) : (
            <Space wrap size={8}>
              {actions.map((a) => (
                <Button
                  key={a}
                  type={
                    a === 'response' || a === 'resolution' || a === 'change-approve'
                      ? 'primary'
                      : 'default'
                  }
                  danger={a === 'change-decline' || a === 'pause-objection'}
                  onClick={() => setAction(a)}
                  data-testid={`action-${a}`}
                >
                  {labels[a]}
                </Button>
              ))}
              {isVendor && tk.status !== 'closed' && tk.assignee?.sub !== me.sub ? (
                <Button
                  loading={claim.isPending}
                  onClick={() =>
                    void claim
                      .mutateAsync({
                        type: 'assignment',
                        version: tk.version,
                        assignee: { sub: me.sub, email: me.email, name: me.email ?? me.sub },
                      })
                      .catch(() => ticket.refetch())
                  }
                  data-testid="action-claim"
                >
                  {t.tickets.claim}
                </Button>
              ) : null}
            </Space>
          )}
          {may('listLedger') ? (
            <div style={{ marginTop: 12 }}>
              <Link
                to={`/hospitals/${encodeURIComponent(hospitalId)}/contracts/${tk.contractId}/ledger`}
              >
                {t.ledger.title}
              </Link>
            </div>
          ) : null}
        </Card>
      </div>
      {action ? (
        <EventForm
          type={action}
          title={labels[action]}
          ticket={tk}
          isVendor={isVendor}
          contract={contract.data}
          notices={notices.data ?? []}
          onClose={() => setAction(null)}
          onConflict={() => void ticket.refetch()}
        />
      ) : null}
    </>
  );
}
