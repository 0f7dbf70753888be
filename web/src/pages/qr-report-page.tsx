import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { newIdempotencyKey } from '../api/client.ts';
import { useApi } from '../auth/auth-context.tsx';
import { LinkLoading, LinkRefused } from '../components/link-states.tsx';
import { ProblemAlert } from '../components/page-states.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { attachmentsOf, ReportAttachments, type RequestUpload } from './tickets/report-extras.tsx';
import type { UploadFile } from 'antd';

interface Values {
  name: string;
  phone: string;
  description: string;
  attachments?: UploadFile[];
}

const fields = ['name', 'phone', 'description', 'attachments'];

/**
 * 扫码报修: the form a department's QR poster opens on a phone, without an account. The hospital,
 * department and campus come from the link (read only); the report becomes a ticket of them.
 */
export function QrReportPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { t } = useLocale();
  const [form] = Form.useForm<Values>();
  // One key per report, kept through the form's retries, so a resubmit opens no second ticket.
  const [key, setKey] = useState(newIdempotencyKey);
  const described = useQuery({
    queryKey: ['qr-link', token],
    queryFn: () => api.call('describeQrLink', { query: { token } }),
    retry: false,
  });
  const requestUpload: RequestUpload = (file) =>
    api.call('requestQrUpload', { body: { token, file } });
  const send = useMutation({
    mutationFn: (v: Values) =>
      api.call('reportByQrLink', {
        idempotencyKey: key,
        body: {
          token,
          name: v.name.trim(),
          phone: v.phone.trim(),
          description: v.description.trim(),
          attachments: attachmentsOf(v.attachments),
        },
      }),
    onError: (err) => {
      if (err instanceof ApiError)
        form.setFields(
          err.fieldErrors
            .filter((e) => fields.includes(e.path.split('.')[0] ?? ''))
            .map((e) => ({ name: e.path.split('.')[0] as keyof Values, errors: [e.message] })),
        );
    },
  });
  if (described.isPending) return <LinkLoading />;
  if (described.isError)
    return (
      <LinkRefused error={described.error} used={t.qrReport.stopped} expired={t.qrReport.stopped} />
    );
  if (send.isSuccess)
    return (
      <Result
        status="success"
        title={t.qrReport.done}
        subTitle={
          <span data-testid="qr-ticket-number">{t.qrReport.doneNumber(send.data.number)}</span>
        }
        extra={
          <Button
            onClick={() => {
              form.resetFields();
              send.reset();
              setKey(newIdempotencyKey());
            }}
          >
            {t.qrReport.again}
          </Button>
        }
      />
    );
  const d = described.data;
  const required = [{ required: true, whitespace: true, message: t.qrReport.required }];
  return (
    <div className="signed-link-page">
      <Card title={t.qrReport.title}>
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t.qrReport.hospital}>{d.hospitalName}</Descriptions.Item>
          <Descriptions.Item label={t.qrReport.department}>{d.department}</Descriptions.Item>
          {d.campus ? (
            <Descriptions.Item label={t.qrReport.campus}>{d.campus}</Descriptions.Item>
          ) : null}
        </Descriptions>
        <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
          <Form.Item name="name" label={t.qrReport.name} rules={required}>
            <Input autoComplete="name" maxLength={100} data-testid="qr-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t.qrReport.phone}
            extra={t.qrReport.phoneHelp}
            rules={required}
          >
            <Input type="tel" autoComplete="tel" maxLength={40} data-testid="qr-phone" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t.qrReport.description}
            extra={t.qrReport.descriptionHelp}
            rules={required}
          >
            <Input.TextArea rows={4} maxLength={5000} data-testid="qr-description" />
          </Form.Item>
          <ReportAttachments requestUpload={requestUpload} />
          {send.isError ? <ProblemAlert error={send.error} /> : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={send.isPending}
            data-testid="qr-submit"
          >
            {t.qrReport.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
