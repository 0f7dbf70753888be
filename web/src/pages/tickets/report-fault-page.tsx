import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Typography,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { useContracts, useCurrentUser, useHospital } from '../../api/queries.ts';
import { HospitalSelect } from '../../components/hospital-select.tsx';
import {
  invalidateTicketLists,
  useSimilarTickets,
  type Ticket,
  type TicketWithSla,
} from '../../api/ticket-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/page-states.tsx';
import { ClockCountdown } from '../../components/sla-tags.tsx';
import { useT } from '../../i18n/locale.tsx';
import { ticketPath } from './ticket-table.tsx';
import {
  attachmentsOf,
  ReportAttachments,
  SimilarOffer,
  useHospitalUpload,
} from './report-extras.tsx';
import { ReportKindFields } from './report-kind.tsx';

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
  campus?: string;
  place?: string;
  contactPhone?: string;
  attachments?: UploadFile[];
  kind: 'fault' | 'change-request' | 'template-change';
  dueOn?: Dayjs;
};

/** Where and who to call, and the files: what a report and a joining report both carry. */
function reportWhere(v: Values) {
  const files = attachmentsOf(v.attachments);
  return {
    ...(v.campus ? { campus: v.campus } : {}),
    ...(v.place?.trim() ? { place: v.place.trim() } : {}),
    ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
    ...(files.length ? { attachments: files } : {}),
  };
}

