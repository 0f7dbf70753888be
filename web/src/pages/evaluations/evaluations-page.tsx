import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { quarterPeriods } from '@weibao/domain/service-periods';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useContract, useHospital, useMayCall } from '../../api/queries.ts';
import { useEvaluations, type Evaluation } from '../../api/record-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import type { Sheet } from '../../export/xlsx.ts';
import type { Messages } from '../../i18n/messages.ts';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatCny } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { contractPath, useContractCrumbs } from '../records/contract-crumbs.ts';
import { periodName, statusColors } from './evaluation-labels.ts';
import { RatingTag } from './rating-tag.tsx';

/** The evaluations of a contract: each quarter, then the annual one; vendor staff draft them. */
export function EvaluationsPage() {
  const t = useT();
  const { hospitalId = '', contractId = '' } = useParams();
  const may = useMayCall();
  const api = useApi();
  const navigate = useNavigate();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const contract = useContract(hospitalId, contractId);
  const evaluations = useEvaluations(hospitalId, contractId);
  const hospital = useHospital(hospitalId);
  const [toDraft, setToDraft] = useState<string | null>(null);
  const base = `${contractPath(hospitalId, contractId)}/evaluations`;
  const draft = useMutation({
    mutationFn: (evaluationId: string) =>
      api.call('draftEvaluation', { params: { hospitalId, contractId, evaluationId } }),
    onSuccess: (answer) => void navigate(`${base}/${answer.evaluation.id}`),
  });

  const header = <PageHeader title={t.evaluations.title} crumbs={crumbs} />;
  if (evaluations.isPending) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (evaluations.isError) {
    return (
      <>
        {header}
        <QueryError error={evaluations.error} onRetry={() => void evaluations.refetch()} />
      </>
    );
  }
  const items = evaluations.data;
  const drafted = new Set(items.map((e) => e.id));
  const choices = contract.data
    ? [
        ...quarterPeriods(contract.data.terms.term).map((p) => ({
          value: `q${p.index}`,
          label: `${periodName(t, { kind: 'quarter', index: p.index })}（${p.startsOn} – ${p.endsOn}）`,
        })),
        { value: 'annual', label: t.evaluations.annual },
      ].filter((c) => !drafted.has(c.value))
    : [];
  const columns: TableColumnsType<Evaluation> = [
    {
      title: t.evaluations.period,
      key: 'period',
      render: (_, e) => (
        <Link to={`${base}/${e.id}`} data-testid={`evaluation-${e.id}`}>
          {periodName(t, e.period)}
        </Link>
      ),
    },
    {
      title: t.evaluations.dates,
      key: 'dates',
      responsive: ['sm'],
      render: (_, e) => (
        <span className="nowrap">
          {e.period.startsOn} – {e.period.endsOn}
        </span>
      ),
    },
    {
      title: t.evaluations.status,
      key: 'status',
      render: (_, e) => (
        <Tag color={statusColors[e.status]}>{t.evaluations.statuses[e.status]}</Tag>
      ),
    },
    {
      title: t.evaluationLink.overall,
      key: 'rating',
      render: (_, e) =>
        e.rating ? (
          <RatingTag rating={e.rating.overall} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t.evaluationLink.lateResponses,
      key: 'late',
      align: 'right',
      responsive: ['md'],
      render: (_, e) => e.figures.lateResponses,
    },
    {
      title: t.evaluations.totalDeduction,
      key: 'deduction',
      align: 'right',
      render: (_, e) => <span className="money">{formatCny(e.figures.totalDeductionFen)}</span>,
    },
    {
      title: t.evaluations.signatures,
      key: 'signatures',
      align: 'right',
      responsive: ['md'],
      render: (_, e) => `${e.signatures.length} / 2`,
    },
  ];
  return (
    <>
      <PageHeader
        title={t.evaluations.title}
        crumbs={crumbs}
        extra={
          <Space wrap>
            <ExportButton
              disabled={items.length === 0}
              fileName={`${hospital.data?.name ?? hospitalId}-${t.evaluations.title}-${todayInBeijing()}.xlsx`}
              sheet={() => evaluationsSheet(t, items)}
            />
            {may('draftEvaluation') && choices.length > 0 ? (
              <>
                <Select
                  style={{ minWidth: 220 }}
                  placeholder={t.evaluations.choosePeriod}
                  value={toDraft}
                  onChange={setToDraft}
                  options={choices}
                  data-testid="draft-period"
                />
                <Button
                  type="primary"
                  disabled={!toDraft}
                  loading={draft.isPending}
                  onClick={() => toDraft && draft.mutate(toDraft)}
                  data-testid="draft-evaluation"
                >
                  {t.evaluations.draft}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {draft.isError ? <ProblemAlert error={draft.error} /> : null}
        <Card size="small">
          <Table<Evaluation>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t.evaluations.empty }}
            data-testid="evaluations-table"
          />
        </Card>
      </Space>
    </>
  );
}

/** The table as it shows, one row per report, for the IT center's and the vendor's files. */
export function evaluationsSheet(t: Messages, items: Evaluation[]): Sheet {
  return {
    name: t.evaluations.title,
    columns: [
      { header: t.evaluations.period, width: 12 },
      { header: t.evaluations.dates, width: 26 },
      { header: t.evaluations.status, width: 10 },
      { header: t.evaluationLink.overall, width: 10 },
      { header: t.evaluationLink.lateResponses, width: 12 },
      { header: t.evaluations.totalDeduction, width: 14, money: true },
      { header: t.evaluations.signatures, width: 10 },
    ],
    rows: items.map((e) => [
      periodName(t, e.period),
      `${e.period.startsOn} – ${e.period.endsOn}`,
      t.evaluations.statuses[e.status],
      e.rating ? t.evaluationLink.ratings[e.rating.overall] : '—',
      e.figures.lateResponses,
      e.figures.totalDeductionFen,
      `${e.signatures.length} / 2`,
    ]),
  };
}
