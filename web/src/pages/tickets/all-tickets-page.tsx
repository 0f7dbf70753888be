import { useQueries } from '@tanstack/react-query';
import { contractsQuery, useHospitals } from '../../api/queries.ts';
import { hospitalTicketsQuery, type Ticket } from '../../api/ticket-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { useT } from '../../i18n/locale.tsx';
import { ticketSheet } from './ticket-table.tsx';
import { TicketSearchCard, useTicketSearch } from './ticket-search-view.tsx';

/**
 * 工单查询: every ticket of every hospital the vendor person sees, closed ones included, newest
 * report first, searched like one hospital's list and by hospital. Read hospital by hospital, from
 * the lists those pages read (a vendor runs dozens of hospitals; see docs/decisions.md).
 */
export function AllTicketsPage() {
  const t = useT();
  const api = useApi();
  const hospitals = useHospitals();
  const list = hospitals.data ?? [];
  const tickets = useQueries({ queries: list.map((h) => hospitalTicketsQuery(api, h.id)) });
  const contracts = useQueries({ queries: list.map((h) => contractsQuery(api, h.id)) });
  const failed = [hospitals, ...tickets].find((q) => q.isError);
  const pending = hospitals.isPending || tickets.some((q) => q.isPending);
  const all: Ticket[] | undefined = pending
    ? undefined
    : tickets.flatMap((q) => q.data ?? []).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  const { rows } = useTicketSearch(all);
  const subsystems = new Map<string, string>();
  for (const q of contracts)
    for (const c of q.data ?? [])
      for (const sub of c.terms.subsystems)
        if (!subsystems.has(sub.id)) subsystems.set(sub.id, sub.name);
  const nameOf = (id: string) => list.find((h) => h.id === id)?.name ?? id;
  return (
    <>
      <PageHeader
        title={t.tickets.searchTitle}
        extra={
          <ExportButton
            disabled={rows.length === 0}
            fileName={`${t.tickets.searchTitle}-${todayInBeijing()}.xlsx`}
            sheet={() => ticketSheet(rows, t, nameOf)}
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
        hospitals={list}
        testId="all-ticket-table"
      />
    </>
  );
}
