import { Alert, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import type { Contract } from '../../api/queries.ts';
import type { Notice, Ticket, TicketEventInput } from '../../api/ticket-queries.ts';
import { usePostTicketEvent } from '../../api/ticket-queries.ts';
import { ProblemAlert } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import type { ActionType } from './ticket-actions.ts';

type Values = {
  text?: string;
  reason?: string;
  note?: string;
  servicePack?: string;
  internal?: boolean;
  severity?: Ticket['severity'];
  cause?: 'vendor' | 'hospital' | 'third-party' | 'unknown';
  subsystemId?: string;
  advanceNoticeId?: string;
  dueOn?: Dayjs;
};

/** The body of one event from the form; the version is the ticket's as read. */
function bodyOf(type: ActionType, v: Values, version: number): TicketEventInput {
  switch (type) {
    case 'response':
      return { type, version, text: v.text ?? '' };
    case 'on-site-request':
      return { type, version, reason: v.reason ?? '' };
    case 'on-site-arrival':
      return { type, version, ...(v.note ? { note: v.note } : {}) };
    case 'resolution':
      return {
        type,
        version,
        text: v.text ?? '',
        ...(v.servicePack ? { servicePack: v.servicePack } : {}),
      };
    case 'comment':
      return { type, version, text: v.text ?? '', visibility: v.internal ? 'internal' : 'public' };
    case 'severity-change':
      return { type, version, severity: v.severity ?? 'minor', reason: v.reason ?? '' };
    case 'attribution':
      return {
        type,
        version,
        cause: v.cause ?? 'unknown',
        subsystemId: v.subsystemId ?? '',
        advanceNoticeId: v.advanceNoticeId ?? null,
        note: v.note ?? '',
      };
    case 'close':
      return { type, version, ...(v.note ? { note: v.note } : {}) };
    case 'reopen':
      return { type, version, reason: v.reason ?? '' };
    case 'change-approve':
      return { type: 'change-approval', version, decision: 'approve' };
    case 'change-decline':
      return { type: 'change-approval', version, decision: 'decline', reason: v.reason ?? '' };
    case 'change-due-date':
      return { type, version, dueOn: v.dueOn?.format('YYYY-MM-DD') ?? '' };
    case 'change-start':
      return { type: 'change-progress', version, progress: 'in-progress' };
    case 'change-finish':
      return { type: 'change-progress', version, progress: 'done' };
    case 'pause':
    case 'pause-objection':
      return { type, version, reason: v.reason ?? '' };
    case 'resume':
      return { type, version, ...(v.note ? { note: v.note } : {}) };
  }
}

/** What a change action asks to confirm, for those that take no words. */
const confirmOf = (type: ActionType, t: ReturnType<typeof useT>): string | null =>
  type === 'change-approve'
    ? t.changes.approveConfirm
    : type === 'change-start'
      ? t.changes.startConfirm
      : type === 'change-finish'
        ? t.changes.finishConfirm
        : null;

/**
 * One modal per action. On failure it stays open with everything typed and the API's message;
 * on a version conflict the ticket is read again and the next submit uses the new version.
 */
export function EventForm({
  type,
  title,
  ticket,
  isVendor,
  contract,
  notices,
  onClose,
  onConflict,
}: {
  type: ActionType;
  title: string;
  ticket: Ticket;
  isVendor: boolean;
  contract: Contract | undefined;
  notices: Notice[];
  onClose: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const post = usePostTicketEvent(ticket.hospitalId, ticket.id);
  const [conflict, setConflict] = useState(false);
  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  const submit = async () => {
    // A required field left empty is shown beside the field; nothing is sent, nothing is thrown.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setConflict(false);
    try {
      await post.mutateAsync(bodyOf(type, values, ticket.version));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict && err.problem.currentVersion !== undefined) {
        setConflict(true);
        onConflict();
      }
    }
  };
  const subsystems = contract?.terms.subsystems ?? [];
  const textArea = (name: keyof Values, label: string, optional = false) => (
    <Form.Item name={name} label={label} rules={optional ? [] : required}>
      <Input.TextArea
        autoSize={{ minRows: 3, maxRows: 10 }}
        maxLength={5000}
        data-testid={`event-${name}`}
      />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={title}
      okText={t.tickets.submit}
      cancelText={t.common.cancel}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={post.isPending}
      okButtonProps={{ 'data-testid': 'event-submit' } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" size="middle" requiredMark={false}>
        {type === 'response' || type === 'resolution' ? textArea('text', t.tickets.text) : null}
        {type === 'comment' ? (
          <>
            {textArea('text', t.tickets.text)}
            {isVendor ? (
              <Form.Item name="internal" valuePropName="checked">
                <Checkbox>{t.tickets.internal}</Checkbox>
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {type === 'resolution' ? (
          <Form.Item name="servicePack" label={t.tickets.servicePack}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        {type === 'severity-change' ? (
          <Form.Item
            name="severity"
            label={t.tickets.severity}
            rules={[{ required: true, message: t.contracts.required }]}
          >
            <Select
              options={(['fatal', 'serious', 'minor'] as const).map((s) => ({
                value: s,
                label: t.severities[s],
              }))}
            />
          </Form.Item>
        ) : null}
        {type === 'severity-change' ||
        type === 'on-site-request' ||
        type === 'reopen' ||
        type === 'change-decline'
          ? textArea(
              'reason',
              type === 'change-decline' ? t.changes.declineReason : t.tickets.reason,
            )
          : null}
        {confirmOf(type, t) ? (
          <Typography.Paragraph>{confirmOf(type, t)}</Typography.Paragraph>
        ) : null}
        {type === 'change-due-date' ? (
          <Form.Item
            name="dueOn"
            label={t.changes.dueOn}
            extra={t.changes.dueOnHelp}
            initialValue={ticket.change ? dayjs(ticket.change.dueOn) : undefined}
            rules={[{ required: true, message: t.contracts.required }]}
          >
            <DatePicker data-testid="event-dueOn" />
          </Form.Item>
        ) : null}
        {type === 'attribution' ? (
          <>
            <Form.Item
              name="cause"
              label={t.tickets.cause}
              rules={[{ required: true, message: t.contracts.required }]}
            >
              <Select
                options={(['vendor', 'hospital', 'third-party', 'unknown'] as const).map((c) => ({
                  value: c,
                  label: t.tickets.causes[c],
                }))}
              />
            </Form.Item>
            <Form.Item
              name="subsystemId"
              label={t.tickets.subsystem}
              initialValue={ticket.subsystemId ?? undefined}
              rules={[{ required: true, message: t.contracts.required }]}
            >
              <Select options={subsystems.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="advanceNoticeId" label={t.tickets.advanceNotice}>
              <Select
                allowClear
                placeholder={t.tickets.noNotice}
                options={notices.map((n) => ({ value: n.id, label: n.title }))}
              />
            </Form.Item>
            {textArea('note', t.tickets.note)}
          </>
        ) : null}
        {type === 'on-site-arrival' || type === 'close'
          ? textArea('note', t.tickets.note, true)
          : null}
        {type === 'pause' || type === 'pause-objection' ? (
          <Form.Item
            name="reason"
            label={type === 'pause' ? t.slaPause.reason : t.slaPause.objectionReason}
            extra={type === 'pause' ? t.slaPause.reasonHelp : t.slaPause.objectionHelp}
            rules={required}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={type === 'pause' ? 500 : 2000}
              data-testid="event-reason"
            />
          </Form.Item>
        ) : null}
        {type === 'resume' ? textArea('note', t.slaPause.resumeNote, true) : null}
      </Form>
      {conflict ? (
        <Alert type="warning" showIcon title={t.tickets.conflict} style={{ marginBottom: 8 }} />
      ) : null}
      {post.isError && !conflict ? <ProblemAlert error={post.error} /> : null}
    </Modal>
  );
}
