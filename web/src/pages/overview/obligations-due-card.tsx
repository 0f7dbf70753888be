import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useObligationsDue, type Obligation } from '../../api/obligation-queries.ts';
import { useHospitalNames } from '../../api/queries.ts';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import { DueOn, StateTag } from '../obligations/obligations-page.tsx';
import { obligationName } from '../obligations/obligation-name.ts';
import { contractPath } from '../records/contract-crumbs.ts';
import { LoadMore } from '../../components/load-more.tsx';

/** What the vendor owes soon: overdue or due within 7 days, every hospital, earliest first. */
export function ObligationsDueCard() {
  const t = useT();
  const due = useObligationsDue();
  const { nameOf } = useHospitalNames(
    (due.data?.pages ?? []).flatMap((p) => p.items.map((o) => o.hospitalId)),
  );
  const columns: TableColumnsType<Obligation> = [
    {
      title: t.obligationsDue.hospital,
      key: 'hospital',
      render: (_, o) => <span className="nowrap">{nameOf(o.hospitalId)}</span>,
    },
    {
      title: t.obligations.kind,
      key: 'kind',
      render: (_, o) => (
        <Link
          to={`${contractPath(o.hospitalId, o.contractId)}/obligations`}
          data-testid={`due-${o.hospitalId}-${o.id}`}
        >
          {obligationName(t, o)}
        </Link>
      ),
    },
    { title: t.obligations.dueOn, key: 'due', render: (_, o) => <DueOn o={o} /> },
    { title: t.obligations.state, key: 'state', render: (_, o) => <StateTag o={o} /> },
  ];
  return (
    <Card
      size="small"
      title={t.obligationsDue.title}
      extra={
        due.data?.pages[0] ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.obligationsDue.through(due.data.pages[0].through)}
          </Typography.Text>
        ) : null
      }
      data-testid="obligations-due"
    >
      {due.isPending ? (
        <PageLoading rows={2} />
      ) : due.isError ? (
        <QueryError error={due.error} onRetry={() => void due.refetch()} />
      ) : (
        <>
          <Table<Obligation>
            size="small"
            rowKey={(o) => `${o.hospitalId}/${o.contractId}/${o.id}`}
            columns={columns}
            dataSource={due.data.pages.flatMap((p) => p.items)}
            pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t.obligationsDue.empty }}
          />
          <LoadMore pages={due} size="small" data-testid="obligations-due-more" />
        </>
      )}
    </Card>
  );
}
