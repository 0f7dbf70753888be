import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Radio, Result, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { useApi } from '../auth/auth-context.tsx';
import { LinkLoading, LinkRefused } from '../components/link-states.tsx';
import { ProblemAlert } from '../components/page-states.tsx';
import { useLocale } from '../i18n/locale.tsx';

interface Values {
  name: string;
  role: string;
  scores: Record<number, number>;
  comments?: Record<number, string | undefined>;
}

const scores = [1, 2, 3, 4, 5];

/**
 * 用户意见收集 on a phone, without an account: a department rates each subsystem of the contract
 * 1–5 with an optional remark, once per quarter, through the link its round gave it.
 */
export function FeedbackLinkPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { t } = useLocale();
  const f = t.feedbackLink;
  const [form] = Form.useForm<Values>();
  const described = useQuery({
    queryKey: ['feedback-link', token],
    queryFn: () => api.call('describeFeedbackLink', { query: { token } }),
    retry: false,
  });
  const send = useMutation({
    mutationFn: (v: Values) =>
      api.call('answerFeedbackByLink', {
        body: {
          token,
          name: v.name.trim(),
          role: v.role.trim(),
          ratings: (described.data?.subsystems ?? []).map((subsystem, i) => ({
            subsystem,
            score: v.scores[i] as number,
            ...(v.comments?.[i]?.trim() ? { comment: v.comments[i].trim() } : {}),
          })),
        },
      }),
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      // ratings.<i>.score → the score field of the i-th subsystem; name and role as they are.
      form.setFields(
        err.fieldErrors.flatMap((e): Parameters<FormInstance<Values>['setFields']>[0] => {
          const [head, i, field] = e.path.split('.');
          if (head === 'name' || head === 'role') return [{ name: head, errors: [e.message] }];
          if (head === 'ratings' && i !== undefined && (field === 'score' || field === 'comment'))
            return [
              {
                name: [field === 'score' ? 'scores' : 'comments', Number(i)],
                errors: [e.message],
              },
            ];
          return [];
        }),
      );
    },
  });
  if (described.isPending) return <LinkLoading />;
  if (described.isError)
    return <LinkRefused error={described.error} used={f.used} expired={f.expired} />;
  const d = described.data;
  if (send.isSuccess)
    return <Result status="success" title={f.done} subTitle={f.doneSub(d.department)} />;
  const required = [{ required: true, whitespace: true, message: f.required }];
  return (
    <div className="signed-link-page">
      <Card title={f.title}>
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={f.hospital}>{d.hospitalName}</Descriptions.Item>
          <Descriptions.Item label={f.project}>{d.contractName}</Descriptions.Item>
          <Descriptions.Item label={f.period}>
            {f.quarter(d.quarter, d.startsOn, d.endsOn)}
          </Descriptions.Item>
          <Descriptions.Item label={f.department}>
            <span data-testid="feedback-department">{d.department}</span>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph>{f.intro}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
          {d.subsystems.map((name, i) => (
            <Card key={name} size="small" title={name} style={{ marginBottom: 12 }}>
              <Form.Item
                name={['scores', i]}
                label={f.score}
                rules={[{ required: true, message: f.scoreRequired }]}
              >
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  data-testid={`feedback-score-${i}`}
                  options={scores.map((s) => ({ value: s, label: String(s) }))}
                />
              </Form.Item>
              <Form.Item name={['comments', i]} label={f.comment} style={{ marginBottom: 0 }}>
                <Input.TextArea
                  rows={2}
                  maxLength={500}
                  showCount
                  data-testid={`feedback-comment-${i}`}
                />
              </Form.Item>
            </Card>
          ))}
          <Form.Item name="name" label={f.name} rules={required}>
            <Input autoComplete="name" maxLength={50} data-testid="feedback-name" />
          </Form.Item>
          <Form.Item name="role" label={f.role} rules={required}>
            <Input maxLength={50} placeholder={f.rolePlaceholder} data-testid="feedback-role" />
          </Form.Item>
          {send.isError ? <ProblemAlert error={send.error} /> : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={send.isPending}
            data-testid="feedback-submit"
          >
            {f.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
