import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client.ts';
import { useMayCall } from '../../api/queries.ts';
import { saveBlob } from '../../api/record-queries.ts';
import type { ResponseOf } from '../../api/types.ts';
import { ListCard } from '../../components/list-card.tsx';
import { useApi } from '../../auth/auth-context.tsx';
import { ProblemAlert } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';

type QrLink = ResponseOf<'listQrLinks'>['items'][number];

const qrLinksKey = (hospitalId: string) => ['qr-links', hospitalId];

/**
 * 扫码报修: the hospital's QR links with how often each was used; the IT center (and vendor
 * staff) make one per department, print its poster, and stop it when the poster comes down.
 */
export function QrLinksCard({ hospitalId, campuses }: { hospitalId: string; campuses: string[] }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const links = useQuery({
    queryKey: qrLinksKey(hospitalId),
    queryFn: async ({ signal }) =>
      (await api.call('listQrLinks', { params: { hospitalId }, signal })).items,
    enabled: may('listQrLinks'),
  });
  const revoke = useMutation({
    mutationFn: (q: QrLink) =>
      api.call('revokeQrLink', {
        params: { hospitalId, linkId: q.id },
        body: { version: q.version },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: qrLinksKey(hospitalId) });
      message.success(t.qrLinks.revoked);
    },
    onError: (err) => message.error(err instanceof Error ? err.message : String(err)),
  });
  const poster = useMutation({
    mutationFn: async (q: QrLink) => {
      const file = await api.download('getQrLinkPoster', { params: { hospitalId, linkId: q.id } });
      saveBlob(file.blob, file.fileName ?? 'qr-poster.docx');
    },
    onError: (err) => message.error(err instanceof Error ? err.message : String(err)),
  });
  if (!may('listQrLinks')) return null;
  const columns: TableColumnsType<QrLink> = [
    {
      title: t.qrLinks.department,
      key: 'department',
      render: (_, q) => [q.campus, q.department].filter(Boolean).join(' · '),
    },
    { title: t.qrLinks.uses, dataIndex: 'useCount', key: 'uses' },
    {
      title: t.qrLinks.lastUsed,
      key: 'lastUsed',
      render: (_, q) => (q.lastUsedAt ? formatShanghai(q.lastUsedAt) : t.qrLinks.never),
    },
    {
      title: t.qrLinks.state,
      key: 'state',
      render: (_, q) =>
        q.revokedAt ? (
          <Tag>{t.qrLinks.revokedAt(formatShanghai(q.revokedAt))}</Tag>
        ) : (
          <Tag color="green">{t.qrLinks.active}</Tag>
        ),
    },
    {
      title: t.qrLinks.actions,
      key: 'actions',
      render: (_, q) =>
        q.revokedAt ? null : (
          <Space size={4}>
            <Button
              size="small"
              loading={poster.isPending && poster.variables?.id === q.id}
              onClick={() => poster.mutate(q)}
              data-testid="qr-poster"
            >
              {t.qrLinks.poster}
            </Button>
            {may('revokeQrLink') ? (
              <Popconfirm
                title={t.qrLinks.revokeConfirm(q.department)}
                okText={t.qrLinks.revoke}
                cancelText={t.common.cancel}
                onConfirm={() => revoke.mutate(q)}
              >
                <Button size="small" danger data-testid="qr-revoke">
                  {t.qrLinks.revoke}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ),
    },
  ];
  return (
    <ListCard<QrLink>
      title={t.qrLinks.title}
      hint={t.qrLinks.hint}
      empty={t.qrLinks.empty}
      testId="qr-links-card"
      tableTestId="qr-link-table"
      query={links}
      columns={columns}
      add={
        may('createQrLink')
          ? { label: t.qrLinks.add, testId: 'add-qr-link', onClick: () => setAdding(true) }
          : null
      }
    >
      {adding ? (
        <NewQrLinkModal
          hospitalId={hospitalId}
          campuses={campuses}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </ListCard>
  );
}

function NewQrLinkModal({
  hospitalId,
  campuses,
  onClose,
}: {
  hospitalId: string;
  campuses: string[];
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ department: string; campus?: string }>();
  // One key for this dialog: a retried save makes one link.
  const [key] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: (v: { department: string; campus?: string }) =>
      api.call('createQrLink', {
        params: { hospitalId },
        idempotencyKey: key,
        body: { department: v.department.trim(), ...(v.campus ? { campus: v.campus } : {}) },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: qrLinksKey(hospitalId) });
      message.success(t.qrLinks.created);
      onClose();
    },
  });
  const required = [{ required: true, whitespace: true, message: t.qrLinks.required }];
  return (
    <Modal
      open
      title={t.qrLinks.add}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item name="department" label={t.qrLinks.department} rules={required}>
          <Input maxLength={100} data-testid="qr-link-department" />
        </Form.Item>
        {campuses.length > 0 ? (
          <Form.Item
            name="campus"
            label={t.qrLinks.campus}
            rules={[{ required: true, message: t.qrLinks.required }]}
          >
            <Select
              options={campuses.map((c) => ({ value: c, label: c }))}
              data-testid="qr-link-campus"
            />
          </Form.Item>
        ) : null}
        {create.isError ? <ProblemAlert error={create.error} /> : null}
      </Form>
    </Modal>
  );
}
