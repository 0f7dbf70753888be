import { PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Card, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { PageLoading, QueryError } from './page-states.tsx';

/**
 * A card of a hospital's settings listed as a table (notification channels, 扫码报修 codes): a
 * hint, the rows as the query answered them, and an add button for those who may add.
 */
export function ListCard<Row extends { id: string }>(p: {
  title: string;
  hint: string;
  empty: string;
  testId: string;
  tableTestId: string;
  query: UseQueryResult<Row[]>;
  columns: TableColumnsType<Row>;
  /** The add button, or null for someone who may not add. */
  add: { label: string; testId: string; onClick: () => void } | null;
  children?: ReactNode;
}) {
  const { query } = p;
  return (
    <Card
      size="small"
      title={p.title}
      data-testid={p.testId}
      extra={
        p.add ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={p.add.onClick}
            data-testid={p.add.testId}
          >
            {p.add.label}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{p.hint}</Typography.Paragraph>
      {query.isPending ? (
        <PageLoading rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="id"
          columns={p.columns}
          dataSource={query.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: p.empty }}
          data-testid={p.tableTestId}
        />
      )}
      {p.children}
    </Card>
  );
}
