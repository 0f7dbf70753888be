import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useContracts, useCurrentUser, useHospital, useMayCall } from '../api/queries.ts';
import { ticketKeys, useNotices, type Notice } from '../api/ticket-queries.ts';
import { useApi } from '../auth/auth-context.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../components/page-states.tsx';
import { formatShanghai } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';
import { hospitalCrumbs } from './hospital-page.tsx';

type NoticeValues = {
  title: string;
  description: string;
  window: [Dayjs, Dayjs];
  subsystemIds?: string[];
};

function CreateNoticeModal({ hospitalId, onClose }: { hospitalId: string; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const contracts = useContracts(hospitalId);
  const [form] = Form.useForm<NoticeValues>();
  const subsystems = new Map<string, string>();
  for (const c of contracts.data ?? [])
    for (const s of c.terms.subsystems) subsystems.set(s.id, s.name);
  const create = useMutation({
    mutationFn: (v: NoticeValues) =>
      api.call('createAdvanceNotice', {
        params: { hospitalId },
        body: {
          title: v.title,
          description: v.description,
          windowStart: v.window[0].toISOString(),
          windowEnd: v.window[1].toISOString(),
          subsystemIds: v.subsystemIds ?? [],
        },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ticketKeys.notices(hospitalId) });
      void message.success(t.notices.created);
      onClose();
    },
  });
  const required = [{ required: true, message: t.contracts.required }];
  return (
    <Modal
      open
      title={t.notices.create}
      okText={t.tickets.submit}
      cancelText={t.common.cancel}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => create.mutate(v))}
      okButtonProps={{ 'data-testid': 'notice-submit' } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="title"
          label={t.notices.name}
          rules={[{ ...required[0], whitespace: true }]}
        >
          <Input maxLength={200} data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="window" label={t.notices.window} rules={required}>
          <DatePicker.RangePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="subsystemIds" label={t.notices.subsystems}>
          <Select
            mode="multiple"
            options={[...subsystems].map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t.notices.description}
          rules={[{ ...required[0], whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={20_000} />
        </Form.Item>
      </Form>
      {create.isError ? <ProblemAlert error={create.error} /> : null}
    </Modal>
  );
}

/** Advance notices (提前通知): a fault traced to an acknowledged change is not deducted. */
export function NoticesPage() {
  const t = useT();
  const { hospitalId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const api = useApi();
  const client = useQueryClient();
  const hospital = useHospital(hospitalId);
  const notices = useNotices(hospitalId);
  const [creating, setCreating] = useState(false);
  const acknowledge = useMutation({
    mutationFn: (n: Notice) =>
      api.call('acknowledgeAdvanceNotice', {
        params: { hospitalId, noticeId: n.id },
        body: { version: n.version },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ticketKeys.notices(hospitalId) }),
  });
  const columns: TableColumnsType<Notice> = [
    {
      title: t.notices.name,
      key: 'title',
      render: (_, n) => (
        <div>
          <Typography.Text strong>{n.title}</Typography.Text>
          <div className="pre-text" style={{ color: '#4b5563' }}>
            {n.description}
          </div>
        </div>
      ),
    },
    {
      title: t.notices.window,
      key: 'window',
      width: 180,
      responsive: ['sm'],
      render: (_, n) => (
        <span>
          {formatShanghai(n.windowStart)}
          <br />~ {formatShanghai(n.windowEnd)}
        </span>
      ),
    },
    {
      title: t.notices.announcedAt,
      key: 'announced',
      width: 160,
      responsive: ['lg'],
      render: (_, n) => formatShanghai(n.announcedAt),
    },
    {
      title: t.notices.emailedTo,
      key: 'emailed',
      width: 180,
      responsive: ['xl'],
      render: (_, n) => (n.emailedTo.length ? n.emailedTo.join('、') : t.notices.notEmailed),
    },
    {
      title: t.contracts.status,
      key: 'state',
      width: 150,
      render: (_, n) =>
        n.acknowledgedAt ? (
          <Tag color="success" title={formatShanghai(n.acknowledgedAt)}>
            {t.notices.acknowledged}
          </Tag>
        ) : may('acknowledgeAdvanceNotice') ? (
          <Button
            size="small"
            type="primary"
            loading={acknowledge.isPending && acknowledge.variables?.id === n.id}
            onClick={() => acknowledge.mutate(n)}
            data-testid="acknowledge-notice"
          >
            {t.notices.acknowledge}
          </Button>
        ) : (
          <Tag color="warning">{t.notices.waiting}</Tag>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t.notices.title}
        crumbs={hospitalCrumbs(me.hospitalId === null, t, hospital.data)}
        extra={
          may('createAdvanceNotice') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="create-notice"
            >
              {t.notices.create}
            </Button>
          ) : null
        }
      />
      <Alert type="info" showIcon title={t.notices.hint} style={{ marginBottom: 12 }} />
      {acknowledge.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={acknowledge.error} />
        </div>
      ) : null}
      <Card size="small">
        {notices.isPending ? (
          <PageLoading rows={4} />
        ) : notices.isError ? (
          <QueryError error={notices.error} onRetry={() => void notices.refetch()} />
        ) : (
          <Table<Notice>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={notices.data}
            pagination={notices.data.length > 50 ? { pageSize: 50, size: 'small' } : false}
            locale={{ emptyText: t.notices.empty }}
            data-testid="notice-table"
          />
        )}
      </Card>
      {creating ? (
        <CreateNoticeModal hospitalId={hospitalId} onClose={() => setCreating(false)} />
      ) : null}
    </>
  );
}
