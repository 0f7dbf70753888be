import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { contractsQuery, useHospitalNames } from '../../api/queries.ts';
import { useTicketSearchPages } from '../../api/ticket-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { useT } from '../../i18n/locale.tsx';
import { ticketSheet } from './ticket-table.tsx';
import { searchFromParams } from './ticket-search.ts';
import { TicketSearchCard, useTicketSearch } from './ticket-search-view.tsx';

/**
 * 工单查询: the tickets of every hospital the vendor person sees, closed ones included, newest
 * report first, searched on the server (`GET /api/tickets`) a page at a time: 加载更多 reads on.
 * The subsystem filter offers one hospital's subsystems, so it waits for a hospital. The export
 * takes the rows read so far.
 */
export function AllTicketsPage() {
  const t = useT();
  const [params] = useSearchParams();
  const search = searchFromParams(params);
  const pages = useTicketSearchPages(search);
  const loaded = pages.data?.pages.flatMap((p) => p.items);
  const { rows } = useTicketSearch(loaded);
  const names = useHospitalNames(rows.map((x) => x.hospitalId));
  const contracts = useQuery({
    ...contractsQuery(useApi(), search.hospitalId ?? ''),
    enabled: search.hospitalId !== undefined,
  });
  const subsystems = new Map<string, string>();
  for (const c of search.hospitalId ? (contracts.data ?? []) : [])
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
        tickets={loaded}
        state={{
          pending: pages.isPending,
          error: pages.error,
          retry: () => void pages.refetch(),
        }}
        subsystems={subsystems}
        acrossHospitals
        more={{ pages, readThrough: pages.data?.pages.at(-1)?.readThrough ?? null }}
        testId="all-ticket-table"
      />
    </>
  );
}
