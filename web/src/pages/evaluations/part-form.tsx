import { Button, Form, Input, InputNumber, Space } from 'antd';
import type { RatingThresholds } from '@weibao/domain/evaluations/rating';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/locale.tsx';
import { liveSectionRating, type LiveSection } from './live-rating.ts';
import { LiveRating } from './rating-tag.tsx';

export interface PartValues {
  sampled: number | null;
  passed: number | null;
  adverseEvents: number | null;
  note?: string;
}

/** The body the API takes for a part, from the form's values. */
export function partBody(v: PartValues) {
  return {
    spotChecks: { sampled: v.sampled ?? 0, passed: v.passed ?? 0 },
    adverseEvents: v.adverseEvents ?? 0,
    note: v.note?.trim() ? v.note.trim() : null,
  };
}

/**
 * 服务效果抽查 and 不良事件 of one section, rated as they are typed by the contract's thresholds.
 * The values stay in the form when the save fails, so nothing typed is lost.
 */
export function PartForm({
  thresholds,
  initial,
  submitting,
  onSubmit,
  error,
  submitText,
  overall,
}: {
  thresholds: RatingThresholds;
  initial?: Partial<PartValues>;
  submitting: boolean;
  onSubmit: (v: PartValues) => void;
  error?: ReactNode;
  submitText: string;
  /** Shows the report's overall result from this section and the other one. */
  overall?: (live: LiveSection) => ReactNode;
}) {
  const t = useT();
  const [form] = Form.useForm<PartValues>();
  const sampled = Form.useWatch('sampled', form);
  const passed = Form.useWatch('passed', form);
  const adverseEvents = Form.useWatch('adverseEvents', form);
  const live = liveSectionRating({ sampled, passed, adverseEvents }, thresholds);
  const required = [{ required: true, message: t.contracts.required }];
  return (
    <Form<PartValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ sampled: null, passed: null, adverseEvents: 0, ...initial }}
      onFinish={onSubmit}
    >
      <Space wrap size={12} align="start">
        <Form.Item name="sampled" label={t.evaluationLink.sampled} rules={required}>
          <InputNumber min={0} precision={0} data-testid="part-sampled" />
        </Form.Item>
        <Form.Item
          name="passed"
          label={t.evaluationLink.passed}
          dependencies={['sampled']}
          rules={[
            ...required,
            ({ getFieldValue }) => ({
              validator: (_, value: number | null) =>
                value === null || value === undefined || value <= (getFieldValue('sampled') ?? 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.evaluations.passedExceedsSampled)),
            }),
          ]}
        >
          <InputNumber min={0} precision={0} data-testid="part-passed" />
        </Form.Item>
        <Form.Item name="adverseEvents" label={t.evaluationLink.adverseEvents} rules={required}>
          <InputNumber min={0} precision={0} data-testid="part-adverse" />
        </Form.Item>
      </Space>
      <Form.Item label={t.evaluations.liveRating}>
        <LiveRating live={live} testId="live-rating" />
      </Form.Item>
      {overall ? <Form.Item label={t.evaluationLink.overall}>{overall(live)}</Form.Item> : null}
      <Form.Item name="note" label={t.evaluationLink.note}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} data-testid="part-note" />
      </Form.Item>
      {error}
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="part-submit">
        {submitText}
      </Button>
    </Form>
  );
}
