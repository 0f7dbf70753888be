import { Button, Card, Col, Result, Row, Table, Tag, Typography } from 'antd';
import { auditActionLabel, auditEntityName } from './audit-labels.ts';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useParams } from 'react-router';
import {
  useAuditRecords,
  useCurrentUser,
  useHospital,
  useMayCall,
  type AuditRecord,
} from '../api/queries.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoading, QueryError } from '../components/page-states.tsx';
import { formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';
import { changedPaths } from './audit-diff.ts';
import { hospitalCrumbs } from './hospital-page.tsx';

function Json({ value }: { value: unknown }) {
  return <pre className="json">{value === null ? '—' : JSON.stringify(value, null, 2)}</pre>;
}

function Change({ record }: { record: AuditRecord }) {
  const t = useT();
  const changed = changedPaths(record.before, record.after);
  return (
    <div className="audit-change">
      {record.before !== null && record.after !== null && changed.length > 0 ? (
        <div style={{ marginBottom: 8 }}>
          {changed.slice(0, 20).map((p) => (
            <Tag key={p} color="blue">
              {p}
            </Tag>
          ))}
          {changed.length > 20 ? <Tag>+{changed.length - 20}</Tag> : null}
        </div>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t.audit.before}</Typography.Text>
          <Json value={record.before} />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t.audit.after}</Typography.Text>
          <Json value={record.after} />
        </Col>
      </Row>
    </div>
  );
}

export function AuditPage() {
  const t = useT();
  const { hospitalId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const hospital = useHospital(hospitalId);
  const audit = useAuditRecords(hospitalId);
  if (!may('listAuditRecords')) {
    return <Result status="403" title="403" subTitle={t.audit.noAccess} />;
  }
  const columns: ColumnsType<AuditRecord> = [
    {
      title: t.audit.at,
      dataIndex: 'at',
      width: 160,
      render: (at: string) => <span className="nowrap">{formatShanghai(at)}</span>,
    },
    {
      title: t.audit.actor,
      key: 'actor',
      render: (_, r) => (
        <>
          {/* The system (timers, demo data, the mail intake's own steps) has no role to show */}
          {r.actor.sub.startsWith('system:') || !r.actor.email ? (
            <Tag color="default" style={{ marginInlineEnd: 0 }}>
              {t.audit.system}
            </Tag>
          ) : (
            <>
              <div>{r.actor.email}</div>
              <Tag style={{ marginInlineEnd: 0 }}>{t.roles[r.actor.role]}</Tag>
            </>
          )}
        </>
      ),
    },
    {
      title: t.audit.action,
      dataIndex: 'action',
      width: 140,
      render: (a: string) => auditActionLabel(a, t),
    },
    {
      title: t.audit.entity,
      key: 'entity',
      responsive: ['sm'],
      render: (_, r) => (
        <>
          {t.audit.entities[r.entity.type] ?? t.audit.otherEntity}{' '}
          <Typography.Text type="secondary">
            {auditEntityName(r.entity, r.before, r.after)}
          </Typography.Text>
        </>
      ),
    },
  ];
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t.audit.title}
        crumbs={hospitalCrumbs(me.hospitalId === null, t, {
          id: hospitalId,
          name: hospital.data?.name ?? hospitalId,
        })}
      />
      {audit.isPending ? (
        <PageLoading />
      ) : audit.isError ? (
        <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <Card size="small">
          <Table<AuditRecord>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={false}
            expandable={{ expandedRowRender: (r) => <Change record={r} /> }}
            locale={{ emptyText: t.audit.empty }}
            data-testid="audit-table"
          />
          {audit.hasNextPage ? (
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              <Button loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                {t.audit.more}
              </Button>
            </div>
          ) : null}
        </Card>
      )}
    </>
  );
}
