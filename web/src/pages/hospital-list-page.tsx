import { useIntakeAddress } from '../auth/intake-address.ts';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useHospitals, useMayCall, type Hospital } from '../api/queries.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoading, QueryError } from '../components/page-states.tsx';
import { formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';

function matches(h: Hospital, needle: string): boolean {
  if (!needle) return true;
  const n = needle.trim().toLowerCase();
  return [h.name, h.id, h.code, h.intakeLocalPart, ...h.campuses].some((v) =>
    v.toLowerCase().includes(n),
  );
}

export function HospitalListPage() {
  const t = useT();
  const { addressOf } = useIntakeAddress();
  const hospitals = useHospitals();
  const may = useMayCall();
  const [search, setSearch] = useState('');
  const rows = useMemo(
    () => (hospitals.data ?? []).filter((h) => matches(h, search)),
    [hospitals.data, search],
  );

  const columns: ColumnsType<Hospital> = [
    {
      title: t.hospitals.name,
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, h) => (
        <Link to={`/hospitals/${encodeURIComponent(h.id)}`}>{name}</Link>
      ),
    },
    { title: t.hospitals.code, dataIndex: 'code', width: 110 },
    { title: t.hospitals.id, dataIndex: 'id', width: 120, responsive: ['sm'] },
    {
      title: t.hospitals.campuses,
      dataIndex: 'campuses',
      responsive: ['md'],
      render: (campuses: string[]) =>
        campuses.length === 0
          ? '—'
          : campuses.map((c) => (
              <Tag key={c} style={{ marginBlock: 1 }}>
                {c}
              </Tag>
            )),
    },
    {
      title: t.hospitals.intake,
      key: 'intake',
      width: 200,
      responsive: ['lg'],
      render: (_, h) => addressOf(h.intakeLocalPart),
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
    <>
      <PageHeader
        title={t.hospitals.title}
        extra={
          may('createHospital') ? (
            <Link to="/hospitals/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t.hospitals.create}
              </Button>
            </Link>
          ) : null
        }
      />
      {hospitals.isPending ? (
        <PageLoading />
      ) : hospitals.isError ? (
        <QueryError error={hospitals.error} onRetry={() => void hospitals.refetch()} />
      ) : (
        <Card size="small">
          <div className="table-toolbar">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t.hospitals.searchPlaceholder}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ maxWidth: 320 }}
              aria-label={t.common.search}
            />
            <Typography.Text type="secondary">{t.common.count(rows.length)}</Typography.Text>
          </div>
          <Table<Hospital>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{
              emptyText: hospitals.data.length === 0 ? t.hospitals.empty : t.hospitals.noMatch,
            }}
            data-testid="hospital-table"
          />
        </Card>
      )}
    </>
  );
}