const formFields = [
  'contractId',
  'subsystemId',
  'severity',
  'title',
  'description',
  'channel',
  'reportedAt',
  'campus',
  'place',
  'contactPhone',
  'attachments',
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

/** 院区: only where the hospital has more than one. */
function CampusSelect({ hospitalId }: { hospitalId: string }) {
  const t = useT();
  const hospital = useHospital(hospitalId);
  const campuses = hospital.data?.campuses ?? [];
  if (campuses.length < 2) return null;
  return (
    <Form.Item name="campus" label={t.tickets.campus}>
      <Select
        allowClear
        options={campuses.map((c) => ({ value: c, label: c }))}
        data-testid="report-campus"
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
 * A fault report (故障报告). Hospital users report for their hospital now, from the ward: campus,
 * place, a phone to call back and photos; vendor staff enter a phone or on-site report with the
 * time the hospital gave it. The severity starts unchosen: the reporter must pick one. When an
 * open ticket of the same subsystem was reported in the last 30 minutes, the form offers to join
 * it; sending the form anyway opens a ticket that names it (仍然新建).
 */
export function ReportFaultPage() {
  const t = useT();
  const me = useCurrentUser();
  const api = useApi();
  const client = useQueryClient();
  const [search] = useSearchParams();
  const isVendor = me.hospitalId === null;
  const [form] = Form.useForm<Values>();
  // The answer once sent: a new ticket, or the ticket the report joined.
  const [done, setDone] = useState<{ answer: TicketWithSla; joined: boolean } | null>(null);
  const hospitalId =
    Form.useWatch('hospitalId', form) ?? me.hospitalId ?? search.get('hospital') ?? '';
  const contractId = Form.useWatch('contractId', form);
  const subsystemId = Form.useWatch('subsystemId', form);
  const kind = Form.useWatch('kind', form) ?? 'fault';
  const similar = useSimilarTickets(hospitalId, subsystemId);
  // Only a fault is offered an open ticket of the same subsystem to join.
  const offered = kind === 'fault' ? (similar.data ?? []) : [];
  const showFieldErrors = (err: Error) => {
    // Field errors land beside their fields; what was typed stays in the form.
    if (err instanceof ApiError) {
      form.setFields(
        err.fieldErrors
          .filter((e) => formFields.includes(e.path.split('.')[0] ?? ''))
          .map((e) => ({ name: e.path.split('.')[0] as keyof Values, errors: [e.message] })),
      );
    }
  };
  // 加入该工单: the report becomes a linked report on that ticket, at the version offered.
  const join = useMutation({
    mutationFn: ({ ticket, v }: { ticket: Ticket; v: Values }) =>
      api.call('postTicketEvent', {
        params: { hospitalId: ticket.hospitalId, ticketId: ticket.id },
        body: {
          type: 'linked-report',
          version: ticket.version,
          description: [v.title?.trim(), v.description?.trim()].filter(Boolean).join('\n'),
          ...reportWhere(v),
        },
      }),
    onSuccess: (answer) => {
      setDone({ answer, joined: true });
      invalidateTicketLists(client, answer.ticket.hospitalId);
    },
    onError: (err) => {
      showFieldErrors(err);
      // The ticket moved on (or closed): offer what is there now.
      void similar.refetch();
    },
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      api.call('createTicket', {
        params: { hospitalId: v.hospitalId },
        body: {
          kind: v.kind,
          // A change request has no fault severity: it is filed as 一般 and carries its date.
          severity: v.kind === 'fault' ? v.severity : 'minor',
          ...(v.kind !== 'fault' && v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}),
          title: v.title,
          description: v.description,
          ...(v.contractId ? { contractId: v.contractId } : {}),
          ...(v.subsystemId ? { subsystemId: v.subsystemId } : {}),
          ...reportWhere(v),
          // 仍然新建: the reporter saw the offer and reports separately; both tickets name each other.
          ...(offered[0] ? { relatedTicketId: offered[0].id } : {}),
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
      setDone({ answer, joined: false });
      invalidateTicketLists(client, answer.ticket.hospitalId);
    },
    onError: showFieldErrors,
  });
  const again = () => {
    form.resetFields();
    create.reset();
    join.reset();
    setDone(null);
  };

  if (done) {
    const tk = done.answer.ticket;
    const response = done.joined
      ? undefined
      : done.answer.sla?.clocks.find((c) => c.kind === 'response');
    const where = done.joined ? '' : [tk.campus, tk.place].filter(Boolean).join(' · ');
    return (
      <Card>
        <Result
          status="success"
          title={
            done.joined ? (
              <span data-testid="joined-number">{t.tickets.joined(tk.number)}</span>
            ) : (
              <span data-testid="created-number">{t.tickets.reported(tk.number)}</span>
            )
          }
          subTitle={
            <>
              {response ? (
                <div>
                  {t.tickets.responseDue}{' '}
                  <ClockCountdown clock={response} testId="created-countdown" />
                </div>
              ) : null}
              {where ? (
                <div data-testid="created-where">
                  {t.tickets.where}：{where}
                </div>
              ) : null}
            </>
          }
          extra={[
            <Link key="open" to={ticketPath(tk)}>
              <Button type="primary">{t.tickets.viewTicket}</Button>
            </Link>,
            <Button key="again" onClick={again}>
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
          initialValues={{ hospitalId, channel: 'phone', kind: 'fault' }}
          onFinish={(v) => create.mutate({ ...v, hospitalId })}
          data-testid="report-form"
        >
          {isVendor ? (
            <>
              <Form.Item name="hospitalId" label={t.tickets.hospital} rules={required}>
                <HospitalSelect />
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
          <ReportKindFields kind={kind} />
          {hospitalId ? <ContractSelect hospitalId={hospitalId} /> : null}
          {hospitalId ? <SubsystemSelect hospitalId={hospitalId} contractId={contractId} /> : null}
          {hospitalId ? <CampusSelect hospitalId={hospitalId} /> : null}
          <Form.Item name="place" label={t.tickets.place}>
            <Input maxLength={100} placeholder={t.tickets.placeHint} data-testid="report-place" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t.tickets.contactPhone}>
            <Input maxLength={40} inputMode="tel" data-testid="report-phone" />
          </Form.Item>
          {kind === 'fault' ? (
            <Form.Item
              name="severity"
              label={t.tickets.severity}
              rules={[{ required: true, message: t.tickets.severityRequired }]}
            >
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
          ) : null}
          <Form.Item name="title" label={t.tickets.title} rules={required}>
            <Input maxLength={200} data-testid="report-title" />
          </Form.Item>
          <Form.Item name="description" label={t.tickets.description} rules={required}>
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={20_000}
              data-testid="report-description"
            />
          </Form.Item>
          {hospitalId ? <HospitalAttachments hospitalId={hospitalId} /> : null}
          {offered.length > 0 ? (
            <SimilarOffer
              tickets={offered}
              joining={join.isPending ? (join.variables?.ticket.id ?? null) : null}
              onJoin={(ticket) =>
                // A joining report needs only its words: the ticket has its severity and title.
                void form
                  .validateFields(['description', 'attachments'])
                  .then(() => join.mutate({ ticket, v: form.getFieldsValue(true) as Values }))
                  .catch(() => undefined)
              }
            />
          ) : null}
          {create.isError || join.isError ? (
            <div style={{ marginBottom: 12 }}>
              <ProblemAlert error={(create.error ?? join.error) as Error} />
            </div>
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            data-testid="report-submit"
          >
            {offered.length > 0
              ? t.tickets.createAnyway
              : kind === 'fault'
                ? t.tickets.reportSubmit
                : t.changes.reportSubmit}
          </Button>
        </Form>
      </Card>
    </>
  );
}

/** The attachments of a signed-in report, uploaded under the hospital chosen in the form. */
function HospitalAttachments({ hospitalId }: { hospitalId: string }) {
  return <ReportAttachments requestUpload={useHospitalUpload(hospitalId)} />;
}
