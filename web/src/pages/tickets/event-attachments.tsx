import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useApi } from '../../auth/auth-context.tsx';
import { useT } from '../../i18n/locale.tsx';

/** The files an event names (a report's uploads, a mail's attachments), as the server stored them. */
function filesOf(data: Record<string, unknown>): { key: string; filename: string }[] {
  const list = Array.isArray(data.attachments) ? (data.attachments as unknown[]) : [];
  return list.flatMap((a) => {
    const f = a as { key?: unknown; filename?: unknown };
    return typeof f.key === 'string' && typeof f.filename === 'string'
      ? [{ key: f.key, filename: f.filename }]
      : [];
  });
}

/** 附件 of one timeline event: each opens through a short-lived link the server hands out. */
export function EventAttachments({
  hospitalId,
  ticketId,
  data,
}: {
  hospitalId: string;
  ticketId: string;
  data: Record<string, unknown>;
}) {
  const t = useT();
  const api = useApi();
  const { message } = App.useApp();
  const files = filesOf(data);
  if (files.length === 0) return null;
  return (
    <Space size={4} wrap data-testid="event-attachments">
      <span>{t.tickets.attachments}：</span>
      {files.map((f) => (
        <Button
          key={f.key}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          onClick={() =>
            void api
              .call('getTicketAttachment', {
                params: { hospitalId, ticketId },
                query: { key: f.key },
              })
              .then((link) => window.open(link.url, '_blank', 'noopener'))
              .catch((err: unknown) => void message.error((err as Error).message))
          }
        >
          {f.filename}
        </Button>
      ))}
    </Space>
  );
}
