import { Card, Descriptions, Tag } from 'antd';
import { changeOverdue } from '@weibao/domain/tickets/change-request';
import type { Ticket } from '../../api/ticket-queries.ts';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { beijingDay } from './ticket-search.ts';

type Change = NonNullable<Ticket['change']>;

/** 审批 as the list and the page show it: 待审批, 已批准 or 已拒绝. */
export const approvalOf = (c: Pick<Change, 'progress'>) =>
  c.progress === 'pending' ? 'pending' : c.progress === 'declined' ? 'declined' : 'approved';

/** The progress tag of a change request, with 逾期 beside it when its requested day has passed. */
export function ChangeTags({ change, now }: { change: Change; now: Date }) {
  const t = useT();
  const color =
    change.progress === 'declined'
      ? 'default'
      : change.progress === 'done'
        ? 'green'
        : change.progress === 'pending'
          ? 'gold'
          : 'blue';
  return (
    <>
      <Tag color={color} data-testid="change-progress">
        {t.changes.progresses[change.progress]}
      </Tag>
      {changeOverdue(change, now) ? (
        <Tag color="red" data-testid="change-overdue">
          {t.changes.overdue}
        </Tag>
      ) : null}
    </>
  );
}

/** A change request's requested date, approval and progress, for everybody who sees the ticket. */
export function ChangeCard({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const c = ticket.change;
  const d = c?.decision ?? null;
  return (
    <Card
      size="small"
      title={t.changes.title}
      extra={c ? <ChangeTags change={c} now={new Date()} /> : null}
      data-testid="change-card"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'dueOn', label: t.changes.dueOn, children: c?.dueOn ?? t.changes.notSet },
          {
            key: 'approval',
            label: t.changes.approval,
            children: t.changes.approvals[c ? approvalOf(c) : 'pending'],
          },
          {
            key: 'decidedBy',
            label: t.changes.decidedBy,
            children: d ? `${d.by.name} · ${formatShanghai(d.at)}` : '—',
          },
          ...(d && !d.approved
            ? [{ key: 'reason', label: t.changes.declineReason, children: d.reason ?? '—' }]
            : []),
          {
            key: 'progress',
            label: t.changes.progress,
            children: t.changes.progresses[c?.progress ?? 'pending'],
          },
          {
            key: 'completed',
            label: t.changes.completedOn,
            children: c?.completedAt ? beijingDay(c.completedAt) : '—',
          },
        ]}
      />
    </Card>
  );
}
