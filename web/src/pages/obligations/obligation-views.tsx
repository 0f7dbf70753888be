import { Button, Calendar, Card, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Obligation } from '../../api/obligation-queries.ts';
import { useT } from '../../i18n/locale.tsx';
import { byDueDay, dueDay, kindsInOrder, type ObligationFilter } from './obligation-filter.ts';
import { obligationName } from './obligation-name.ts';

export const stateColors = {
  open: 'blue',
  awaiting: 'gold',
  done: 'green',
  overdue: 'red',
} as const;

/** One filter: empty means all; searchable by its Chinese labels. */
function FilterSelect<V extends string>(props: {
  width: number;
  placeholder: string;
  value: V | undefined;
  onChange: (v: V | null) => void;
  options: { value: V; label: string }[];
  testId: string;
}) {
  return (
    <Select<V | null>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: props.width }}
      placeholder={props.placeholder}
      value={props.value ?? null}
      onChange={(v) => props.onChange(v ?? null)}
      options={props.options}
      data-testid={props.testId}
    />
  );
}

/** 负责人, 状态, 事项 and 列表/月历, kept in the address by the page. */
export function ObligationFilterBar({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: ObligationFilter;
  onChange: (f: ObligationFilter) => void;
  shown: number;
  total: number;
}) {
  const t = useT();
  const f = t.obligationFilter;
  const set = <K extends 'owner' | 'state' | 'kind'>(key: K, value: ObligationFilter[K] | null) => {
    const next = { ...filter };
    if (value) next[key] = value;
    else delete next[key];
    onChange(next);
  };
  const filtered = Boolean(filter.owner || filter.state || filter.kind);
  return (
    <Card size="small">
      <Space wrap size={8} data-testid="obligation-filters">
        <Segmented
          value={filter.view}
          onChange={(view) => onChange({ ...filter, view: view as ObligationFilter['view'] })}
          options={[
            { value: 'list', label: f.list },
            { value: 'month', label: f.month },
          ]}
          data-testid="obligation-view"
        />
        <FilterSelect
          width={150}
          placeholder={f.allOwners}
          value={filter.owner}
          onChange={(v) => set('owner', v)}
          options={(['service-manager', 'support-engineer'] as const).map((v) => ({
            value: v,
            label: t.obligations.owners[v],
          }))}
          testId="filter-owner"
        />
        <FilterSelect
          width={120}
          placeholder={f.allStates}
          value={filter.state}
          onChange={(v) => set('state', v)}
          options={(['open', 'overdue', 'awaiting', 'done'] as const).map((v) => ({
            value: v,
            label: t.obligations.states[v],
          }))}
          testId="filter-state"
        />
        <FilterSelect
          width={170}
          placeholder={f.allKinds}
          value={filter.kind}
          onChange={(v) => set('kind', v)}
          options={kindsInOrder.map((v) => ({
            value: v,
            label: v === 'payment' ? t.obligations.payment : t.obligationKinds[v],
          }))}
          testId="filter-kind"
        />
        {filtered ? (
          <>
            <Typography.Text type="secondary" data-testid="filter-count">
              {f.shown(shown, total)}
            </Typography.Text>
            <Button
              size="small"
              type="link"
              onClick={() =>
                onChange({ view: filter.view, ...(filter.month ? { month: filter.month } : {}) })
              }
            >
              {f.clear}
            </Button>
          </>
        ) : null}
      </Space>
    </Card>
  );
}

/**
 * 月历: each day lists what falls due on it (an estimate while a year's holidays are missing), in
 * its state's colour; months are turned with the calendar's own header.
 */
export function ObligationMonth({
  obligations,
  month,
  onMonth,
}: {
  obligations: Obligation[];
  month: string;
  onMonth: (month: string) => void;
}) {
  const t = useT();
  const days = byDueDay(obligations, month);
  // 年 shows the year's months with how many items fall due in each; picking one opens it.
  const [mode, setMode] = useState<'month' | 'year'>('month');
  return (
    <Card size="small" data-testid="obligation-month" data-month={month} data-mode={mode}>
      <Calendar
        value={dayjs(`${month}-01`)}
        onPanelChange={(d, next) => {
          setMode(next);
          onMonth(d.format('YYYY-MM'));
        }}
        onSelect={(d, info) => {
          if (info.source === 'month') setMode('month');
          if (info.source !== 'date') onMonth(d.format('YYYY-MM'));
        }}
        mode={mode}
        cellRender={(d, info) => {
          if (info.type === 'month') {
            const n = obligations.filter((o) => dueDay(o).startsWith(d.format('YYYY-MM'))).length;
            return n > 0 ? (
              <Tag data-testid={`due-in-${d.format('YYYY-MM')}`}>{t.obligationFilter.dueIn(n)}</Tag>
            ) : null;
          }
          if (info.type !== 'date') return info.originNode;
          const due = days.get(d.format('YYYY-MM-DD')) ?? [];
          return (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              {due.map((o) => (
                <Tooltip
                  key={o.id}
                  title={`${obligationName(t, o)} · ${t.obligations.states[o.state]}`}
                >
                  <Tag
                    color={stateColors[o.state]}
                    style={{
                      marginInlineEnd: 0,
                      maxWidth: '100%',
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                    }}
                    data-testid={`due-on-${dueDay(o)}`}
                    data-obligation={o.id}
                  >
                    {obligationName(t, o)}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          );
        }}
      />
    </Card>
  );
}
