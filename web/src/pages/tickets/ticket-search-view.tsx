import { Button, Card, DatePicker, Input, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { Ticket } from '../../api/ticket-queries.ts';
import { HospitalSelect } from '../../components/hospital-select.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { formatShanghai } from '../../format/format.ts';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import { TicketTable } from './ticket-table.tsx';
import {
  changeFilters,
  searchFromParams,
  searchToParams,
  searching,
  ticketMatches,
  type ChangeFilter,
  type TicketSearch,
} from './ticket-search.ts';

const statuses: Ticket['status'][] = ['new', 'responded', 'on-site', 'resolved', 'closed'];
const severities = ['fatal', 'serious', 'minor'] as const;

/** The search the address asks for, the rows it lets through, and a way to change it. */
export function useTicketSearch(tickets: Ticket[] | undefined) {
  const [params, setParams] = useSearchParams();
  const search = searchFromParams(params);
  const set = (change: Partial<TicketSearch>) =>
    setParams(searchToParams({ ...search, ...change }), { replace: true });
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  const rows = (tickets ?? []).filter((x) => ticketMatches(x, search));
  return { search, set, clear, rows };
}

/**
 * A list of tickets searched by words, status (closed included), severity, subsystem, assignee and
 * report days, and for vendor staff across hospitals by hospital: one hospital's list, or every
 * hospital's the caller sees (工单查询).
 */
export function TicketSearchCard({
  tickets,
  state,
  subsystems,
  acrossHospitals,
  more,
  testId,
}: {
  tickets: Ticket[] | undefined;
  state: { pending: boolean; error: unknown; retry: () => void };
  /** Subsystems by id, with their names. */
  subsystems: ReadonlyMap<string, string>;
  /** Tickets of many hospitals: a hospital filter and a column naming each ticket's hospital. */
  acrossHospitals: boolean;
  /**
   * Searched on the server a page at a time (工单查询): `tickets` are the pages read so far, which
   * the search already narrowed; 加载更多 reads on, and a page that read its budget with few found
   * says how far back it read (`readThrough`).
   */
  more?: {
    pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
    readThrough: string | null;
  };
  testId: string;
}) {
  const t = useT();
  const { search, set, clear, rows } = useTicketSearch(tickets);
  // Whoever has taken one of the tickets, by name.
  const assignees = new Map<string, string>();
  for (const x of tickets ?? []) if (x.assignee) assignees.set(x.assignee.sub, x.assignee.name);
  const range = search.from || search.to ? ([search.from, search.to] as const) : null;
  let table: ReactNode;
  if (state.pending) table = <PageLoading rows={5} />;
  else if (state.error) table = <QueryError error={state.error} onRetry={state.retry} />;
  else
    table = (
      <TicketTable
        tickets={rows}
        showHospital={acrossHospitals}
        emptyText={
          // searched on the server, an empty answer means nothing matched (so far), not no tickets
          (more ? !searching(search) : (tickets ?? []).length === 0)
            ? t.tickets.empty
            : t.tickets.noMatch
        }
        testId={testId}
      />
    );
  return (
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
          {acrossHospitals ? (
            <HospitalSelect
              allowClear
              placeholder={t.tickets.filterHospital}
              style={{ width: 180 }}
              value={search.hospitalId}
              // a subsystem belongs to one hospital's contracts
              onChange={(v) => set({ hospitalId: v, subsystemId: undefined })}
              data-testid="filter-hospital"
            />
          ) : null}
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
            placeholder={t.changes.filter}
            style={{ width: 160 }}
            value={search.change}
            onChange={(v?: ChangeFilter) => set({ change: v })}
            options={changeFilters.map((x) => ({
              value: x,
              label: x === 'any' ? t.changes.anyChange : t.changes.progresses[x],
            }))}
            data-testid="filter-change"
          />
          <Select
            allowClear
            placeholder={
              acrossHospitals && !search.hospitalId
                ? t.tickets.subsystemNeedsHospital
                : t.tickets.filterSubsystem
            }
            disabled={acrossHospitals && !search.hospitalId}
            style={{ width: 170 }}
            data-testid="filter-subsystem"
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
              range ? [range[0] ? dayjs(range[0]) : null, range[1] ? dayjs(range[1]) : null] : null
            }
            onChange={(days) =>
              set({
                from: days?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: days?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
            data-testid="filter-reported"
          />
          {searching(search) ? <Button onClick={clear}>{t.tickets.clearSearch}</Button> : null}
        </div>
        {searching(search) && tickets ? (
          <Typography.Text type="secondary" data-testid="search-count">
            {more
              ? t.tickets.foundSoFar(rows.length, more.pages.hasNextPage)
              : t.tickets.found(rows.length, tickets.length)}
          </Typography.Text>
        ) : null}
      </div>
      {table}
      {more && !state.pending && !state.error ? (
        <>
          {more.pages.hasNextPage && more.readThrough ? (
            <Typography.Paragraph
              type="secondary"
              style={{ textAlign: 'center', marginTop: 12, marginBottom: 0 }}
              data-testid="search-read-through"
            >
              {t.tickets.readThrough(formatShanghai(more.readThrough))}
            </Typography.Paragraph>
          ) : null}
          <LoadMore pages={more.pages} data-testid="search-more" />
        </>
      ) : null}
    </Card>
  );
}
