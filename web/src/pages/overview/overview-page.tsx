import { Alert, Button, Card, Empty, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { useMayCall } from '../../api/queries.ts';
import {
  useCursorPages,
  useVendorOverview,
  useVendorQueue,
  type VendorOverview,
} from '../../api/ticket-queries.ts';
import { EChart, type BarOption } from '../../components/echart.tsx';
import { Pager } from '../../components/pager.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { formatBp, formatCny } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { useNow } from '../../sla/use-now.ts';
import { TicketTable } from '../tickets/ticket-table.tsx';
import { deadlineCountsAt, type PageCount } from './deadline-counts.ts';
import { ObligationsDueCard } from './obligations-due-card.tsx';

const severities = ['fatal', 'serious', 'minor'] as const;

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: string | number;
  color?: string | undefined;
  testId?: string;
}) {
  return (
    <Card size="small">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, color }} className="money" data-testid={testId}>
        {value}
      </div>
    </Card>
  );
}

/**
 * Open tickets by severity of every hospital (the overview's totals); breached, at risk and the
 * nearest deadlines from the first page of the queue, re-counted each second as clocks move.
 */
function OpenTicketsCard({ overview }: { overview: ReturnType<typeof useVendorOverview> }) {
  const t = useT();
  const now = useNow();
  const queue = useVendorQueue();
  const failed = overview.isError ? overview : queue.isError ? queue : null;
  const shown = (c: PageCount) => (c.atLeast ? t.overview.atLeast(c.count) : c.count);
  let body: ReactNode;
  if (failed) body = <QueryError error={failed.error} onRetry={() => void failed.refetch()} />;
  else if (!overview.data || !queue.data) body = <PageLoading rows={2} />;
  else {
    const open = overview.data.open;
    const counts = deadlineCountsAt(queue.data, now);
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div className="stat-grid">
          {severities.map((s) => (
            <Stat
              key={s}
              label={t.severities[s]}
              value={open[s]}
              color={s === 'fatal' ? '#cf1322' : s === 'serious' ? '#d46b08' : undefined}
              testId={`open-${s}`}
            />
          ))}
          <Stat
            label={t.overview.atRiskOpen}
            value={shown(counts.atRisk)}
            color="#d48806"
            testId="open-at-risk"
          />
          <Stat
            label={t.overview.breachedOpen}
            value={shown(counts.breached)}
            color="#cf1322"
            testId="open-breached"
          />
        </div>
        <TicketTable
          tickets={queue.data.items.slice(0, 8)}
          showHospital
          emptyText={t.tickets.queueEmpty}
          testId="overview-queue"
        />
      </Space>
    );
  }
  return (
    <Card
      size="small"
      title={t.overview.openBySeverity}
      extra={<Link to="/queue">{t.overview.viewAll}</Link>}
    >
      {body}
    </Card>
  );
}

type HospitalRow = VendorOverview['hospitals'][number];
interface QuarterRow {
  key: string;
  hospital: HospitalRow;
  quarter: HospitalRow['contractQuarters'][number] | null;
}

