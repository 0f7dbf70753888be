import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { newIdempotencyKey } from '../../api/client.ts';
import { useMayCall } from '../../api/queries.ts';
import { useDocumentDownload } from '../../api/record-queries.ts';
import type { ResponseOf } from '../../api/types.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { useContractCrumbs } from '../records/contract-crumbs.ts';
import { departmentsOf } from './departments-text.ts';

type Round = ResponseOf<'listFeedbackRounds'>['items'][number];
type Satisfaction = Round['overall'];

const roundsKey = (h: string, c: string) => ['feedback-rounds', h, c];
const hundredths = (h: number | null) => (h === null ? '—' : (h / 100).toFixed(2));

function StartRound({ hospitalId, contractId }: { hospitalId: string; contractId: string }) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ quarter: number; departments: string }>();
  // One key per round being opened, kept through retries of the same form.
  const [key, setKey] = useState(newIdempotencyKey);
  const start = useMutation({
    mutationFn: (v: { quarter: number; departments: string }) =>
      api.call('createFeedbackRound', {
        params: { hospitalId, contractId },
        idempotencyKey: key,
        body: { quarter: v.quarter, departments: departmentsOf(v.departments) },
      }),
    onSuccess: () => {
      void message.success(t.feedback.created);
      form.resetFields();
      setKey(newIdempotencyKey());
      void client.invalidateQueries({ queryKey: roundsKey(hospitalId, contractId) });
    },
  });
  return (
    <Card size="small" title={t.feedback.start}>
      <Typography.Paragraph type="secondary">{t.feedback.hint}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => start.mutate(v)}>
        <Form.Item name="quarter" label={t.feedback.quarter} rules={[{ required: true }]}>
          <InputNumber min={1} max={40} data-testid="feedback-quarter" />
        </Form.Item>
        <Form.Item
          name="departments"
          label={t.feedback.departments}
          extra={t.feedback.departmentsHelp}
          rules={[{ required: true, whitespace: true, message: t.feedback.departmentsRequired }]}
        >
          <Input.TextArea rows={4} data-testid="feedback-departments" />
        </Form.Item>
        {start.isError ? <ProblemAlert error={start.error} /> : null}
        <Button
          type="primary"
          htmlType="submit"
          loading={start.isPending}
          data-testid="feedback-start"
        >
          {t.feedback.start}
        </Button>
      </Form>
    </Card>
  );
}

function SatisfactionTable({ round }: { round: Round }) {
  const t = useT();
  const rows: (Satisfaction & { key: string; total?: boolean })[] = [
    ...round.subsystems.map((s) => ({ ...s, key: s.subsystem })),
    { ...round.overall, subsystem: t.feedback.overall, key: '__overall', total: true },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="feedback-results"
      columns={[
        {
          title: t.feedback.subsystem,
          dataIndex: 'subsystem',
          render: (v: string, r) => (r.total ? <strong>{v}</strong> : v),
        },
        { title: t.feedback.count, dataIndex: 'count', align: 'center' },
        {
          title: t.feedback.average,
          dataIndex: 'averageHundredths',
          align: 'center',
          render: (h: number | null) => hundredths(h),
        },
        {
          title: t.feedback.distribution,
          dataIndex: 'distribution',
          render: (d: Satisfaction['distribution']) => [...d].reverse().join(' / '),
        },
      ]}
    />
  );
}

