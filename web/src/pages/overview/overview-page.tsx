import { Card, Empty, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useHospitals, type Hospital } from '../../api/queries.ts';
import {
  ticketKeys,
  useDeductionSummary,
  useVendorQueue,
  type Ticket,
} from '../../api/ticket-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { EChart, type BarOption } from '../../components/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { formatBp, formatCny } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { clockStateAt } from '../../sla/countdown.ts';
import { lastYear, quarterToDate } from '../../sla/quarters.ts';
import { useNow } from '../../sla/use-now.ts';
import { TicketTable } from '../tickets/ticket-table.tsx';
import {
  breachesByHospital,
  complianceByHospitalQuarter,
  deductionsByHospital,
  deductionsByHospitalQuarter,
} from './aggregate.ts';

const severities = ['fatal', 'serious', 'minor'] as const;
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: string | number;
  color?: string;
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

/** Open tickets by severity and the nearest deadlines, re-counted each second as clocks move. */
function OpenTicketsCard({ hospitals }: { hospitals: Hospital[] | undefined }) {
  const t = useT();
  const now = useNow();
  const queue = useVendorQueue();
  const open = queue.data ?? [];
  const stateOf = (tk: Ticket) =>
    tk.nextDeadline === null
      ? 'met'
      : clockStateAt(
          { startedAt: tk.reportedAt, deadline: tk.nextDeadline, completedAt: null },
          now,
        );
  const breachedOpen = open.filter((tk) => stateOf(tk) === 'breached').length;
  const atRiskOpen = open.filter((tk) => stateOf(tk) === 'at-risk').length;
  return (
    <Card
      size="small"
      title={t.overview.openBySeverity}
      extra={<Link to="/queue">{t.overview.viewAll}</Link>}
    >
      {queue.isPending ? (
        <PageLoading rows={2} />
      ) : queue.isError ? (
        <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div className="stat-grid">
            {severities.map((s) => (
              <Stat
                key={s}
                label={t.severities[s]}
                value={open.filter((tk) => tk.severity === s).length}
                color={s === 'fatal' ? '#cf1322' : s === 'serious' ? '#d46b08' : undefined}
                testId={`open-${s}`}
              />
            ))}
            <Stat
              label={t.overview.atRiskOpen}
              value={atRiskOpen}
              color="#d48806"
              testId="open-at-risk"
            />
            <Stat
              label={t.overview.breachedOpen}
              value={breachedOpen}
              color="#cf1322"
              testId="open-breached"
            />
          </div>
          <TicketTable
            tickets={open.slice(0, 8)}
            hospitals={hospitals}
            showHospital
            emptyText={t.tickets.queueEmpty}
            testId="overview-queue"
          />
        </Space>
      )}
    </Card>
  );
}

/** Every hospital's tickets of the last year: one paged Query per hospital (tickets by report time). */
function useAllTickets(hospitals: Hospital[] | undefined) {
  const api = useApi();
  return useQueries({
    queries: (hospitals ?? []).map((h) => ({
      queryKey: ticketKeys.tickets(h.id),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const items: Ticket[] = [];
        let cursor: string | undefined;
        do {
          const page = await api.call('listTickets', {
            params: { hospitalId: h.id },
            query: { limit: 100, ...(cursor ? { cursor } : {}) },
            signal,
          });
          items.push(...page.items);
          cursor = page.next ?? undefined;
        } while (cursor);
        return items;
      },
    })),
  });
}

