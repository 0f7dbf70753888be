import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { useContracts, useMayCall } from '../../api/queries.ts';
import type { ResponseOf } from '../../api/types.ts';
import { ListCard } from '../../components/list-card.tsx';
import { useApi } from '../../auth/auth-context.tsx';
import { ProblemAlert } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';

type Channel = ResponseOf<'listChannels'>['items'][number];
type Kind = Channel['kind'];
type ChannelEvent = Channel['events'][number];

const eventOrder: ChannelEvent[] = [
  'ticket-fatal',
  'ticket-serious',
  'sla-at-risk',
  'sla-breach',
  'obligation-reminder',
  'evaluation-request',
];
const channelsKey = (hospitalId: string) => ['hospitals', hospitalId, 'channels'] as const;

interface Values {
  kind: Kind;
  name: string;
  contractId: string;
  webhookUrl?: string;
  signingSecret?: string;
  removeSecret?: boolean;
  events: ChannelEvent[];
  enabled: boolean;
}

const formFields = ['kind', 'name', 'contractId', 'webhookUrl', 'signingSecret', 'events'] as const;
const allContracts = '';

function ChannelModal({
  hospitalId,
  before,
  onClose,
}: {
  hospitalId: string;
  before: Channel | null;
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const contracts = useContracts(hospitalId);
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form) ?? before?.kind ?? 'wecom';

  const save = useMutation({
    mutationFn: (v: Values) => {
      const contractId = v.contractId === allContracts ? null : v.contractId;
      const secret = v.signingSecret?.trim() || null;
      if (!before)
        return api.call('createChannel', {
          params: { hospitalId },
          body: {
            kind: v.kind,
            name: v.name,
            contractId,
            webhookUrl: v.webhookUrl ?? '',
            signingSecret: v.kind === 'dingtalk' ? secret : null,
            events: v.events,
            enabled: v.enabled,
          },
        });
      return api.call('updateChannel', {
        params: { hospitalId, channelId: before.id },
        body: {
          version: before.version,
          name: v.name,
          contractId,
          ...(v.webhookUrl?.trim() ? { webhookUrl: v.webhookUrl } : {}),
          ...(v.removeSecret ? { signingSecret: null } : secret ? { signingSecret: secret } : {}),
          events: v.events,
          enabled: v.enabled,
        },
      });
    },
    onMutate: () => setProblem(null),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: channelsKey(hospitalId) });
      message.success(t.channels.saved);
      onClose();
    },
    onError: (err) => {
      const fields =
        err instanceof ApiError
          ? err.fieldErrors.flatMap((e) => {
              const field = formFields.find((f) => f === e.path.split('.')[0]);
              return field ? [{ name: field, errors: [e.message] }] : [];
            })
          : [];
      form.setFields(fields);
      if (fields.length === 0) setProblem(err);
    },
  });

  return (
    <Modal
      open
      title={before ? `${t.channels.edit}：${before.name}` : t.channels.add}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'save-channel' } as never}
      width={620}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {problem ? <ProblemAlert error={problem} /> : null}
        <Form<Values>
          form={form}
          name="channel"
          layout="vertical"
          initialValues={{
            kind: before?.kind ?? 'wecom',
            name: before?.name ?? '',
            contractId: before?.contractId ?? allContracts,
            events: before?.events ?? ['ticket-fatal', 'ticket-serious', 'sla-breach'],
            enabled: before?.enabled ?? true,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="kind" label={t.channels.kind}>
            <Select
              disabled={before !== null}
              data-testid="channel-kind"
              options={(['wecom', 'dingtalk'] as const).map((k) => ({
                value: k,
                label: t.channels.kinds[k],
              }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t.channels.name}
            rules={[{ required: true, whitespace: true, message: t.contracts.required }]}
          >
            <Input
              maxLength={60}
              placeholder={t.channels.namePlaceholder}
              data-testid="channel-name"
            />
          </Form.Item>
          <Form.Item name="contractId" label={t.channels.contract}>
            <Select
              options={[
                { value: allContracts, label: t.channels.allContracts },
                ...(contracts.data ?? []).map((c) => ({ value: c.id, label: c.terms.name })),
              ]}
            />
          </Form.Item>
          <Form.Item
            name="webhookUrl"
            label={t.channels.webhookUrl}
            extra={before ? `${before.webhookUrl}（${t.channels.webhookKeep}）` : undefined}
            rules={
              before ? [] : [{ required: true, whitespace: true, message: t.contracts.required }]
            }
          >
            <Input
              placeholder={t.channels.webhookPlaceholder[kind]}
              autoComplete="off"
              data-testid="channel-webhook"
            />
          </Form.Item>
          {kind === 'dingtalk' ? (
            <>
              <Form.Item
                name="signingSecret"
                label={t.channels.signingSecret}
                extra={
                  before?.signed
                    ? `${t.channels.signed}（${t.channels.signingSecretKeep}）`
                    : t.channels.signingSecretHelp
                }
              >
                <Input.Password autoComplete="new-password" data-testid="channel-secret" />
              </Form.Item>
              {before?.signed ? (
                <Form.Item name="removeSecret" valuePropName="checked">
                  <Checkbox>{t.channels.removeSecret}</Checkbox>
                </Form.Item>
              ) : null}
            </>
          ) : null}
          <Form.Item
            name="events"
            label={t.channels.events}
            rules={[{ required: true, type: 'array', min: 1, message: t.contracts.required }]}
          >
            <Checkbox.Group
              data-testid="channel-events"
              options={eventOrder.map((e) => ({ value: e, label: t.channels.eventNames[e] }))}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t.channels.enabled} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

/** What the channel's deliveries last did: delivered, or the robot's error and when. */
function DeliveryStatus({ c }: { c: Channel }) {
  const t = useT();
  const s = c.status;
  const failedLast =
    s.lastFailedAt !== null && (s.lastDeliveredAt === null || s.lastFailedAt > s.lastDeliveredAt);
  if (failedLast)
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text type="danger" data-testid="channel-error">
          {t.channels.failedAt(formatShanghai(s.lastFailedAt as string), s.lastError ?? '')}
        </Typography.Text>
        {s.failuresSinceDelivery > 0 ? (
          <Typography.Text type="secondary">
            {t.channels.retrying(s.failuresSinceDelivery)}
          </Typography.Text>
        ) : null}
      </Space>
    );
  if (s.lastDeliveredAt)
    return <span>{t.channels.deliveredAt(formatShanghai(s.lastDeliveredAt))}</span>;
  return <Typography.Text type="secondary">{t.channels.never}</Typography.Text>;
}

/**
 * 通知渠道 of a hospital: its WeCom and DingTalk group robots, which events go to each, and what
 * each last delivery did. Vendor admins and the hospital's IT center change them.
 */
export function ChannelsCard({ hospitalId }: { hospitalId: string }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const client = useQueryClient();
  const { message } = App.useApp();
  const contracts = useContracts(hospitalId);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const channels = useQuery({
    queryKey: channelsKey(hospitalId),
    queryFn: async ({ signal }) =>
      (await api.call('listChannels', { params: { hospitalId }, signal })).items,
    enabled: may('listChannels'),
  });
  const remove = useMutation({
    mutationFn: (c: Channel) =>
      api.call('deleteChannel', {
        params: { hospitalId, channelId: c.id },
        query: { version: c.version },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: channelsKey(hospitalId) });
      message.success(t.channels.removed);
    },
    onError: (err) => message.error(err instanceof Error ? err.message : String(err)),
  });
  if (!may('listChannels')) return null;
  const mayChange = may('updateChannel');
  const contractName = (id: string | null) =>
    id === null
      ? t.channels.allContracts
      : (contracts.data?.find((c) => c.id === id)?.terms.name ?? '—');

  const columns: TableColumnsType<Channel> = [
    {
      title: t.channels.name,
      key: 'name',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>
            {c.name} {c.enabled ? null : <Tag>{t.channels.off}</Tag>}
          </span>
          <Typography.Text type="secondary">
            {t.channels.kinds[c.kind]}
            {c.signed ? `（${t.channels.signed}）` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t.channels.contract,
      key: 'contract',
      responsive: ['md'],
      render: (_, c) => contractName(c.contractId),
    },
    {
      title: t.channels.events,
      key: 'events',
      render: (_, c) =>
        eventOrder
          .filter((e) => c.events.includes(e))
          .map((e) => <Tag key={e}>{t.channels.eventNames[e]}</Tag>),
    },
    {
      title: t.channels.lastDelivery,
      key: 'status',
      render: (_, c) => <DeliveryStatus c={c} />,
    },
    ...(mayChange
      ? [
          {
            title: t.channels.actions,
            key: 'actions',
            width: 130,
            render: (_: unknown, c: Channel) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(c)}>
                  {t.channels.edit}
                </Button>
                <Popconfirm
                  title={t.channels.removeConfirm(c.name)}
                  okText={t.channels.remove}
                  cancelText={t.common.cancel}
                  onConfirm={() => remove.mutate(c)}
                >
                  <Button size="small" danger>
                    {t.channels.remove}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <ListCard<Channel>
      title={t.channels.title}
      hint={t.channels.hint}
      empty={t.channels.empty}
      testId="channels-card"
      tableTestId="channel-table"
      query={channels}
      columns={columns}
      add={
        may('createChannel')
          ? { label: t.channels.add, testId: 'add-channel', onClick: () => setEditing('new') }
          : null
      }
    >
      {editing ? (
        <ChannelModal
          hospitalId={hospitalId}
          before={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </ListCard>
  );
}
