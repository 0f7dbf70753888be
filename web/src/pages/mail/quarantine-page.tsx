import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { HospitalSelect } from '../../components/hospital-select.tsx';
import {
  useQuarantine,
  useQuarantineDecided,
  useQuarantinedMail,
  type QuarantinedMail,
} from '../../api/record-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { PersonName } from '../../components/person-name.tsx';
import { LoadMore } from '../../components/load-more.tsx';

function DecisionError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const t = useT();
  if (error instanceof ApiError && error.isConflict) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t.quarantine.conflict}
        description={error.message}
        action={
          <Button size="small" onClick={onReload}>
            {t.common.retry}
          </Button>
        }
        data-testid="quarantine-conflict"
      />
    );
  }
  return <ProblemAlert error={error} />;
}

/**
 * One message: what it says as TEXT (never HTML: the sanitised HTML is not rendered here, a
 * vendor admin reads the plain text), and the two decisions.
 */
function MailDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const mail = useQuarantinedMail(id);
  const decided = useQuarantineDecided();
  const [assignForm] = Form.useForm<{ hospitalId: string; reason?: string }>();
  const [discardForm] = Form.useForm<{ reason: string }>();
  const assign = useMutation({
    mutationFn: (v: { hospitalId: string; reason?: string; version: number }) =>
      api.call('assignQuarantinedMail', {
        params: { quarantineId: id },
        body: {
          version: v.version,
          hospitalId: v.hospitalId,
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        },
      }),
    onSuccess: (m) => {
      decided(m.decision?.hospitalId ?? null);
      void mail.refetch();
    },
  });
  const discard = useMutation({
    mutationFn: (v: { reason: string; version: number }) =>
      api.call('discardQuarantinedMail', {
        params: { quarantineId: id },
        body: { version: v.version, reason: v.reason },
      }),
    onSuccess: () => {
      decided(null);
      void mail.refetch();
    },
  });
  const reload = () => {
    assign.reset();
    discard.reset();
    void mail.refetch();
  };
  let content;
  if (mail.isPending) content = <PageLoading rows={4} />;
  else if (mail.isError)
    content = <QueryError error={mail.error} onRetry={() => void mail.refetch()} />;
  else {
    const { mail: m, body, unreadable } = mail.data;
    content = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t.quarantine.reason}>
            <Tag color="orange">{t.quarantine.reasons[m.reason]}</Tag>
            <span className="pre-text">{m.detail}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.quarantine.from}>{m.from ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.quarantine.recipients}>
            {m.recipients.join(', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t.quarantine.subject}>{m.subject ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.quarantine.receivedAt}>
            {formatShanghai(m.receivedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t.quarantine.verdicts}>
            {Object.entries(m.verdicts).map(([k, v]) => (
              <Tag key={k} color={v === 'PASS' ? 'green' : v === 'FAIL' ? 'red' : 'default'}>
                {k.toUpperCase()} {v}
              </Tag>
            ))}
          </Descriptions.Item>
          {body?.attachments.length ? (
            <Descriptions.Item label={t.quarantine.attachments}>
              {body.attachments
                .map((a) => `${a.filename} (${a.contentType}, ${a.size} B)`)
                .join('；')}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {unreadable ? (
          <Alert type="warning" showIcon title={t.quarantine.unreadable} description={unreadable} />
        ) : null}
        {body ? (
          <pre className="mail-body" data-testid="quarantine-body">
            {body.text || t.quarantine.noText}
          </pre>
        ) : null}
        {m.status !== 'waiting' ? (
          <Alert
            type="success"
            showIcon
            data-testid="quarantine-decided"
            title={m.status === 'assigned' ? t.quarantine.assigned : t.quarantine.discarded}
            description={
              m.decision ? (
                <>
                  <PersonName who={m.decision.by} fallback={'—'} /> ·{' '}
                  {formatShanghai(m.decision.at)}
                  {m.decision.reason ? ` · ${m.decision.reason}` : ''}
                  {m.decision.hospitalId && m.decision.ticketId ? (
                    <div>
                      <Link
                        to={`/hospitals/${encodeURIComponent(m.decision.hospitalId)}/tickets/${m.decision.ticketId}`}
                        data-testid="quarantine-ticket"
                      >
                        {t.quarantine.openTicket}
                      </Link>
                    </div>
                  ) : null}
                </>
              ) : null
            }
          />
        ) : (
          <>
            <Card size="small" title={t.quarantine.assign}>
              <Form
                form={assignForm}
                layout="vertical"
                requiredMark={false}
                onFinish={(v) => assign.mutate({ ...v, version: m.version })}
              >
                <Form.Item
                  name="hospitalId"
                  label={t.quarantine.hospital}
                  rules={[{ required: true, message: t.contracts.required }]}
                >
                  <HospitalSelect data-testid="quarantine-hospital" />
                </Form.Item>
                <Form.Item name="reason" label={t.quarantine.decisionReason}>
                  <Input maxLength={500} />
                </Form.Item>
                {assign.isError ? <DecisionError error={assign.error} onReload={reload} /> : null}
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={assign.isPending}
                  data-testid="quarantine-assign"
                >
                  {t.quarantine.assign}
                </Button>
              </Form>
            </Card>
            <Card size="small" title={t.quarantine.discard}>
              <Form
                form={discardForm}
                layout="vertical"
                requiredMark={false}
                onFinish={(v) => discard.mutate({ ...v, version: m.version })}
              >
                <Form.Item
                  name="reason"
                  label={t.quarantine.decisionReason}
                  rules={[{ required: true, whitespace: true, message: t.contracts.required }]}
                >
                  <Input maxLength={500} data-testid="quarantine-discard-reason" />
                </Form.Item>
                {discard.isError ? <DecisionError error={discard.error} onReload={reload} /> : null}
                <Button
                  danger
                  htmlType="submit"
                  loading={discard.isPending}
                  data-testid="quarantine-discard"
                >
                  {t.quarantine.discard}
                </Button>
              </Form>
            </Card>
          </>
        )}
      </Space>
    );
  }
  return (
    <Drawer
      open
      onClose={onClose}
      title={t.quarantine.message}
      size="large"
      styles={{ body: { paddingTop: 12 } }}
    >
      {content}
    </Drawer>
  );
}

/** 隔离邮件: mail no hospital could be found for, waiting for a vendor admin (oldest first). */
export function QuarantinePage() {
  const t = useT();
  const list = useQuarantine();
  const [open, setOpen] = useState<string | null>(null);
  const header = <PageHeader title={t.quarantine.title} />;
  if (list.isPending) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (list.isError) {
    return (
      <>
        {header}
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      </>
    );
  }
  const columns: TableColumnsType<QuarantinedMail> = [
    {
      title: t.quarantine.receivedAt,
      key: 'at',
      render: (_, m) => <span className="nowrap">{formatShanghai(m.receivedAt)}</span>,
    },
    {
      title: t.quarantine.subject,
      key: 'subject',
      render: (_, m) => (
        <Typography.Link onClick={() => setOpen(m.id)} data-testid="quarantine-open">
          {m.subject ?? t.quarantine.noSubject}
        </Typography.Link>
      ),
    },
    { title: t.quarantine.from, key: 'from', responsive: ['sm'], render: (_, m) => m.from ?? '—' },
    {
      title: t.quarantine.reason,
      key: 'reason',
      render: (_, m) => <Tag color="orange">{t.quarantine.reasons[m.reason]}</Tag>,
    },
    {
      title: t.quarantine.recipients,
      key: 'to',
      responsive: ['md'],
      render: (_, m) => m.recipients.join(', '),
    },
  ];
  return (
    <>
      {header}
      <Card size="small">
        <Table<QuarantinedMail>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data.pages.flatMap((p) => p.items).filter((m) => m.status === 'waiting')}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.quarantine.empty }}
          data-testid="quarantine-table"
        />
        <LoadMore pages={list} data-testid="quarantine-more" />
      </Card>
      {open ? <MailDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
