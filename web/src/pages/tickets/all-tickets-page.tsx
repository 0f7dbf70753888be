import { useQueries } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { contractsQuery, useAllHospitals, useHospitalNames } from '../../api/queries.ts';
import { hospitalTicketsQuery, type Ticket } from '../../api/ticket-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { useT } from '../../i18n/locale.tsx';
import { ticketSheet } from './ticket-table.tsx';
import { searchFromParams } from './ticket-search.ts';
import { TicketSearchCard, useTicketSearch } from './ticket-search-view.tsx';

/**
 * 工单查询: every ticket of every hospital the vendor person sees, closed ones included, newest
 * report first, searched like one hospital's list and by hospital. Read hospital by hospital, from
 * the lists those pages read; narrowed to one hospital, only that hospital's list is read (a
 * search across all hospitals reads every one: see docs/decisions.md).
 */
export function AllTicketsPage() {
  const t = useT();
  const api = useApi();
  const [params] = useSearchParams();
  const only = searchFromParams(params).hospitalId;
  const hospitals = useAllHospitals(only === undefined);
  const list = only === undefined ? (hospitals.data ?? []).map((h) => h.id) : [only];
  const tickets = useQueries({ queries: list.map((id) => hospitalTicketsQuery(api, id)) });
  const contracts = useQueries({ queries: list.map((id) => contractsQuery(api, id)) });
  const failed = [...(only === undefined ? [hospitals] : []), ...tickets].find((q) => q.isError);
  const pending = (only === undefined && hospitals.isPending) || tickets.some((q) => q.isPending);
  const all: Ticket[] | undefined = pending
    ? undefined
    : tickets.flatMap((q) => q.data ?? []).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  const { rows } = useTicketSearch(all);
  const names = useHospitalNames(rows.map((x) => x.hospitalId));
  const subsystems = new Map<string, string>();
  for (const q of contracts)
    for (const c of q.data ?? [])
      for (const sub of c.terms.subsystems)
        if (!subsystems.has(sub.id)) subsystems.set(sub.id, sub.name);
  return (
    <>
      <PageHeader
        title={t.tickets.searchTitle}
        extra={
          <ExportButton
            disabled={rows.length === 0 || names.isPending}
            fileName={`${t.tickets.searchTitle}-${todayInBeijing()}.xlsx`}
            sheet={() => ticketSheet(rows, t, names.nameOf)}
          />
        }
      />
      <TicketSearchCard
        tickets={all}
        state={{
          pending,
          error: failed?.error ?? null,
          retry: () => {
            void hospitals.refetch();
            for (const q of tickets) if (q.isError) void q.refetch();
          },
        }}
        subsystems={subsystems}
        acrossHospitals
        testId="all-ticket-table"
      />
    </>
  );
}
