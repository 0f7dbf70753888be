import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popover, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useHospitalNames, useMayCall } from '../../api/queries.ts';
import { HospitalSelect } from '../../components/hospital-select.tsx';
import { useCursorPages, useVendorQueue } from '../../api/ticket-queries.ts';
import { Pager } from '../../components/pager.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import { clockStateAt, type ClockState } from '../../sla/countdown.ts';
import { useNow } from '../../sla/use-now.ts';
import {
  readViews,
  withView,
  writeViews,
  type QueueFilters,
  type SavedView,
} from './saved-views.ts';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { TicketTable, ticketSheet } from './ticket-table.tsx';

const severities = ['fatal', 'serious', 'minor'] as const;
const states: ClockState[] = ['breached', 'at-risk', 'pending', 'met'];

/**
 * The engineer's queue: every hospital's open tickets, the nearest SLA deadline first, one page at
 * a time (上一页/下一页); the filters sift the page shown.
 */
export function QueuePage() {
  const t = useT();
  const { message } = App.useApp();
  const may = useMayCall();
  const pages = useCursorPages();
  const queue = useVendorQueue(pages.cursor);
  const now = useNow();
  const [filters, setFilters] = useState<QueueFilters>({});
  const [views, setViews] = useState<SavedView[]>(() => readViews());
  const [viewName, setViewName] = useState('');

  // Filtered on each tick: the state filter moves with the clock, and the list is short.
  const rows = (queue.data?.items ?? []).filter((ticket) => {
    if (filters.hospitalId && ticket.hospitalId !== filters.hospitalId) return false;
    if (filters.severity && ticket.severity !== filters.severity) return false;
    if (filters.state) {
      const state =
        ticket.nextDeadline === null
          ? 'met'
          : clockStateAt(
              { startedAt: ticket.reportedAt, deadline: ticket.nextDeadline, completedAt: null },
              now,
            );
      if (state !== filters.state) return false;
    }
    return true;
  });
  const names = useHospitalNames(rows.map((ticket) => ticket.hospitalId));

  const saveView = () => {
    const name = viewName.trim();
    if (!name) return;
    const next = withView(views, { name, filters });
    setViews(next);
    writeViews(next);
    setViewName('');
    void message.success(t.tickets.viewSaved(name));
  };
  const deleteView = (name: string) => {
    const next = views.filter((v) => v.name !== name);
    setViews(next);
    writeViews(next);
  };

  return (
    <>
      <PageHeader
        title={t.tickets.queueTitle}
        extra={
          <Space wrap>
            <ExportButton
              disabled={rows.length === 0 || names.isPending}
              fileName={`${t.tickets.queueTitle}-${todayInBeijing()}.xlsx`}
              sheet={() => ticketSheet(rows, t, names.nameOf)}
            />
            {may('createTicket') ? (
              <Link to="/tickets/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t.nav.report}
                </Button>
              </Link>
            ) : null}
          </Space>
        }
      />
      <Card size="small">
        <div className="table-toolbar">
          <Space wrap size={8}>
            <HospitalSelect
              allowClear
              placeholder={t.tickets.filterHospital}
              style={{ width: 170 }}
              value={filters.hospitalId}
              onChange={(hospitalId) => setFilters((f) => ({ ...f, hospitalId }))}
              data-testid="filter-hospital"
            />
            <Select
              allowClear
              placeholder={t.tickets.filterSeverity}
              style={{ width: 130 }}
              value={filters.severity}
              onChange={(severity?: QueueFilters['severity']) =>
                setFilters((f) => ({ ...f, severity }))
              }
              options={severities.map((s) => ({ value: s, label: t.severities[s] }))}
              data-testid="filter-severity"
            />
            <Select
              allowClear
              placeholder={t.tickets.filterState}
              style={{ width: 140 }}
              value={filters.state}
              onChange={(state?: ClockState) => setFilters((f) => ({ ...f, state }))}
              options={states.map((s) => ({ value: s, label: t.tickets.states[s] }))}
              data-testid="filter-state"
            />
          </Space>
          <Space wrap size={4}>
            {views.map((v) => (
              <Tag.CheckableTag
                key={v.name}
                checked={JSON.stringify(v.filters) === JSON.stringify(filters)}
                onChange={() => setFilters(v.filters)}
              >
                {v.name}
                <DeleteOutlined
                  aria-label={t.tickets.deleteView}
                  style={{ marginInlineStart: 4 }}
                  onClick={(e) => {
                    e.stopPropagation();
                    deleteView(v.name);
                  }}
                />
              </Tag.CheckableTag>
            ))}
            <Popover
              trigger="click"
              content={
                <Space.Compact>
                  <Input
                    placeholder={t.tickets.viewName}
                    value={viewName}
                    maxLength={30}
                    onChange={(e) => setViewName(e.target.value)}
                    onPressEnter={saveView}
                  />
                  <Button type="primary" onClick={saveView} disabled={!viewName.trim()}>
                    {t.common.save}
                  </Button>
                </Space.Compact>
              }
            >
              <Button size="small" icon={<SaveOutlined />}>
                {t.tickets.saveView}
              </Button>
            </Popover>
          </Space>
        </div>
        {queue.isPending ? (
          <PageLoading rows={5} />
        ) : queue.isError ? (
          <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
        ) : (
          <>
            <TicketTable
              tickets={rows}
              showHospital
              emptyText={
                queue.data.items.length === 0 && !pages.hasPrevious
                  ? t.tickets.queueEmpty
                  : t.tickets.noMatch
              }
              testId="queue-table"
            />
            <Pager
              pages={pages}
              next={queue.data.next}
              loading={queue.isFetching}
              testId="queue-pager"
            />
          </>
        )}
      </Card>
    </>
  );
}
