import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, List, Space, Typography, Upload, type UploadFile } from 'antd';
import { useApi } from '../../auth/auth-context.tsx';
import type { Ticket } from '../../api/ticket-queries.ts';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { declaredUpload, putUpload } from '../deliverables/content-type.ts';
import { SeverityTag, StatusTag } from '../../components/sla-tags.tsx';

/** What an uploaded file's entry holds once its PUT has gone through: the key the server issued. */
type Uploaded = { key: string };

/** The files of a report as the API takes them: only those whose upload finished. */
export function attachmentsOf(files: UploadFile[] | undefined) {
  return (files ?? []).flatMap((f) =>
    f.status === 'done' && f.response
      ? [{ key: (f.response as Uploaded).key, filename: f.name }]
      : [],
  );
}

/** Where one file of a report may be PUT: the hospital's upload route, or a QR link's. */
export type RequestUpload = (
  file: ReturnType<typeof declaredUpload>,
) => Promise<{ key: string; url: string; method: string; headers: Record<string, string> }>;

/** A signed-in reporter's uploads, under the hospital of the form. */
export function useHospitalUpload(hospitalId: string): RequestUpload {
  const api = useApi();
  return (body) => api.call('requestTicketUpload', { params: { hospitalId }, body });
}

/**
 * 附件: each file goes to the files bucket as soon as it is chosen (a presigned PUT the server
 * issues for this hospital), so the report itself carries only the keys. A phone offers its camera.
 */
export function ReportAttachments({ requestUpload }: { requestUpload: RequestUpload }) {
  const t = useT();
  return (
    <Form.Item
      name="attachments"
      label={t.tickets.attachments}
      extra={t.tickets.attachmentsHelp}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
      rules={[
        {
          validator: (_, files: UploadFile[] | undefined) =>
            (files ?? []).some((f) => f.status === 'uploading')
              ? Promise.reject(new Error(t.tickets.attachmentsUploading))
              : Promise.resolve(),
        },
      ]}
    >
      <Upload
        multiple
        maxCount={10}
        accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.zip,image/*"
        customRequest={({ file, onSuccess, onError }) => {
          const f = file as File;
          void (async () => {
            const upload = await requestUpload(declaredUpload(f));
            await putUpload(upload, f, t.errors.uploadFailed);
            onSuccess?.({ key: upload.key } satisfies Uploaded);
          })().catch((err: unknown) => onError?.(err as Error));
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="report-attach">
          {t.tickets.attachFile}
        </Button>
      </Upload>
    </Form.Item>
  );
}

/**
 * 可能是同一故障: open tickets of the subsystem reported in the last 30 minutes. The reporter
 * decides: join one (their report goes on it) or report separately with the form's own button.
 */
export function SimilarOffer({
  tickets,
  joining,
  onJoin,
}: {
  tickets: Ticket[];
  joining: string | null;
  onJoin: (ticket: Ticket) => void;
}) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t.tickets.similarTitle}
      data-testid="similar-offer"
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t.tickets.similarHint}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={tickets}
            renderItem={(tk) => (
              <List.Item
                key={tk.id}
                actions={[
                  <Button
                    key="join"
                    type="primary"
                    size="small"
                    loading={joining === tk.id}
                    disabled={joining !== null && joining !== tk.id}
                    onClick={() => onJoin(tk)}
                    data-testid={`join-${tk.number}`}
                  >
                    {t.tickets.joinTicket}
                  </Button>,
                ]}
              >
                <Space size={6} wrap>
                  <Typography.Text strong>{tk.number}</Typography.Text>
                  <Typography.Text>{tk.title}</Typography.Text>
                  <SeverityTag severity={tk.severity} />
                  <StatusTag status={tk.status} />
                  <Typography.Text type="secondary">
                    {formatShanghai(tk.reportedAt)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}
