import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useMayCall } from '../../api/queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { QueryError } from '../../components/page-states.tsx';
import { formatBp, formatCny } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';

/**
 * 本季度服务 on a hospital's home page: for each contract in force, its current quarter (from the
 * contract's start, as the evaluation and 扣款明细 count it) with faults, late ones, 达标率 and
 * the deductions that stand, each linking to the contract's ledger.
 */
export function QuarterCard({ hospitalId }: { hospitalId: string }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const figures = useQuery({
    queryKey: ['hospitals', hospitalId, 'quarter'],
    queryFn: ({ signal }) => api.call('getHospitalQuarter', { params: { hospitalId }, signal }),
    enabled: may('getHospitalQuarter'),
    refetchInterval: 60_000,
  });
  if (!may('getHospitalQuarter')) return null;
  if (figures.isError)
    return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  const quarters = figures.data?.contractQuarters ?? [];
  return (
    <Card
      size="small"
      title={t.home.quarterTitle}
      loading={figures.isPending}
      data-testid="quarter-card"
    >
      {quarters.length === 0 ? (
        <Typography.Text type="secondary">{t.overview.noContractInForce}</Typography.Text>
      ) : (
        quarters.map((q) => (
          <div key={q.contractId} data-testid={`quarter-${q.contractId}`}>
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              <Link
                to={`/hospitals/${encodeURIComponent(hospitalId)}/contracts/${q.contractId}/ledger`}
              >
                {q.contractName}
              </Link>{' '}
              <Typography.Text strong>{t.overview.quarterIndex(q.index)}</Typography.Text>{' '}
              <Typography.Text type="secondary" className="nowrap">
                {t.overview.quarterDates(q.startsOn, q.endsOn)}
              </Typography.Text>
            </Typography.Paragraph>
            <Row gutter={[16, 8]}>
              <Col xs={12} sm={6}>
                <Statistic title={t.home.faults} value={q.faults} />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title={t.overview.breaches} value={q.breached} />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic
                  title={t.overview.compliance}
                  value={q.compliantBp === null ? '—' : formatBp(q.compliantBp)}
                />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title={t.home.deductions} value={formatCny(q.deductionsFen)} />
              </Col>
            </Row>
          </div>
        ))
      )}
    </Card>
  );
}