/** The vendor's home: open tickets with their countdowns, breaches and deductions per hospital. */
export function OverviewPage() {
  const t = useT();
  const hospitals = useHospitals();
  // The page itself does not tick (the charts would redraw); only the open-tickets card does.
  const [opened] = useState(() => Date.now());
  const quarter = useMemo(() => quarterToDate(opened), [opened]);
  const year = useMemo(() => lastYear(opened), [opened]);
  const quarterSummary = useDeductionSummary(quarter);
  const yearSummary = useDeductionSummary(year);
  const tickets = useAllTickets(hospitals.data);
  const ticketsReady = tickets.length > 0 && tickets.every((q) => q.isSuccess);
  const allTickets = ticketsReady ? tickets.flatMap((q) => q.data ?? []) : [];
  const nameOf = (id: string) => hospitals.data?.find((h) => h.id === id)?.name ?? id;
  const compliance = complianceByHospitalQuarter(allTickets, shanghaiMidnight(year.from));
  const breaches = breachesByHospital(allTickets, shanghaiMidnight(quarter.from));

  const complianceOption = ((): BarOption => {
    const quarters = [...new Set(compliance.map((c) => c.quarter))].sort();
    const ids = [...new Set(compliance.map((c) => c.hospitalId))];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
      legend: { top: 0 },
      grid: { left: 40, right: 12, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: quarters },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: ids.map((id) => ({
        type: 'bar',
        name: nameOf(id),
        data: quarters.map((q) => {
          const cell = compliance.find((c) => c.hospitalId === id && c.quarter === q);
          return cell?.compliantBp == null ? null : cell.compliantBp / 100;
        }),
      })),
    };
  })();

  const deductionOption = ((): BarOption => {
    const byQuarter = deductionsByHospitalQuarter(yearSummary.data?.items ?? []);
    const ids = [...new Set((yearSummary.data?.items ?? []).map((r) => r.hospitalId))];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatCny(Math.round(Number(v) * 100)) },
      legend: { top: 0 },
      grid: { left: 64, right: 12, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: ids.map(nameOf) },
      yAxis: { type: 'value', axisLabel: { formatter: '¥{value}' } },
      series: [...byQuarter].map(([q, perHospital]) => ({
        type: 'bar',
        stack: 'deductions',
        name: t.overview.contractQuarter(q),
        // Chart values are yuan for the axis; labels and tooltips format the fen exactly.
        data: ids.map((id) => (perHospital.get(id) ?? 0) / 100),
      })),
    };
  })();

  const quarterRows = (() => {
    const sums = deductionsByHospital(quarterSummary.data?.items ?? []);
    const ids = new Set([...sums.keys(), ...breaches.keys()]);
    return [...ids].map((id) => ({
      hospitalId: id,
      amountFen: sums.get(id)?.amountFen ?? 0,
      entries: sums.get(id)?.entries ?? 0,
      breaches: breaches.get(id) ?? 0,
    }));
  })();
  type QuarterRow = (typeof quarterRows)[number];
  const quarterColumns: TableColumnsType<QuarterRow> = [
    {
      title: t.tickets.hospital,
      key: 'hospital',
      render: (_, r) => (
        <Link to={`/hospitals/${encodeURIComponent(r.hospitalId)}/tickets`}>
          {nameOf(r.hospitalId)}
        </Link>
      ),
    },
    {
      title: t.overview.breaches,
      key: 'breaches',
      align: 'right',
      width: 90,
      render: (_, r) => r.breaches,
    },
    {
      title: t.overview.entries,
      key: 'entries',
      align: 'right',
      width: 70,
      render: (_, r) => r.entries,
    },
    {
      title: t.ledger.amount,
      key: 'amount',
      align: 'right',
      width: 130,
      render: (_, r) => (
        <span className="money" data-testid={`quarter-deduction-${r.hospitalId}`}>
          {formatCny(r.amountFen)}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t.overview.title} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <OpenTicketsCard hospitals={hospitals.data} />
        <Card
          size="small"
          title={t.overview.deductionsQuarter}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.overview.deductionsQuarterHint(quarter.from, quarter.to)}
            </Typography.Text>
          }
        >
          {quarterSummary.isPending ? (
            <PageLoading rows={2} />
          ) : quarterSummary.isError ? (
            <QueryError
              error={quarterSummary.error}
              onRetry={() => void quarterSummary.refetch()}
            />
          ) : (
            <Table<QuarterRow>
              size="small"
              rowKey="hospitalId"
              columns={quarterColumns}
              dataSource={quarterRows}
              pagination={false}
              locale={{ emptyText: t.overview.noDeductions }}
              data-testid="quarter-deductions"
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    {t.overview.quarterTotal}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <span className="money" data-testid="quarter-total">
                      {formatCny(quarterSummary.data.totalFen)}
                    </span>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          )}
        </Card>
        <div className="chart-grid">
          <Card size="small" title={t.overview.complianceChart}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.overview.complianceHint}
            </Typography.Text>
            {tickets.some((q) => q.isError) ? (
              <QueryError
                error={tickets.find((q) => q.isError)?.error}
                onRetry={() => tickets.forEach((q) => void q.refetch())}
              />
            ) : !ticketsReady && (hospitals.isPending || tickets.some((q) => q.isPending)) ? (
              <PageLoading rows={4} />
            ) : compliance.length === 0 ? (
              <Empty description={t.overview.noChartData} />
            ) : (
              <>
                <EChart option={complianceOption} testId="compliance-chart" />
                <div className="sr-only" data-testid="compliance-figures">
                  {compliance
                    .map(
                      (c) => `${nameOf(c.hospitalId)} ${c.quarter} ${formatBp(c.compliantBp ?? 0)}`,
                    )
                    .join('；')}
                </div>
              </>
            )}
          </Card>
          <Card size="small" title={t.overview.deductionChart}>
            {yearSummary.isPending ? (
              <PageLoading rows={4} />
            ) : yearSummary.isError ? (
              <QueryError error={yearSummary.error} onRetry={() => void yearSummary.refetch()} />
            ) : yearSummary.data.items.length === 0 ? (
              <Empty description={t.overview.noChartData} />
            ) : (
              <EChart option={deductionOption} testId="deduction-chart" />
            )}
          </Card>
        </div>
      </Space>
    </>
  );
}