function RoundCard({ hospitalId, round }: { hospitalId: string; round: Round }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const client = useQueryClient();
  const { message } = App.useApp();
  const download = useDocumentDownload(hospitalId, round.contractId);
  const params = { hospitalId, contractId: round.contractId, quarter: round.quarter };
  const refresh = () =>
    void client.invalidateQueries({ queryKey: roundsKey(hospitalId, round.contractId) });
  const remind = useMutation({
    mutationFn: () => api.call('remindFeedbackDepartments', { params }),
    onSuccess: (r) => {
      void message.success(t.feedback.remindDone(r.reminded.length, r.withoutAddress));
      refresh();
    },
  });
  const close = useMutation({
    mutationFn: () => api.call('closeFeedbackRound', { params, body: { version: round.version } }),
    onSuccess: refresh,
  });
  const answered = round.departments.filter((d) => d.answeredAt).length;
  const open = round.state === 'open';
  return (
    <Card
      size="small"
      data-testid={`feedback-round-${round.quarter}`}
      title={
        <Space>
          {t.feedback.quarterN(round.quarter)}
          <Tag color={open ? 'green' : 'default'}>{t.feedback.state[round.state]}</Tag>
          <Typography.Text type="secondary">
            {t.feedback.answeredOf(answered, round.departments.length)}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          <Button
            loading={download.isPending}
            onClick={() => download.mutate({ kind: 'feedback', quarter: round.quarter })}
            data-testid="feedback-report"
          >
            {t.feedback.report}
          </Button>
          {open && may('remindFeedbackDepartments') ? (
            <Button loading={remind.isPending} onClick={() => remind.mutate()}>
              {t.feedback.remind}
            </Button>
          ) : null}
          {open && may('closeFeedbackRound') ? (
            <Popconfirm title={t.feedback.closeConfirm} onConfirm={() => close.mutate()}>
              <Button danger loading={close.isPending}>
                {t.feedback.close}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {[remind, close, download].map((m, i) =>
          m.isError ? <ProblemAlert key={i} error={m.error} /> : null,
        )}
        <SatisfactionTable round={round} />
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={round.departments}
          columns={[
            { title: t.feedbackLink.department, dataIndex: 'name' },
            {
              title: t.feedback.answered,
              key: 'answered',
              render: (_, d) =>
                d.answeredAt ? (
                  <Tag color="green">
                    {t.feedback.answered} {formatShanghai(d.answeredAt)}
                  </Tag>
                ) : (
                  <Space size={4}>
                    <Tag color="orange">{t.feedback.waiting}</Tag>
                    {d.remindedAt ? (
                      <Typography.Text type="secondary">
                        {t.feedback.reminded(formatShanghai(d.remindedAt))}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
            },
            { title: t.feedback.respondent, dataIndex: 'respondent', render: (v) => v ?? '—' },
            {
              title: t.feedback.link,
              key: 'link',
              render: (_, d) =>
                open && !d.answeredAt ? (
                  <Typography.Link
                    href={d.url}
                    copyable={{ text: d.url, tooltips: [t.feedback.copy, t.feedback.copied] }}
                    target="_blank"
                    data-testid="feedback-link"
                  >
                    {t.feedback.link}
                  </Typography.Link>
                ) : null,
            },
          ]}
        />
        <Typography.Title level={5}>{t.feedback.comments}</Typography.Title>
        {round.comments.length === 0 ? (
          <Typography.Text type="secondary">{t.feedback.noComments}</Typography.Text>
        ) : (
          <ul data-testid="feedback-comments">
            {round.comments.map((c, i) => (
              <li key={i}>
                <strong>{c.department}</strong>（{c.subsystem}，{c.score} 分）：{c.comment}
              </li>
            ))}
          </ul>
        )}
      </Space>
    </Card>
  );
}

/** 用户意见收集: the contract's survey rounds by quarter, their results, reminders and the report. */
export function FeedbackPage() {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const { hospitalId = '', contractId = '' } = useParams();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const rounds = useQuery({
    queryKey: roundsKey(hospitalId, contractId),
    queryFn: () => api.call('listFeedbackRounds', { params: { hospitalId, contractId } }),
  });
  const header = <PageHeader title={t.feedback.title} crumbs={crumbs} />;
  if (rounds.isPending)
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  if (rounds.isError)
    return (
      <>
        {header}
        <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />
      </>
    );
  const items = [...rounds.data.items].sort((a, b) => b.quarter - a.quarter);
  return (
    <>
      {header}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {may('createFeedbackRound') ? (
          <StartRound hospitalId={hospitalId} contractId={contractId} />
        ) : null}
        {items.length === 0 ? (
          <Typography.Text type="secondary">{t.feedback.empty}</Typography.Text>
        ) : (
          items.map((r) => <RoundCard key={r.quarter} hospitalId={hospitalId} round={r} />)
        )}
      </Space>
    </>
  );
}
