import { PlusOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { useContracts, useCurrentUser, useHospital, useMayCall } from '../../api/queries.ts';
import { useCursorPages, useHospitalTicketsPage } from '../../api/ticket-queries.ts';
import { Pager } from '../../components/pager.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hospitalCrumbs } from '../hospital-page.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { ticketSheet } from './ticket-table.tsx';
import { TicketSearchCard, useTicketSearch } from './ticket-search-view.tsx';

/**
 * A hospital's tickets one page at a time (上一页/下一页), newest report first, closed ones included, searched by words, status,
 * severity, subsystem, assignee and report days; the search lives in the address.
 */
export function HospitalTicketsPage() {
  const t = useT();
  const { hospitalId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const hospital = useHospital(hospitalId);
  const contracts = useContracts(hospitalId);
  const pages = useCursorPages();
  const tickets = useHospitalTicketsPage(hospitalId, pages.cursor);
  const { rows } = useTicketSearch(tickets.data?.items);
  // Subsystems by name, from the hospital's contracts (one name per id).
  const subsystems = new Map<string, string>();
  for (const c of contracts.data ?? [])
    for (const sub of c.terms.subsystems)
      if (!subsystems.has(sub.id)) subsystems.set(sub.id, sub.name);
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
      <TicketSearchCard
        tickets={tickets.data?.items}
        state={{
          pending: tickets.isPending,
          error: tickets.isError ? tickets.error : null,
          retry: () => void tickets.refetch(),
        }}
        subsystems={subsystems}
        acrossHospitals={false}
        testId="hospital-ticket-table"
      />
      <Pager
        pages={pages}
        next={tickets.data?.next}
        loading={tickets.isFetching}
        testId="hospital-ticket-pager"
      />
    </>
  );
}
