import { DatePicker, Form, Radio } from 'antd';
import { useT } from '../../i18n/locale.tsx';

/**
 * What is reported: a fault, or a change request or template change (需求变更, 病历模板修改),
 * which asks for its 要求完成日期 and goes to the IT center for approval.
 */
export function ReportKindFields({ kind }: { kind: string }) {
  const t = useT();
  return (
    <>
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
    </>
  );
}
