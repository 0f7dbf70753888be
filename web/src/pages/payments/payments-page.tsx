import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { renewalEligibility } from '@weibao/domain/renewal';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { useContract, useCurrentUser, useMayCall } from '../../api/queries.ts';
import {
  recordKeys,
  useEvaluations,
  usePayments,
  type MilestoneView,
} from '../../api/record-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatBp, formatCny } from '../../format/format.ts';
import { milestoneShareText } from '../../format/milestone-share.ts';
import { fenFromYuanText } from '../../format/yuan-input.ts';
import { useLocale, useT } from '../../i18n/locale.tsx';
import type { Messages } from '../../i18n/messages.ts';
import { contractPath, useContractCrumbs } from '../records/contract-crumbs.ts';

type Reason = NonNullable<MilestoneView['eligibility']['reasons']>[number];
type EventAction = 'invoice-sent' | 'invoice-received' | 'paid';
const vendorRoles = new Set(['vendor-admin', 'service-manager']);

const eligibilityColors = {
  eligible: 'green',
  'awaiting-manual-decision': 'orange',
  'not-eligible': 'default',
} as const;

/** The API's reason in Chinese as written; in English, its code with the quarters it names. */
export function reasonText(t: Messages, locale: string, r: Reason): string {
  if (locale !== 'en') return r.message;
  const label = (t.payments.reasons as Record<string, string>)[r.code] ?? r.code;
  const which = r.quarters ?? r.periods;
  if (which?.length) return `${label}: ${which.map((q) => `Q${q}`).join(', ')}`;
  if (r.invoiceableFrom) return `${label} ${r.invoiceableFrom}`;
  return label;
}

/** Which payment records this role may enter: the invoice is the vendor's, receipt and payment either side's. */
export function paymentActionsFor(role: string, m: MilestoneView): EventAction[] {
  const isVendor = vendorRoles.has(role);
  const out: EventAction[] = [];
  if (isVendor && m.eligibility.status === 'eligible' && !m.record?.invoiceSentOn)
    out.push('invoice-sent');
  if (
    (isVendor || role === 'hospital-it') &&
    m.record?.invoiceSentOn &&
    !m.record.invoiceReceivedOn
  )
    out.push('invoice-received');
  if ((isVendor || role === 'hospital-it') && m.record?.invoiceReceivedOn && !m.record.paidOn)
    out.push('paid');
  return out;
}

interface EventValues {
  action: EventAction;
  on: Dayjs;
  invoiceNumber?: string;
  amount?: string;
}

