import type { ButtonProps } from 'antd';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { obligationKeys, type Obligation } from '../../api/obligation-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { useMayCall } from '../../api/queries.ts';
import { ProblemAlert } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { personName } from '../../format/person.ts';

/**
 * What the hospital side made of the vendor's proof, in a line under the state: until when it may
 * object, who confirmed when, that the window passed, or the objection with its reason.
 */
export function AcceptanceNote({ o }: { o: Obligation }) {
  const t = useT();
  const a = o.acceptance;
  if (!a) return null;
  const text =
    a.status === 'confirmed'
      ? t.obligations.acceptance.confirmed(
          personName(a.decidedBy, '—'),
          formatShanghai(a.decidedAt ?? ''),
        )
      : a.status === 'objected'
        ? t.obligations.acceptance.objected(personName(a.decidedBy, '—'), a.reason ?? '')
        : o.state === 'awaiting'
          ? t.obligations.acceptance.until(a.objectionUntil)
          : t.obligations.acceptance.deemed(a.objectionUntil);
  return (
    <Typography.Text
      type={a.status === 'objected' ? 'danger' : 'secondary'}
      style={{ fontSize: 12, maxWidth: 'min(260px, 36vw)', display: 'inline-block' }}
      data-testid={`acceptance-${o.id}`}
      data-acceptance={a.status}
    >
      {text}
    </Typography.Text>
  );
}

/** The IT center's two answers to a proof awaiting it: confirm, or object with a reason. */
export function AcceptanceActions({
  hospitalId,
  contractId,
  o,
}: {
  hospitalId: string;
  contractId: string;
  o: Obligation;
}) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [objecting, setObjecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useMutation({
    mutationFn: (body: { decision: 'confirm' } | { decision: 'object'; reason: string }) =>
      api.call('decideProofAcceptance', {
        params: { hospitalId, contractId, obligationId: o.id },
        body: { ...body, version: o.version },
      }),
    onSuccess: (answer) => {
      client.setQueryData<Obligation[]>(obligationKeys.obligations(hospitalId, contractId), (old) =>
        old?.map((x) => (x.id === answer.id ? answer : x)),
      );
      void message.success(
        answer.acceptance?.status === 'objected'
          ? t.obligations.acceptance.objectedToast
          : t.obligations.acceptance.confirmedToast,
      );
      setObjecting(false);
    },
    onError: () =>
      void client.invalidateQueries({
        queryKey: obligationKeys.obligations(hospitalId, contractId),
      }),
  });
  if (o.state !== 'awaiting' || !may('decideProofAcceptance')) return null;
  return (
    <Space size={4} wrap>
      <Popconfirm
        title={t.obligations.acceptance.confirmQuestion}
        okText={t.obligations.acceptance.confirm}
        cancelText={t.common.cancel}
        onConfirm={() => decide.mutate({ decision: 'confirm' })}
      >
        <Button
          size="small"
          type="primary"
          loading={decide.isPending && decide.variables?.decision === 'confirm'}
          data-testid={`accept-${o.id}`}
        >
          {t.obligations.acceptance.confirm}
        </Button>
      </Popconfirm>
      <Button size="small" danger onClick={() => setObjecting(true)} data-testid={`object-${o.id}`}>
        {t.obligations.acceptance.object}
      </Button>
      {decide.isError && !objecting ? <ProblemAlert error={decide.error} /> : null}
      <Modal
        open={objecting}
        title={t.obligations.acceptance.objectTitle}
        okText={t.obligations.acceptance.send}
        cancelText={t.common.cancel}
        confirmLoading={decide.isPending}
        onCancel={() => setObjecting(false)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => decide.mutate({ decision: 'object', reason: v.reason }))
        }
        okButtonProps={{ danger: true, 'data-testid': 'objection-submit' } as ButtonProps}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t.obligations.acceptance.objectHelp}
        </Typography.Paragraph>
        {decide.isError ? <ProblemAlert error={decide.error} /> : null}
        <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
          <Form.Item
            name="reason"
            label={t.obligations.acceptance.reason}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t.obligations.acceptance.reasonRequired,
              },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="objection-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