function complianceOption(data: VendorOverview, label: (q: string) => string): BarOption {
  const labels = data.quarters.map((q) => label(q.label));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${String(v)}%`) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: data.hospitals.map((h) => ({
      type: 'bar',
      name: h.name,
      data: h.quarters.map((q) => (q.compliantBp === null ? null : q.compliantBp / 100)),
    })),
  };
}

function deductionOption(data: VendorOverview, label: (q: string) => string): BarOption {
  return {
    // Bars are drawn in yuan for the axis; the tooltip formats the exact fen.
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatCny(Math.round(Number(v) * 100)) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 64, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: data.quarters.map((q) => label(q.label)) },
    yAxis: { type: 'value', axisLabel: { formatter: '¥{value}' } },
    series: data.hospitals.map((h) => ({
      type: 'bar',
      name: h.name,
      data: h.quarters.map((q) => q.deductionsFen / 100),
    })),
  };
}

/** The vendor's home: open tickets with their countdowns, breaches and deductions per hospital. */
export function OverviewPage() {
  const t = useT();
  const may = useMayCall();
  // The table and charts show one page of hospitals; the totals are of them all.
  const pages = useCursorPages();
  const overview = useVendorOverview(pages.cursor);
  const data = overview.data;
  const hasFigures = (data?.hospitals ?? []).some((h) =>
    h.quarters.some((q) => q.faults > 0 || q.deductionEntries > 0),
  );
  // One row per contract in force, in its own quarter; a hospital without one shows a dash.
  const rows: QuarterRow[] = (data?.hospitals ?? []).flatMap<QuarterRow>((h) =>
    h.contractQuarters.length === 0
      ? [{ key: h.hospitalId, hospital: h, quarter: null }]
      : h.contractQuarters.map((q) => ({
          key: `${h.hospitalId}:${q.contractId}`,
          hospital: h,
          quarter: q,
        })),
  );
  const quarterColumns: TableColumnsType<QuarterRow> = [
    {
      title: t.tickets.hospital,
      key: 'hospital',
      render: (_, r) => (
        <Link to={`/hospitals/${encodeURIComponent(r.hospital.hospitalId)}/tickets`}>
          {r.hospital.name}
        </Link>
      ),
    },
    {
      title: t.overview.contractQuarter,
      key: 'quarter',
      render: (_, r) =>
        r.quarter ? (
          <span data-testid={`contract-quarter-${r.hospital.hospitalId}`}>
            <span className="nowrap">{t.overview.quarterIndex(r.quarter.index)}</span>{' '}
            <Typography.Text type="secondary" className="nowrap" style={{ fontSize: 12 }}>
              {t.overview.quarterDates(r.quarter.startsOn, r.quarter.endsOn)}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t.overview.noContractInForce}</Typography.Text>
        ),
    },
    {
      title: t.overview.compliance,
      key: 'compliance',
      align: 'right',
      width: 90,
      responsive: ['sm'],
      render: (_, r) => {
        const bp = r.quarter?.compliantBp;
        return bp === null || bp === undefined ? '—' : formatBp(bp);
      },
    },
    {
      title: t.overview.breaches,
      key: 'breaches',
      align: 'right',
      width: 80,
      render: (_, r) => r.quarter?.breached ?? 0,
    },
    {
      title: t.overview.entries,
      key: 'entries',
      align: 'right',
      width: 60,
      responsive: ['sm'],
      render: (_, r) => r.quarter?.deductionEntries ?? 0,
    },
    {
      title: t.ledger.amount,
      key: 'amount',
      align: 'right',
      width: 120,
      render: (_, r) => (
        <span className="money" data-testid={`quarter-deduction-${r.hospital.hospitalId}`}>
          {formatCny(r.quarter?.deductionsFen ?? 0)}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t.overview.title} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {overview.data?.calendarMissing ? (
          <Alert
            type="warning"
            showIcon
            data-testid="calendar-missing"
            title={t.calendar.missing(
              overview.data.calendarMissing.year,
              overview.data.calendarMissing.contracts,
            )}
            action={
              may('putCalendarYear') ? (
                <Link to="/calendar">
                  <Button size="small">{t.calendar.enter}</Button>
                </Link>
              ) : null
            }
          />
        ) : null}
        <OpenTicketsCard overview={overview} />
        {may('listObligationsDue') ? <ObligationsDueCard /> : null}
        {overview.isPending ? (
          <PageLoading rows={4} />
        ) : overview.isError ? (
          <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
        ) : (
          <>
            <Card
              size="small"
              title={t.overview.deductionsQuarter}
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.overview.deductionsQuarterHint}
                </Typography.Text>
              }
            >
              <Table<QuarterRow>
                size="small"
                rowKey="key"
                columns={quarterColumns}
                dataSource={rows}
                pagination={false}
                locale={{ emptyText: t.hospitals.empty }}
                data-testid="quarter-deductions"
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t.overview.quarterTotalAll}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} colSpan={5} align="right">
                      <span className="money" data-testid="quarter-total">
                        {formatCny(overview.data.currentQuarterFen)}
                      </span>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
              <Pager
                pages={pages}
                next={overview.data.next}
                loading={overview.isFetching}
                testId="overview-pager"
              />
            </Card>
            {hasFigures ? (
              <div className="chart-grid">
                <Card size="small" title={t.overview.complianceChart}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.overview.complianceHint}
                  </Typography.Text>
                  <EChart
                    option={complianceOption(overview.data, t.overview.calendarQuarter)}
                    testId="compliance-chart"
                  />
                </Card>
                <Card size="small" title={t.overview.deductionChart}>
                  <EChart
                    option={deductionOption(overview.data, t.overview.calendarQuarter)}
                    testId="deduction-chart"
                  />
                </Card>
              </div>
            ) : (
              <Card size="small">
                <Empty
                  description={
                    pages.hasPrevious || overview.data.next
                      ? t.overview.noChartDataPage
                      : t.overview.noChartData
                  }
                />
              </Card>
            )}
          </>
        )}
      </Space>
    </>
  );
}
