import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useObligations } from '../../api/obligation-queries.ts';
import { inspectionKeys, useInspections } from '../../api/inspection-queries.ts';
import { useMayCall } from '../../api/queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { obligationName } from '../obligations/obligation-name.ts';
import { contractPath, useContractCrumbs } from '../records/contract-crumbs.ts';

export const stateColor = { draft: 'default', 'awaiting-signatures': 'gold', signed: 'green' };

/** Vendor staff pick an open inspection obligation of the contract and start its visit. */
function StartInspection({ hospitalId, contractId }: { hospitalId: string; contractId: string }) {
  const t = useT();
  const api = useApi();
  const navigate = useNavigate();
  const client = useQueryClient();
  const obligations = useObligations(hospitalId, contractId);
  const open = (obligations.data ?? []).filter((o) => o.kind === 'inspection' && !o.doneOn);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const start = useMutation({
    mutationFn: (obligationId: string) =>
      api.call('startInspection', {
        params: { hospitalId, contractId },
        body: { obligationId, arrivedAt: new Date().toISOString() },
      }),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: inspectionKeys.list(hospitalId, contractId) });
      void navigate(`${contractPath(hospitalId, contractId)}/inspections/${r.id}`);
    },
  });
  return (
    <Card size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          style={{ width: '100%' }}
          placeholder={t.inspections.chooseObligation}
          value={chosen ?? open[0]?.id}
          onChange={setChosen}
          data-testid="inspection-obligation"
          options={open.map((o) => ({
            value: o.id,
            label: `${obligationName(t, o)}（${o.period.startsOn} – ${o.period.endsOn}）`,
          }))}
        />
        <Button
          type="primary"
          block
          disabled={open.length === 0}
          loading={start.isPending}
          data-testid="start-inspection"
          onClick={() => {
            const id = chosen ?? open[0]?.id;
            if (id) start.mutate(id);
          }}
        >
          {t.inspections.start}
        </Button>
        {start.isError ? <ProblemAlert error={start.error} /> : null}
      </Space>
    </Card>
  );
}

/** 巡检记录: the visits of one contract, newest first, and a new one for vendor staff. */
export function InspectionsPage() {
  const t = useT();
  const may = useMayCall();
  const { hospitalId = '', contractId = '' } = useParams();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const visits = useInspections(hospitalId, contractId);
  const header = <PageHeader title={t.inspections.title} crumbs={crumbs} />;
  if (visits.isPending)
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  if (visits.isError)
    return (
      <>
        {header}
        <QueryError error={visits.error} onRetry={() => void visits.refetch()} />
      </>
    );
  return (
    <>
      {header}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {may('startInspection') ? (
          <StartInspection hospitalId={hospitalId} contractId={contractId} />
        ) : null}
        <Card size="small">
          <List
            locale={{ emptyText: t.inspections.empty }}
            dataSource={visits.data}
            renderItem={(v) => (
              <List.Item
                extra={<Tag color={stateColor[v.state]}>{t.inspections.states[v.state]}</Tag>}
              >
                <Link
                  to={`${contractPath(hospitalId, contractId)}/inspections/${v.id}`}
                  data-testid="inspection-row"
                >
                  {t.inspections.quarterN(v.quarter)}
                  {t.inspections.visit}
                </Link>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {formatShanghai(v.arrivedAt ?? v.createdAt)}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Space>
    </>
  );
}
