import { Form, Input, InputNumber, Modal, Select, DatePicker, App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { obligationKeys, type Obligation } from '../../api/obligation-queries.ts';
import type { BodyOf } from '../../api/types.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { ProblemAlert } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import { obligationName } from './obligation-name.ts';
import { parseAttendees } from './attendees.ts';

const kinds = ['clean-up', 'restore-test', 'training', 'tuning', 'other'] as const;
type Kind = (typeof kinds)[number];

interface Values {
  kind: Kind;
  obligationId: string | null;
  performedOn: Dayjs;
  summary: string;
  result?: 'pass' | 'fail';
  durationMinutes?: number;
  notes?: string;
  topic?: string;
  attendees?: string;
}

/** The body the schema allows: restore-test and training fields only for their own kind. */
function bodyOf(v: Values): BodyOf<'addWorkRecord'> {
  return {
    kind: v.kind,
    obligationId: v.obligationId ?? null,
    performedOn: v.performedOn.format('YYYY-MM-DD'),
    summary: v.summary,
    restoreTest:
      v.kind === 'restore-test'
        ? {
            result: v.result ?? 'pass',
            durationMinutes: v.durationMinutes ?? 0,
            notes: v.notes ?? '',
          }
        : null,
    training:
      v.kind === 'training'
        ? { topic: v.topic ?? '', attendees: parseAttendees(v.attendees ?? '') }
        : null,
  };
}

/** 新增工作记录: attached to an obligation it is that obligation's proof. */
export function WorkRecordModal({
  hospitalId,
  contractId,
  obligations,
  onClose,
}: {
  hospitalId: string;
  contractId: string;
  obligations: Obligation[];
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'clean-up';
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.call('addWorkRecord', { params: { hospitalId, contractId }, body: bodyOf(v) }),
    onSuccess: () => {
      void client.invalidateQueries({
        queryKey: obligationKeys.workRecords(hospitalId, contractId),
      });
      void client.invalidateQueries({
        queryKey: obligationKeys.obligations(hospitalId, contractId),
      });
      void client.invalidateQueries({ queryKey: obligationKeys.due });
      void message.success(t.workRecords.saved);
      onClose();
    },
  });
  const required = { required: true, message: t.contracts.required };
  const attachable = obligations.filter(
    (o) => (o.state === 'open' || o.state === 'overdue') && o.kind !== 'payment',
  );
  return (
    <Modal
      open
      title={t.workRecords.add}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      okButtonProps={{ 'data-testid': 'work-record-submit' } as Record<`data-${string}`, string>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'clean-up', obligationId: null, result: 'pass' }}
      >
        <Form.Item name="kind" label={t.workRecords.kind}>
          <Select
            options={kinds.map((k) => ({ value: k, label: t.workRecords.kinds[k] }))}
            data-testid="work-record-kind"
          />
        </Form.Item>
        <Form.Item name="obligationId" label={t.workRecords.obligation}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: null, label: t.workRecords.noObligation },
              ...attachable.map((o) => ({
                value: o.id,
                label: `${obligationName(t, o)} · ${o.dueOn ?? o.nominalDueOn}`,
              })),
            ]}
            data-testid="work-record-obligation"
          />
        </Form.Item>
        <Form.Item name="performedOn" label={t.workRecords.performedOn} rules={[required]}>
          <DatePicker data-testid="work-record-date" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t.workRecords.summary}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            maxLength={4000}
            data-testid="work-record-summary"
          />
        </Form.Item>
        {kind === 'restore-test' ? (
          <>
            <Form.Item name="result" label={t.workRecords.result}>
              <Select
                options={(['pass', 'fail'] as const).map((r) => ({
                  value: r,
                  label: t.workRecords.results[r],
                }))}
              />
            </Form.Item>
            <Form.Item
              name="durationMinutes"
              label={t.workRecords.durationMinutes}
              rules={[required]}
            >
              <InputNumber min={0} max={7 * 24 * 60} precision={0} />
            </Form.Item>
            <Form.Item name="notes" label={t.workRecords.notes}>
              <Input.TextArea autoSize={{ minRows: 1 }} maxLength={4000} />
            </Form.Item>
          </>
        ) : null}
        {kind === 'training' ? (
          <>
            <Form.Item
              name="topic"
              label={t.workRecords.topic}
              rules={[{ ...required, whitespace: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="attendees"
              label={t.workRecords.attendees}
              rules={[
                {
                  validator: (_, value: string | undefined) =>
                    parseAttendees(value ?? '').length > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t.workRecords.attendeesRequired)),
                },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        ) : null}
      </Form>
      {save.isError ? <ProblemAlert error={save.error} /> : null}
    </Modal>
  );
}
