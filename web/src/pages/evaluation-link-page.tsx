import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, InputNumber, Result, Spin } from 'antd';
import { useParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { useApi } from '../auth/auth-context.tsx';
import { ProblemAlert } from '../components/page-states.tsx';
import { formatCny, formatShanghai } from '../format/format.ts';
import { useLocale } from '../i18n/locale.tsx';

interface PartForm {
  sampled: number;
  passed: number;
  adverseEvents: number;
  note?: string;
}

/**
 * The page an evaluation link opens (no account needed): the quarter's figures from the record,
 * and the evaluator's own section to fill in. Nothing is entered until they submit; the rating
 * the server computes is shown after.
 */
export function EvaluationLinkPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { t } = useLocale();
  const described = useQuery({
    queryKey: ['evaluation-link', token],
    queryFn: () => api.call('describeEvaluationLink', { query: { token } }),
    retry: false,
  });
  const enter = useMutation({
    mutationFn: (v: PartForm) =>
      api.call('enterEvaluationPartByLink', {
        body: {
          token,
          spotChecks: { sampled: v.sampled, passed: v.passed },
          adverseEvents: v.adverseEvents,
          note: v.note?.trim() ? v.note.trim() : null,
        },
      }),
  });

  if (described.isPending) {
    return (
      <div className="full-page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (described.isError) {
    const gone = described.error instanceof ApiError && described.error.status === 410;
    return (
      <Result status="warning" title={gone ? t.evaluationLink.expired : t.signedLink.invalid} />
    );
  }
  const d = described.data;
  if (enter.isSuccess) {
    const rating = enter.data.evaluation.rating;
    return (
      <Result
        status="success"
        title={t.evaluationLink.done}
        subTitle={
          rating ? `${t.evaluationLink.overall}: ${t.evaluationLink.ratings[rating.overall]}` : ''
        }
      />
    );
  }
  if (d.used || d.evaluation.signatures.length > 0)
    return <Result status="info" title={t.evaluationLink.used} />;
  if (d.expired) return <Result status="warning" title={t.evaluationLink.expired} />;
  const f = d.evaluation.figures;
  const faults = f.vendorFaultsWithoutNotice;
  return (
    <div className="signed-link-page">
      <Card
        title={
          d.section === 'serviceLevel'
            ? t.evaluationLink.titleServiceLevel
            : t.evaluationLink.titleServiceQuality
        }
      >
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t.signedLink.hospital}>{d.hospitalName}</Descriptions.Item>
          <Descriptions.Item label={t.evaluationLink.period}>
            {d.evaluation.period.startsOn} – {d.evaluation.period.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t.evaluationLink.lateResponses}>
            {f.lateResponses} ({formatCny(f.lateResponseDeductionFen)})
          </Descriptions.Item>
          <Descriptions.Item label={t.evaluationLink.vendorFaults}>
            {faults.fatal} / {faults.serious} / {faults.minor} (
            {formatCny(f.vendorFaultDeductionFen)})
          </Descriptions.Item>
          <Descriptions.Item label={t.signedLink.recipient}>{d.email}</Descriptions.Item>
          <Descriptions.Item label={t.signedLink.expiresAt}>
            {formatShanghai(d.expiresAt)}
          </Descriptions.Item>
        </Descriptions>
        <Form<PartForm>
          layout="vertical"
          style={{ marginTop: 16 }}
          initialValues={{ sampled: 0, passed: 0, adverseEvents: 0 }}
          onFinish={(v) => enter.mutate(v)}
        >
          <Form.Item name="sampled" label={t.evaluationLink.sampled} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="passed" label={t.evaluationLink.passed} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item
            name="adverseEvents"
            label={t.evaluationLink.adverseEvents}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="note" label={t.evaluationLink.note}>
            <Input.TextArea maxLength={2000} rows={3} />
          </Form.Item>
          {enter.isError && <ProblemAlert error={enter.error} />}
          <Button type="primary" htmlType="submit" loading={enter.isPending}>
            {t.evaluationLink.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
