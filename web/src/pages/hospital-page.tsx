import { useIntakeAddress } from '../auth/intake-address.ts';
import { AuditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  useContracts,
  useCurrentUser,
  useHospital,
  useMayCall,
  type Contract,
} from '../api/queries.ts';
import { PageHeader, type Crumb } from '../components/page-header.tsx';
import { PageLoading, QueryError } from '../components/page-states.tsx';
import { formatCny, formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';
import { ChannelsCard } from './channels/channels-card.tsx';
import { QrLinksCard } from './qr/qr-links-card.tsx';
import { QuarterCard } from './home/quarter-card.tsx';
import { WorkCard } from './home/work-card.tsx';
import { EditHospitalModal } from './edit-hospital-modal.tsx';
import { PeopleCard } from './people/people-card.tsx';

export function hospitalCrumbs(
  isVendor: boolean,
  t: ReturnType<typeof useT>,
  hospital?: { id: string; name: string },
): Crumb[] {
  const crumbs: Crumb[] = isVendor ? [{ title: t.nav.hospitals, to: '/hospitals' }] : [];
  if (hospital) crumbs.push({ title: hospital.name, to: `/hospitals/${hospital.id}` });
  return crumbs;
}

function NewContractButton({ hospitalId }: { hospitalId: string }) {
  const t = useT();
  return (
    <Link to={`/hospitals/${encodeURIComponent(hospitalId)}/contracts/new`}>
      <Button type="primary" icon={<PlusOutlined />} data-testid="new-contract">
        {t.contractNew.button}
      </Button>
    </Link>
  );
}

function ContractsTable({ hospitalId, mayCreate }: { hospitalId: string; mayCreate: boolean }) {
  const t = useT();
  const contracts = useContracts(hospitalId);
  if (contracts.isPending) return <PageLoading rows={3} />;
  if (contracts.isError) {
    return <QueryError error={contracts.error} onRetry={() => void contracts.refetch()} />;
  }
  const columns: ColumnsType<Contract> = [
    {
      title: t.contracts.name,
      key: 'name',
      render: (_, c) => (
        <Link to={`/hospitals/${encodeURIComponent(hospitalId)}/contracts/${c.id}`}>
          {c.terms.name}
        </Link>
      ),
    },
    {
      title: t.contracts.term,
      key: 'term',
      width: 200,
      responsive: ['sm'],
      render: (_, c) => `${c.terms.term.startsOn} ~ ${c.terms.term.endsOn}`,
    },
    {
      title: t.contracts.total,
      key: 'total',
      width: 140,
      align: 'right',
      render: (_, c) => <span className="money">{formatCny(c.terms.totalFen)}</span>,
    },
    {
      title: t.contracts.subsystems,
      key: 'subsystems',
      width: 90,
      align: 'right',
      responsive: ['md'],
      render: (_, c) => c.terms.subsystems.length,
    },
    {
      title: t.contracts.renewal,
      key: 'renewal',
      width: 90,
      responsive: ['lg'],
      render: (_, c) => `${c.terms.renewal.count} / ${c.terms.renewal.limit}`,
    },
    {
      title: t.common.updatedAt,
      dataIndex: 'updatedAt',
      width: 170,
      responsive: ['lg'],
      render: (at: string) => formatShanghai(at),
    },
  ];
  return (
    <Table<Contract>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={contracts.data}
      pagination={false}
      locale={{
        emptyText: (
          <Space orientation="vertical" size={8}>
            <span>{t.contracts.empty}</span>
            {mayCreate ? <NewContractButton hospitalId={hospitalId} /> : null}
          </Space>
        ),
      }}
      data-testid="contract-table"
    />
  );
}

export function HospitalPage() {
  const t = useT();
  const { addressOf } = useIntakeAddress();
  const { hospitalId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const hospital = useHospital(hospitalId);
  const [editing, setEditing] = useState(false);

  if (hospital.isPending) return <PageLoading />;
  if (hospital.isError) {
    return <QueryError error={hospital.error} onRetry={() => void hospital.refetch()} />;
  }
  const h = hospital.data;
  return (
    <>
      <PageHeader
        title={h.name}
        crumbs={hospitalCrumbs(me.hospitalId === null, t).slice(0, 1)}
        tags={
          // The ticket prefix is a code, not a word: the zh scan and translators leave it alone.
          <Tag translate="no">{h.code}</Tag>
        }
        extra={
          <>
            {may('listTickets') ? (
              <Link to={`/hospitals/${encodeURIComponent(h.id)}/tickets`}>
                <Button data-testid="hospital-tickets">{t.nav.tickets}</Button>
              </Link>
            ) : null}
            {may('listAdvanceNotices') ? (
              <Link to={`/hospitals/${encodeURIComponent(h.id)}/notices`}>
                <Button data-testid="hospital-notices">{t.nav.notices}</Button>
              </Link>
            ) : null}
            {may('listAuditRecords') ? (
              <Link to={`/hospitals/${encodeURIComponent(h.id)}/audit`}>
                <Button icon={<AuditOutlined />}>{t.hospitals.audit}</Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {/* A hospital-side person's home: what waits for them comes first. */}
        {me.hospitalId !== null ? <WorkCard hospitalId={h.id} /> : null}
        {me.hospitalId !== null ? <QuarterCard hospitalId={h.id} /> : null}
        <Card
          size="small"
          title={t.hospitals.info}
          extra={
            may('updateHospital') ? (
              <Button size="small" onClick={() => setEditing(true)} data-testid="edit-hospital">
                {t.hospitals.edit}
              </Button>
            ) : null
          }
        >
          {editing ? <EditHospitalModal hospital={h} onClose={() => setEditing(false)} /> : null}
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'name', label: t.hospitals.name, children: h.name },
              // The vendor chose the 标识 and finds hospitals by it; the hospital's own people
              // never need it.
              ...(me.hospitalId === null
                ? [{ key: 'id', label: t.hospitals.id, children: h.id }]
                : []),
              { key: 'code', label: t.hospitals.code, children: h.code },
              {
                key: 'campuses',
                label: t.hospitals.campuses,
                children: h.campuses.length ? h.campuses.join('、') : '—',
              },
              { key: 'intake', label: t.hospitals.intake, children: addressOf(h.intakeLocalPart) },
              { key: 'updated', label: t.common.updatedAt, children: formatShanghai(h.updatedAt) },
            ]}
          />
        </Card>
        <Card
          size="small"
          title={t.hospitals.contracts}
          extra={may('createContract') ? <NewContractButton hospitalId={h.id} /> : null}
        >
          <ContractsTable hospitalId={h.id} mayCreate={may('createContract')} />
        </Card>
        <PeopleCard hospitalId={h.id} />
        <ChannelsCard hospitalId={h.id} />
        <QrLinksCard hospitalId={h.id} campuses={h.campuses} />
      </Space>
    </>
  );
}
