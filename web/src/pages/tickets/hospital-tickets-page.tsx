import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser, useHospital, useMayCall } from '../../api/queries.ts';
import { useHospitalTickets, type Ticket } from '../../api/ticket-queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hospitalCrumbs } from '../hospital-page.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { TicketTable, ticketSheet } from './ticket-table.tsx';

const statuses: Ticket['status'][] = ['new', 'responded', 'on-site', 'resolved', 'closed'];
const severities = ['fatal', 'serious', 'minor'] as const;

/** A hospital's tickets, newest report first. */
export function HospitalTicketsPage() {
  const t = useT();
  const { hospitalId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const hospital = useHospital(hospitalId);
  const tickets = useHospitalTickets(hospitalId);
  const [status, setStatus] = useState<Ticket['status'] | undefined>();
  const [severity, setSeverity] = useState<Ticket['severity'] | undefined>();
  const rows = (tickets.data ?? []).filter(
    (x) => (!status || x.status === status) && (!severity || x.severity === severity),
  );
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
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Select
              allowClear
              placeholder={t.tickets.filterStatus}
              style={{ width: 130 }}
              value={status}
              onChange={(v?: Ticket['status']) => setStatus(v)}
              options={statuses.map((s) => ({ value: s, label: t.tickets.statuses[s] }))}
            />
            <Select
              allowClear
              placeholder={t.tickets.filterSeverity}
              style={{ width: 130 }}
              value={severity}
              onChange={(v?: Ticket['severity']) => setSeverity(v)}
              options={severities.map((s) => ({ value: s, label: t.severities[s] }))}
            />
          </div>
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
