import { useIntakeAddress } from '../auth/intake-address.ts';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Table, Tag } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useHospitalSearch, useMayCall, useSettled, type Hospital } from '../api/queries.ts';
import { useCursorPages } from '../api/ticket-queries.ts';
import { Pager } from '../components/pager.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoading, QueryError } from '../components/page-states.tsx';
import { formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';

/** Hospitals a page of the list shows. */
const pageSize = 50;

/**
 * 医院: the hospitals one may see, a page at a time, searched on the server (name, campus, code,
 * id or intake address) so the list stays one small read at a thousand hospitals.
 */
export function HospitalListPage() {
  const t = useT();
  const { addressOf } = useIntakeAddress();
  const may = useMayCall();
  const [search, setSearch] = useState('');
  const words = useSettled(search.trim());
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [words, reset]);
  const hospitals = useHospitalSearch(words, { cursor: pages.cursor, limit: pageSize });
  const rows = hospitals.data?.items ?? [];

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
      <Card size="small">
        <div className="table-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t.hospitals.searchPlaceholder}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ maxWidth: 320 }}
            maxLength={50}
            aria-label={t.common.search}
          />
        </div>
        {hospitals.isPending ? (
          <PageLoading />
        ) : hospitals.isError ? (
          <QueryError error={hospitals.error} onRetry={() => void hospitals.refetch()} />
        ) : (
          <>
            <Table<Hospital>
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={hospitals.isFetching && hospitals.isPlaceholderData}
              pagination={false}
              locale={{
                emptyText: !words && !pages.hasPrevious ? t.hospitals.empty : t.hospitals.noMatch,
              }}
              data-testid="hospital-table"
            />
            <Pager
              pages={pages}
              next={hospitals.data.next}
              loading={hospitals.isFetching}
              testId="hospital-pager"
            />
          </>
        )}
      </Card>
    </>
  );
}
