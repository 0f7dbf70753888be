import { Card, Col, Result, Row, Table, Tag, Typography } from 'antd';
import { auditFieldNameZh, auditValueZh, valueAt } from './audit-fields.ts';
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
import { useLocale, useT } from '../i18n/locale.tsx';
import { changedPaths } from './audit-diff.ts';
import { hospitalCrumbs } from './hospital-page.tsx';
import { PersonName } from '../components/person-name.tsx';
import { LoadMore } from '../components/load-more.tsx';

function Json({ value }: { value: unknown }) {
  return <pre className="json">{value === null ? '—' : JSON.stringify(value, null, 2)}</pre>;
}

/** Every leaf path of a record (what a created or deleted record holds); a list of plain values is one leaf. */
function leafPaths(value: unknown, prefix = ''): string[] {
  const plain = (v: unknown) => typeof v !== 'object' || v === null;
  if (plain(value) || (Array.isArray(value) && value.every(plain))) return prefix ? [prefix] : [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    leafPaths(v, prefix ? `${prefix}.${k}` : k),
  );
}

/**
 * One audit record's change as people read it: each changed field by its name with its value
 * before and after; system fields counted; the raw record only under 技术详情.
 */
function Change({ record }: { record: AuditRecord }) {
  const t = useT();
  const { locale } = useLocale();
  const codes: Record<string, Record<string, string>> = {
    role: t.roles,
    severity: t.severities,
    status: t.tickets.statuses,
    state: t.audit.personStates,
    cause: t.tickets.causes,
    progress: t.changes.progresses,
    overall: t.evaluationLink.ratings,
    rating: t.evaluationLink.ratings,
  };
  const paths =
    record.before !== null && record.after !== null
      ? changedPaths(record.before, record.after)
      : leafPaths(record.before ?? record.after);
  // The record's own fields first, then those of its parts (a contract's name before its SLA rows).
  const depth = (path: string) => path.split('.').length;
  const named = paths
    .flatMap((path) => {
      const name = locale === 'zh-CN' ? auditFieldNameZh(path) : path;
      return name ? [{ path, name }] : [];
    })
    .sort((a, b) => depth(a.path) - depth(b.path));
  const both = record.before !== null && record.after !== null;
  const show = (v: unknown, path: string) => auditValueZh(valueAt(v, path), path, codes);
  return (
    <div className="audit-change" data-testid="audit-change">
      {named.length > 0 ? (
        <Table
          size="small"
          pagination={{ pageSize: 12, hideOnSinglePage: true, size: 'small' }}
          rowKey="path"
          dataSource={named}
          columns={[
            { title: t.audit.field, dataIndex: 'name', width: 220 },
            ...(both
              ? [
                  {
                    title: t.audit.before,
                    key: 'before',
                    render: (_: unknown, r: { path: string }) => show(record.before, r.path),
                  },
                  {
                    title: t.audit.after,
                    key: 'after',
                    render: (_: unknown, r: { path: string }) => show(record.after, r.path),
                  },
                ]
              : [
                  {
                    title: t.audit.content,
                    key: 'content',
                    render: (_: unknown, r: { path: string }) =>
                      show(record.after ?? record.before, r.path),
                  },
                ]),
          ]}
        />
      ) : null}
      {paths.length > named.length ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {t.audit.otherChanges(paths.length - named.length)}
        </Typography.Paragraph>
      ) : null}
      <details>
        <summary>{t.audit.technical}</summary>
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
      </details>
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
              <div>
                <PersonName who={r.actor} fallback={'—'} />
              </div>
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
          <LoadMore pages={audit} />
        </Card>
      )}
    </>
  );
}
