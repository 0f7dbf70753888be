import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { useContracts, useCurrentUser, useHospital, useMayCall } from '../../api/queries.ts';
import { useHospitalTickets, type Ticket } from '../../api/ticket-queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hospitalCrumbs } from '../hospital-page.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { TicketTable, ticketSheet } from './ticket-table.tsx';
import {
  searchFromParams,
  searchToParams,
  searching,
  ticketMatches,
  type TicketSearch,
} from './ticket-search.ts';

const statuses: Ticket['status'][] = ['new', 'responded', 'on-site', 'resolved', 'closed'];
const severities = ['fatal', 'serious', 'minor'] as const;

/**
 * A hospital's tickets, newest report first, closed ones included, searched by words, status,
 * severity, subsystem, assignee and report days; the search lives in the address.
 */
export function HospitalTicketsPage() {
  const t = useT();
  const { hospitalId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const hospital = useHospital(hospitalId);
  const contracts = useContracts(hospitalId);
  const tickets = useHospitalTickets(hospitalId);
  const [params, setParams] = useSearchParams();
  const search = searchFromParams(params);
  const set = (change: Partial<TicketSearch>) =>
    setParams(searchToParams({ ...search, ...change }), { replace: true });
  const rows = (tickets.data ?? []).filter((x) => ticketMatches(x, search));
  // Subsystems by name, from the hospital's contracts (one name per id).
  const subsystems = new Map<string, string>();
  for (const c of contracts.data ?? [])
    for (const sub of c.terms.subsystems)
      if (!subsystems.has(sub.id)) subsystems.set(sub.id, sub.name);
  // Whoever has taken one of the tickets, by name.
  const assignees = new Map<string, string>();
  for (const x of tickets.data ?? [])
    if (x.assignee) assignees.set(x.assignee.sub, x.assignee.name);
  const range = search.from || search.to ? ([search.from, search.to] as const) : null;
  return (
    <>
      <PageHeader
        title={t.tickets.listTitle}
        crumbs={hospitalCrumbs(me.hospitalId === null, t, hospital.data)}
        extra={
          <Space wrap>
            <ExportButton
              disabled={rows.length === 0}
              fileName={`${hospital.data?.name ?? hospitalId}-${t.tickets.listTitle}-${todayInBeijing()}.xlsx`}
              sheet={() => ticketSheet(rows, t, () => hospital.data?.name ?? hospitalId)}
            />
            {may('createTicket') ? (
              <Link to={`/tickets/new?hospital=${encodeURIComponent(hospitalId)}`}>
                <Button type="primary" icon={<PlusOutlined />} data-testid="report-fault">
                  {t.nav.report}
                </Button>
              </Link>
            ) : null}
          </Space>
        }
      />
      <Card size="small">
        <div className="table-toolbar">
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
            <Input.Search
              allowClear
              placeholder={t.tickets.searchPlaceholder}
              style={{ width: 260 }}
              key={search.q ?? ''}
              defaultValue={search.q}
              maxLength={100}
              onSearch={(q) => set({ q: q.trim() || undefined })}
              data-testid="ticket-search"
            />
            <Select
              allowClear
              placeholder={t.tickets.filterStatus}
              style={{ width: 130 }}
              value={search.status}
              onChange={(v?: Ticket['status']) => set({ status: v })}
              options={statuses.map((x) => ({ value: x, label: t.tickets.statuses[x] }))}
              data-testid="filter-status"
            />
            <Select
              allowClear
              placeholder={t.tickets.filterSeverity}
              style={{ width: 130 }}
              value={search.severity}
              onChange={(v?: Ticket['severity']) => set({ severity: v })}
              options={severities.map((x) => ({ value: x, label: t.severities[x] }))}
            />
            <Select
              allowClear
              placeholder={t.tickets.filterSubsystem}
              style={{ width: 170 }}
              value={search.subsystemId}
              onChange={(v?: string) => set({ subsystemId: v })}
              options={[...subsystems].map(([value, label]) => ({ value, label }))}
            />
            <Select
              allowClear
              placeholder={t.tickets.filterAssignee}
              style={{ width: 130 }}
              value={search.assignee}
              onChange={(v?: string) => set({ assignee: v })}
              options={[
                { value: 'none', label: t.tickets.unassigned },
                ...[...assignees].map(([value, label]) => ({ value, label })),
              ]}
            />
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              placeholder={[t.tickets.reportedFrom, t.tickets.reportedTo]}
              value={
                range
                  ? [range[0] ? dayjs(range[0]) : null, range[1] ? dayjs(range[1]) : null]
                  : null
              }
              onChange={(days) =>
                set({
                  from: days?.[0]?.format('YYYY-MM-DD') ?? undefined,
                  to: days?.[1]?.format('YYYY-MM-DD') ?? undefined,
                })
              }
              data-testid="filter-reported"
            />
            {searching(search) ? (
              <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                {t.tickets.clearSearch}
              </Button>
            ) : null}
          </div>
          {searching(search) && tickets.data ? (
            <Typography.Text type="secondary" data-testid="search-count">
              {t.tickets.found(rows.length, tickets.data.length)}
            </Typography.Text>
          ) : null}
        </div>
        {tickets.isPending ? (
          <PageLoading rows={5} />
        ) : tickets.isError ? (
          <QueryError error={tickets.error} onRetry={() => void tickets.refetch()} />
        ) : (
          <TicketTable
            tickets={rows}
            showHospital={false}
            emptyText={tickets.data.length === 0 ? t.tickets.empty : t.tickets.noMatch}
            testId="hospital-ticket-table"
          />
        )}
      </Card>
    </>
  );
}
