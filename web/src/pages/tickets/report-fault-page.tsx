import { Button, Card, DatePicker, Form, Input, Radio, Result, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { useContracts, useCurrentUser, useHospitals } from '../../api/queries.ts';
import { ticketKeys, type TicketWithSla } from '../../api/ticket-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/page-states.tsx';
import { ClockCountdown } from '../../components/sla-tags.tsx';
import { useT } from '../../i18n/locale.tsx';
import { ticketPath } from './ticket-table.tsx';

type Values = {
  hospitalId: string;
  contractId?: string;
  subsystemId?: string;
  severity: 'fatal' | 'serious' | 'minor';
  title: string;
  description: string;
  channel?: 'phone' | 'fax' | 'email' | 'on-site';
  reportedAt?: Dayjs;
  reporterName?: string;
  kind: 'fault' | 'change-request' | 'template-change';
  dueOn?: Dayjs;
};

const formFields = [
  'contractId',
  'subsystemId',
  'severity',
  'title',
  'description',
  'channel',
  'reportedAt',
  'kind',
  'dueOn',
];

/** The contract's subsystems to pick from: the chosen contract, else the latest one. */
function SubsystemSelect({
  hospitalId,
  contractId,
}: {
  hospitalId: string;
  contractId?: string | undefined;
}) {
  const t = useT();
  const contracts = useContracts(hospitalId);
  const list = contracts.data ?? [];
  const contract = list.find((c) => c.id === contractId) ?? list[list.length - 1];
  return (
    <Form.Item name="subsystemId" label={t.tickets.subsystem}>
      <Select
        allowClear
        loading={contracts.isPending}
        options={(contract?.terms.subsystems ?? []).map((s) => ({ value: s.id, label: s.name }))}
        data-testid="report-subsystem"
      />
    </Form.Item>
  );
}

function ContractSelect({ hospitalId }: { hospitalId: string }) {
  const t = useT();
  const contracts = useContracts(hospitalId);
  if ((contracts.data?.length ?? 0) < 2) return null;
  return (
    <Form.Item name="contractId" label={t.tickets.contract}>
      <Select
        allowClear
        options={(contracts.data ?? []).map((c) => ({ value: c.id, label: c.terms.name }))}
      />
    </Form.Item>
  );
}

/**
 * A fault report (故障报告). Hospital users report for their hospital now; vendor staff enter a
 * phone or on-site report with the time the hospital gave it. Attachments: no API takes files
 * yet, so the form says so instead of offering an upload that goes nowhere.
 */
export function ReportFaultPage() {
  const t = useT();
  const me = useCurrentUser();
  const api = useApi();
  const client = useQueryClient();
  const [search] = useSearchParams();
  const isVendor = me.hospitalId === null;
  const hospitals = useHospitals();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<TicketWithSla | null>(null);
  const hospitalId =
    Form.useWatch('hospitalId', form) ?? me.hospitalId ?? search.get('hospital') ?? '';
  const contractId = Form.useWatch('contractId', form);
  const kind = Form.useWatch('kind', form) ?? 'fault';
  const create = useMutation({
    mutationFn: (v: Values) =>
      api.call('createTicket', {
        params: { hospitalId: v.hospitalId },
        body: {
          kind: v.kind,
          ...(v.kind !== 'fault' && v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}),
          severity: v.severity,
          title: v.title,
          description: v.description,
          ...(v.contractId ? { contractId: v.contractId } : {}),
          ...(v.subsystemId ? { subsystemId: v.subsystemId } : {}),
          ...(isVendor
            ? {
                channel: v.channel ?? 'phone',
                ...(v.reportedAt ? { reportedAt: v.reportedAt.toISOString() } : {}),
                ...(v.reporterName ? { reporter: { name: v.reporterName } } : {}),
              }
            : {}),
        },
      }),
    onSuccess: (answer) => {
      setCreated(answer);
      void client.invalidateQueries({
        queryKey: ticketKeys.tickets(answer.ticket.hospitalId),
        exact: true,
      });
      void client.invalidateQueries({ queryKey: ticketKeys.queue });
    },
    onError: (err) => {
      // Field errors land beside their fields; what was typed stays in the form.
      if (err instanceof ApiError) {
        form.setFields(
          err.fieldErrors
            .filter((e) => formFields.includes(e.path.split('.')[0] ?? ''))
            .map((e) => ({ name: e.path.split('.')[0] as keyof Values, errors: [e.message] })),
        );
      }
    },
  });

  if (created) {
    const response = created.sla?.clocks.find((c) => c.kind === 'response');
    return (
      <Card>
        <Result
          status="success"
          title={
            <span data-testid="created-number">{t.tickets.reported(created.ticket.number)}</span>
          }
          subTitle={
            response ? (
              <span>
                {t.tickets.responseDue}{' '}
                <ClockCountdown clock={response} testId="created-countdown" />
              </span>
            ) : null
          }
          extra={[
            <Link key="open" to={ticketPath(created.ticket)}>
              <Button type="primary">{t.tickets.viewTicket}</Button>
            </Link>,
            <Button
              key="again"
              onClick={() => {
                form.resetFields();
                create.reset();
                setCreated(null);
              }}
            >
              {t.tickets.reportAnother}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  return (
    <>
      <PageHeader title={kind === 'fault' ? t.tickets.reportTitle : t.changes.reportTitle} />
      <Card size="small" style={{ maxWidth: 760 }}>
        <Typography.Paragraph type="secondary">
          {kind === 'fault' ? t.tickets.reportHint : t.changes.reportHint}
        </Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ hospitalId, severity: 'serious', channel: 'phone', kind: 'fault' }}
          onFinish={(v) => create.mutate({ ...v, hospitalId })}
          data-testid="report-form"
        >
          {isVendor ? (
            <>
              <Form.Item name="hospitalId" label={t.tickets.hospital} rules={required}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={hospitals.isPending}
                  options={(hospitals.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
                />
              </Form.Item>
              <Form.Item name="channel" label={t.tickets.channel}>
                <Radio.Group
                  optionType="button"
                  options={(['phone', 'email', 'fax', 'on-site'] as const).map((c) => ({
                    value: c,
                    label: t.tickets.channels[c],
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="reportedAt"
                label={t.tickets.reportedAt}
                extra={t.tickets.reportedAtHelp}
              >
                <DatePicker showTime />
              </Form.Item>
              <Form.Item name="reporterName" label={t.tickets.reporter}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="kind" label={t.tickets.kind}>
            <Radio.Group
              optionType="button"
              options={(['fault', 'change-request', 'template-change'] as const).map((k) => ({
                value: k,
                label: t.tickets.kinds[k],
              }))}
              data-testid="report-kind"
            />
          </Form.Item>
          {kind !== 'fault' ? (
            <Form.Item
              name="dueOn"
              label={t.changes.dueOn}
              extra={t.changes.dueOnHelp}
              rules={[{ required: true, message: t.contracts.required }]}
            >
              <DatePicker data-testid="report-dueOn" />
            </Form.Item>
          ) : null}
          {hospitalId ? <ContractSelect hospitalId={hospitalId} /> : null}
          {hospitalId ? <SubsystemSelect hospitalId={hospitalId} contractId={contractId} /> : null}
          <Form.Item name="severity" label={t.tickets.severity} rules={required}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(['fatal', 'serious', 'minor'] as const).map((s) => ({
                value: s,
                label: t.severities[s],
              }))}
              data-testid="report-severity"
            />
          </Form.Item>
          <Form.Item name="title" label={t.tickets.title} rules={required}>
            <Input maxLength={200} data-testid="report-title" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t.tickets.description}
            rules={required}
            extra={t.tickets.attachmentsNote}
          >
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={20_000}
              data-testid="report-description"
            />
          </Form.Item>
          {create.isError ? (
            <div style={{ marginBottom: 12 }}>
              <ProblemAlert error={create.error} />
            </div>
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            data-testid="report-submit"
          >
            {kind === 'fault' ? t.tickets.reportSubmit : t.changes.reportSubmit}
          </Button>
        </Form>
      </Card>
    </>
  );
}