function PaymentEventModal({
  hospitalId,
  contractId,
  view,
  actions,
  onClose,
}: {
  hospitalId: string;
  contractId: string;
  view: MilestoneView;
  actions: EventAction[];
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const [form] = Form.useForm<EventValues>();
  const action = Form.useWatch('action', form) ?? actions[0];
  const save = useMutation({
    mutationFn: (v: EventValues) => {
      const on = v.on.format('YYYY-MM-DD');
      const version = view.record?.version ?? 0;
      const params = { hospitalId, contractId, milestoneId: view.milestone.id };
      const body =
        v.action === 'invoice-sent'
          ? {
              action: v.action,
              version,
              on,
              ...(v.invoiceNumber?.trim() ? { invoiceNumber: v.invoiceNumber.trim() } : {}),
            }
          : v.action === 'invoice-received'
            ? { action: v.action, version, on }
            : { action: v.action, version, on, amountFen: fenFromYuanText(v.amount ?? '') ?? 0 };
      return api.call('recordPaymentEvent', { params, body });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: recordKeys.payments(hospitalId, contractId) });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${t.milestoneKinds[view.milestone.kind]} · ${t.payments.record}`}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ action: actions[0] }}
      >
        <Form.Item name="action" label={t.payments.event}>
          <Select options={actions.map((a) => ({ value: a, label: t.payments.actions[a] }))} />
        </Form.Item>
        <Form.Item
          name="on"
          label={t.payments.on}
          rules={[{ required: true, message: t.contracts.required }]}
        >
          <DatePicker />
        </Form.Item>
        {action === 'invoice-sent' ? (
          <Form.Item name="invoiceNumber" label={t.payments.invoiceNumber}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        {action === 'paid' ? (
          <Form.Item
            name="amount"
            label={t.payments.paidAmount}
            rules={[
              { required: true, message: t.contracts.required },
              {
                validator: (_, v: string | undefined) =>
                  !v || fenFromYuanText(v) !== null
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.payments.badAmount)),
              },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" />
          </Form.Item>
        ) : null}
      </Form>
      {save.isError ? (
        save.error instanceof ApiError && save.error.isConflict ? (
          <Alert
            type="warning"
            showIcon
            title={t.evaluations.conflict}
            description={save.error.message}
          />
        ) : (
          <ProblemAlert error={save.error} />
        )
      ) : null}
    </Modal>
  );
}

/** 续签: shown to contract managers; when not allowed, the reasons instead of the button. */
function Renewal({ hospitalId, contractId }: { hospitalId: string; contractId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useApi();
  const navigate = useNavigate();
  const may = useMayCall();
  const contract = useContract(hospitalId, contractId);
  const evaluations = useEvaluations(hospitalId, contractId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ signedOn: Dayjs }>();
  const renew = useMutation({
    mutationFn: (signedOn: string) =>
      api.call('renewContract', { params: { hospitalId, contractId }, body: { signedOn } }),
    onSuccess: (next) => {
      setOpen(false);
      void navigate(contractPath(next.hospitalId, next.id));
    },
  });
  if (!may('renewContract') || !contract.data || !evaluations.data) return null;
  const annual = evaluations.data.find((e) => e.id === 'annual');
  const eligibility = renewalEligibility(contract.data.terms, annual?.rating?.overall ?? null);
  return (
    <Card size="small" title={t.payments.renewal} data-testid="renewal">
      {eligibility.eligible ? (
        <Button type="primary" onClick={() => setOpen(true)} data-testid="renew-contract">
          {t.payments.renew(eligibility.renewalNumber)}
        </Button>
      ) : (
        <Alert
          type="info"
          showIcon
          title={t.payments.renewalRefused}
          data-testid="renewal-refused"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {eligibility.reasons.map((r) => (
                <li key={r.code}>
                  {locale === 'en'
                    ? ((t.payments.reasons as Record<string, string>)[r.code] ?? r.code)
                    : r.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {renew.isError && !open ? <ProblemAlert error={renew.error} /> : null}
      <Modal
        open={open}
        title={t.payments.renewal}
        okText={t.payments.renewal}
        cancelText={t.common.cancel}
        confirmLoading={renew.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form.validateFields().then((v) => renew.mutate(v.signedOn.format('YYYY-MM-DD')))
        }
      >
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="signedOn"
            label={t.payments.signedOn}
            rules={[{ required: true, message: t.contracts.required }]}
          >
            <DatePicker />
          </Form.Item>
        </Form>
        {renew.isError ? <ProblemAlert error={renew.error} /> : null}
      </Modal>
    </Card>
  );
}

/** 付款: milestones with eligibility and its reasons, amounts after deductions, due dates, 违约金. */
export function PaymentsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { hospitalId = '', contractId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const payments = usePayments(hospitalId, contractId);
  const [editing, setEditing] = useState<MilestoneView | null>(null);
  const header = <PageHeader title={t.payments.title} crumbs={crumbs} />;
  if (payments.isPending) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (payments.isError) {
    return (
      <>
        {header}
        <QueryError error={payments.error} onRetry={() => void payments.refetch()} />
      </>
    );
  }
  const columns: TableColumnsType<MilestoneView> = [
    {
      title: t.payments.milestone,
      key: 'kind',
      render: (_, m) => (
        <span className="nowrap">
          {t.milestoneKinds[m.milestone.kind]} ·{' '}
          {milestoneShareText(
            m.milestone,
            payments.data.map((x) => x.milestone),
            t.contracts,
          )}
        </span>
      ),
    },
    {
      title: t.payments.eligibility,
      key: 'eligibility',
      render: (_, m) => (
        <div data-testid={`eligibility-${m.milestone.id}`}>
          <Tag color={eligibilityColors[m.eligibility.status]}>
            {t.payments.statuses[m.eligibility.status]}
          </Tag>
          <Typography.Text type="secondary" className="nowrap">
            {t.payments.invoiceableFrom} {m.eligibility.invoiceableFrom}
          </Typography.Text>
          {m.eligibility.reasons?.length ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {m.eligibility.reasons.map((r) => (
                <li key={r.code}>{reasonText(t, locale, r)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ),
    },
    {
      title: t.payments.amount,
      key: 'amount',
      align: 'right',
      render: (_, m) =>
        m.amount ? (
          <div>
            <strong className="money" data-testid={`amount-${m.milestone.id}`}>
              {formatCny(m.amount.amountFen)}
            </strong>
            {m.amount.computedFen !== m.amount.amountFen ? (
              <div className="secondary-text money">
                {t.payments.computed} {formatCny(m.amount.computedFen)}
              </div>
            ) : null}
            <div className="secondary-text">{t.payments.bases[m.amount.basis]}</div>
          </div>
        ) : (
          <Typography.Text type="secondary">{m.amountNote ?? '—'}</Typography.Text>
        ),
    },
    {
      title: t.payments.deductions,
      key: 'deductions',
      align: 'right',
      responsive: ['sm'],
      render: (_, m) => <span className="money">{formatCny(m.deductionsFen)}</span>,
    },
    {
      title: t.payments.progress,
      key: 'record',
      responsive: ['md'],
      render: (_, m) => {
        const r = m.record;
        if (!r) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <div className="nowrap">
            {r.invoiceSentOn ? (
              <div>
                {t.payments.actions['invoice-sent']} {r.invoiceSentOn}
                {r.invoiceNumber ? ` · ${r.invoiceNumber}` : ''}
              </div>
            ) : null}
            {r.invoiceReceivedOn ? (
              <div>
                {t.payments.actions['invoice-received']} {r.invoiceReceivedOn}
              </div>
            ) : null}
            {r.paidOn ? (
              <div>
                {t.payments.actions.paid} {r.paidOn}
                {r.paidFen !== null ? (
                  <span className="money"> · {formatCny(r.paidFen)}</span>
                ) : null}
              </div>
            ) : null}
          </div>
        );
      },
    },
    {
      title: t.payments.dueOn,
      key: 'due',
      render: (_, m) => (
        <div>
          <span className="nowrap">{m.dueOn ?? '—'}</span>
          {m.calendarNote ? <div className="secondary-text">{m.calendarNote}</div> : null}
        </div>
      ),
    },
    {
      title: t.payments.liquidatedDamages,
      key: 'ld',
      align: 'right',
      render: (_, m) =>
        m.liquidatedDamages ? (
          <div data-testid={`ld-${m.milestone.id}`}>
            <span className="money">{formatCny(m.liquidatedDamages.amountFen)}</span>
            <div className="secondary-text">
              {t.payments.lateDays(m.liquidatedDamages.workingDaysLate)} ·{' '}
              {formatBp(m.liquidatedDamages.rateBp)}
              {m.liquidatedDamages.capped ? ` · ${t.ledger.capped}` : ''}
            </div>
          </div>
        ) : (
          '—'
        ),
    },
    ...(may('recordPaymentEvent')
      ? [
          {
            title: t.tickets.actions,
            key: 'actions',
            render: (_: unknown, m: MilestoneView) =>
              paymentActionsFor(me.role, m).length > 0 ? (
                <Button
                  size="small"
                  onClick={() => setEditing(m)}
                  data-testid={`record-${m.milestone.id}`}
                >
                  {t.payments.record}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      {header}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Table<MilestoneView>
            size="small"
            rowKey={(m) => m.milestone.id}
            columns={columns}
            dataSource={payments.data}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t.payments.empty }}
            data-testid="payments-table"
          />
        </Card>
        <Renewal hospitalId={hospitalId} contractId={contractId} />
      </Space>
      {editing ? (
        <PaymentEventModal
          hospitalId={hospitalId}
          contractId={contractId}
          view={editing}
          actions={paymentActionsFor(me.role, editing)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
