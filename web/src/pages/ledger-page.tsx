import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { useContract, useCurrentUser, useHospital, useMayCall } from '../api/queries.ts';
import { ticketKeys, useLedger, type LedgerEntry } from '../api/ticket-queries.ts';
import { useApi } from '../auth/auth-context.tsx';
import { ExportButton, todayInBeijing } from '../export/export-button.tsx';
import { PrintButton, PrintStamp, usePrinting } from '../components/print-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../components/page-states.tsx';
import { SeverityTag } from '../components/sla-tags.tsx';
import { formatBp, formatCny, formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';
import { hospitalCrumbs } from './hospital-page.tsx';
import { PersonName } from '../components/person-name.tsx';

const vendorRoles = new Set(['vendor-admin', 'service-manager', 'support-engineer']);

type Standing = 'standing' | 'disputed' | 'upheld' | 'rejected';

/** An entry counts unless a dispute of it was upheld (as the API's summary counts it). */
export function standingOf(entry: Pick<LedgerEntry, 'disputes'>): Standing {
  if (entry.disputes.some((d) => d.outcome?.upheld)) return 'upheld';
  if (entry.disputes.some((d) => d.outcome === null)) return 'disputed';
  if (entry.disputes.length > 0) return 'rejected';
  return 'standing';
}

const standingColor: Record<Standing, string> = {
  standing: 'red',
  disputed: 'warning',
  upheld: 'default',
  rejected: 'red',
};

type DisputeAction = { kind: 'raise' | 'decide'; entry: LedgerEntry };

function DisputeModal({ action, onClose }: { action: DisputeAction; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { entry } = action;
  const [form] = Form.useForm<{ reason?: string; upheld?: boolean; note?: string }>();
  const open = entry.disputes.find((d) => d.outcome === null);
  const submit = useMutation({
    mutationFn: (v: { reason?: string; upheld?: boolean; note?: string }) =>
      api.call('disputeLedgerEntry', {
        params: { hospitalId: entry.hospitalId, contractId: entry.contractId, entryId: entry.id },
        body:
          action.kind === 'raise'
            ? { action: 'raise', version: entry.version, reason: v.reason ?? '' }
            : {
                action: 'decide',
                version: entry.version,
                disputeId: open?.id ?? '',
                upheld: v.upheld ?? false,
                note: v.note ?? '',
              },
      }),
    onSettled: () =>
      client.invalidateQueries({ queryKey: ticketKeys.ledger(entry.hospitalId, entry.contractId) }),
    onSuccess: onClose,
  });
  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  const conflict = submit.error instanceof ApiError && submit.error.isConflict;
  return (
    <Modal
      open
      title={action.kind === 'raise' ? t.ledger.raise : t.ledger.decide}
      okText={t.tickets.submit}
      cancelText={t.common.cancel}
      confirmLoading={submit.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => submit.mutate(v))}
      okButtonProps={{ 'data-testid': 'dispute-submit' } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph type="secondary">
        {formatCny(entry.amountFen)} · {entry.reason}
      </Typography.Paragraph>
      {open && action.kind === 'decide' ? (
        <Typography.Paragraph className="pre-text">
          {t.ledger.disputeReason}：{open.reason}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" requiredMark={false}>
        {action.kind === 'raise' ? (
          <Form.Item name="reason" label={t.ledger.disputeReason} rules={required}>
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={5000}
              data-testid="dispute-reason"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="upheld"
              label={t.ledger.outcome}
              rules={[{ required: true, message: t.contracts.required }]}
            >
              <Radio.Group
                options={[
                  { value: true, label: t.ledger.upheldLabel },
                  { value: false, label: t.ledger.rejectedLabel },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t.ledger.decisionNote} rules={required}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
            </Form.Item>
          </>
        )}
      </Form>
      {submit.isError ? (
        conflict ? (
          <Alert type="warning" showIcon title={t.tickets.conflict} />
        ) : (
          <ProblemAlert error={submit.error} />
        )
      ) : null}
    </Modal>
  );
}

/** The deduction ledger of a contract: each entry with its ticket, rule and disputes. */
export function LedgerPage() {
  const t = useT();
  const { hospitalId = '', contractId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const hospital = useHospital(hospitalId);
  const contract = useContract(hospitalId, contractId);
  const ledger = useLedger(hospitalId, contractId);
  const [action, setAction] = useState<DisputeAction | null>(null);
  const printing = usePrinting();
  const meVendor = vendorRoles.has(me.role);

  const crumbs = [
    ...hospitalCrumbs(me.hospitalId === null, t, hospital.data),
    ...(contract.data
      ? [
          {
            title: contract.data.terms.name,
            to: `/hospitals/${encodeURIComponent(hospitalId)}/contracts/${contractId}`,
          },
        ]
      : []),
  ];
  const entriesShown = ledger.data ?? [];
  const header = (
    <PageHeader
      title={t.ledger.title}
      crumbs={crumbs}
      extra={
        may('listLedger') ? (
          <Space wrap>
            <PrintButton />
            <ExportButton
              disabled={entriesShown.length === 0}
              fileName={`${hospital.data?.name ?? hospitalId}-${t.ledger.title}-${todayInBeijing()}.xlsx`}
              sheet={() => ({
                name: t.ledger.title,
                columns: [
                  { header: t.ledger.occurredAt, width: 20 },
                  { header: t.ledger.ticket, width: 18 },
                  { header: t.ledger.rule, width: 24 },
                  { header: t.tickets.severity, width: 10 },
                  { header: t.ledger.base, width: 16, money: true },
                  { header: t.ledger.rate, width: 8 },
                  { header: t.ledger.amount, width: 14, money: true },
                  { header: t.ledger.state, width: 10 },
                  { header: t.ledger.reason, width: 40 },
                ],
                rows: entriesShown.map((e) => [
                  formatShanghai(e.occurredAt),
                  e.ticketNumber ?? '',
                  t.triggers[e.trigger as 'late-response'] ?? e.trigger,
                  t.severities[e.severity],
                  e.baseFen,
                  formatBp(e.rateBp),
                  e.amountFen,
                  t.ledger[standingOf(e)],
                  e.reason,
                ]),
              })}
            />
          </Space>
        ) : null
      }
    />
  );
  if (!may('listLedger')) {
    return (
      <>
        {header}
        <Alert type="info" showIcon title={t.ledger.noAccess} />
      </>
    );
  }
  if (ledger.isPending)
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  if (ledger.isError) {
    return (
      <>
        {header}
        <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} />
      </>
    );
  }
  const entries = ledger.data;
  const standingFen = entries
    .filter((e) => standingOf(e) !== 'upheld')
    .reduce((sum, e) => sum + e.amountFen, 0);
  const withdrawnFen = entries
    .filter((e) => standingOf(e) !== 'standing' && standingOf(e) !== 'rejected')
    .reduce((sum, e) => sum + e.amountFen, 0);
  const columns: TableColumnsType<LedgerEntry> = [
    {
      title: t.ledger.occurredAt,
      key: 'at',
      width: 160,
      render: (_, e) => <span className="nowrap">{formatShanghai(e.occurredAt)}</span>,
    },
    {
      title: t.ledger.ticket,
      key: 'ticket',
      width: 150,
      render: (_, e) => (
        <Link to={`/hospitals/${encodeURIComponent(e.hospitalId)}/tickets/${e.ticketId}`}>
          {e.ticketNumber ?? t.ledger.ticket}
        </Link>
      ),
    },
    {
      title: t.ledger.rule,
      key: 'rule',
      responsive: ['sm'],
      render: (_, e) => (
        <Space size={4} wrap>
          <span>{t.triggers[e.trigger as 'late-response'] ?? e.trigger}</span>
          <SeverityTag severity={e.severity} />
        </Space>
      ),
    },
    {
      title: t.ledger.base,
      key: 'base',
      align: 'right',
      responsive: ['lg'],
      render: (_, e) => (
        <span className="money">
          {formatCny(e.baseFen)} × {formatBp(e.rateBp)}
        </span>
      ),
    },
    {
      title: t.ledger.amount,
      key: 'amount',
      align: 'right',
      width: 120,
      render: (_, e) => (
        <span className="money" data-testid="ledger-amount">
          {formatCny(e.amountFen)}
          {e.capped ? <Tag style={{ marginInlineStart: 4 }}>{t.ledger.capped}</Tag> : null}
        </span>
      ),
    },
    {
      title: t.ledger.state,
      key: 'state',
      width: 110,
      render: (_, e) => {
        const s = standingOf(e);
        return <Tag color={standingColor[s]}>{t.ledger[s]}</Tag>;
      },
    },
    {
      title: t.tickets.actions,
      key: 'actions',
      width: 110,
      className: 'no-print',
      render: (_, e) => {
        if (!may('disputeLedgerEntry')) return null;
        const open = e.disputes.find((d) => d.outcome === null);
        if (!open) {
          return (
            <Button
              size="small"
              onClick={() => setAction({ kind: 'raise', entry: e })}
              data-testid="raise-dispute"
            >
              {t.ledger.raise}
            </Button>
          );
        }
        // The other side decides a dispute, never the side that raised it.
        const raisedByVendor = vendorRoles.has(open.raisedBy.role);
        if (raisedByVendor === meVendor) return null;
        return (
          <Button
            size="small"
            type="primary"
            onClick={() => setAction({ kind: 'decide', entry: e })}
          >
            {t.ledger.decide}
          </Button>
        );
      },
    },
  ];
  return (
    <>
      {header}
      <PrintStamp
        subject={`${hospital.data?.name ?? ''} · ${contract.data?.terms.name ?? ''} · ${t.ledger.title}`}
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div className="stat-grid">
          <Card size="small">
            <Typography.Text type="secondary">{t.ledger.totalStanding}</Typography.Text>
            <div
              className="money"
              style={{ fontSize: 20, fontWeight: 600 }}
              data-testid="ledger-total"
            >
              {formatCny(standingFen)}
            </div>
          </Card>
          <Card size="small">
            <Typography.Text type="secondary">{t.ledger.totalDisputed}</Typography.Text>
            <div className="money" style={{ fontSize: 20, fontWeight: 600 }}>
              {formatCny(withdrawnFen)}
            </div>
          </Card>
        </div>
        <Card size="small">
          <Table<LedgerEntry>
            size="small"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            columns={columns}
            dataSource={entries}
            pagination={entries.length > 50 && !printing ? { pageSize: 50, size: 'small' } : false}
            locale={{ emptyText: t.ledger.empty }}
            data-testid="ledger-table"
            expandable={{
              expandedRowRender: (e) => (
                <div>
                  <div className="pre-text">{e.reason}</div>
                  <Typography.Paragraph
                    type="secondary"
                    className="pre-text"
                    style={{ margin: '4px 0' }}
                  >
                    {t.common.sourceText}：{e.sourceText}
                  </Typography.Paragraph>
                  {e.disputes.map((d, i) => (
                    <div key={d.id} style={{ marginTop: 6 }}>
                      {/* The dispute's id is the system's; people count them: 异议 #1, #2 */}
                      <Typography.Text strong>
                        {t.ledger.disputes} #{i + 1}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {t.ledger.raisedBy} <PersonName who={d.raisedBy} fallback={'—'} /> ·{' '}
                        {formatShanghai(d.raisedAt)}
                      </Typography.Text>
                      <div className="pre-text">{d.reason}</div>
                      {d.outcome ? (
                        <div className="pre-text">
                          {t.ledger.decidedBy}{' '}
                          <PersonName who={d.outcome.decidedBy} fallback={'—'} /> ·{' '}
                          {formatShanghai(d.outcome.decidedAt)} ·{' '}
                          {d.outcome.upheld ? t.ledger.upheldLabel : t.ledger.rejectedLabel}：
                          {d.outcome.note}
                        </div>
                      ) : null}
                    </div>
                  ))}
                </div>
              ),
            }}
          />
        </Card>
      </Space>
      {action ? <DisputeModal action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
