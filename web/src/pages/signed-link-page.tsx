import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result } from 'antd';
import { useParams } from 'react-router';
import { useApi } from '../auth/auth-context.tsx';
import { LinkLoading, LinkRefused } from '../components/link-states.tsx';
import { ProblemAlert } from '../components/page-states.tsx';
import { formatShanghai } from '../format/format.ts';
import { useLocale } from '../i18n/locale.tsx';

/**
 * The page a signed link in an email opens (no account needed): it says what the link will do,
 * and does it only on a click, so a mail scanner that follows links acknowledges nothing.
 */
export function SignedLinkPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { t } = useLocale();
  const described = useQuery({
    queryKey: ['signed-link', token],
    queryFn: () => api.call('describeLink', { query: { token } }),
    retry: false,
  });
  const acknowledge = useMutation({
    mutationFn: () => api.call('acknowledgeNoticeByLink', { body: { token } }),
  });

  if (described.isPending) return <LinkLoading />;
  if (described.isError)
    return (
      <LinkRefused
        error={described.error}
        used={t.signedLink.used}
        expired={t.signedLink.expired}
      />
    );
  const d = described.data;
  if (acknowledge.isSuccess) {
    return (
      <Result
        status="success"
        title={t.signedLink.done}
        subTitle={`${t.signedLink.doneDetail} ${formatShanghai(acknowledge.data.acknowledgedAt ?? '')}`}
      />
    );
  }
  if (d.notice.acknowledgedAt) return <Result status="info" title={t.signedLink.used} />;
  return (
    <div className="signed-link-page">
      <Card title={t.signedLink.title}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t.signedLink.hospital}>{d.hospitalName}</Descriptions.Item>
          <Descriptions.Item label={t.signedLink.notice}>{d.notice.title}</Descriptions.Item>
          <Descriptions.Item label={t.signedLink.window}>
            {formatShanghai(d.notice.windowStart)} – {formatShanghai(d.notice.windowEnd)}
          </Descriptions.Item>
          <Descriptions.Item label={t.signedLink.recipient}>{d.email}</Descriptions.Item>
          <Descriptions.Item label={t.signedLink.expiresAt}>
            {formatShanghai(d.expiresAt)}
          </Descriptions.Item>
        </Descriptions>
        {acknowledge.isError && <ProblemAlert error={acknowledge.error} />}
        <Button
          type="primary"
          style={{ marginTop: 16 }}
          loading={acknowledge.isPending}
          onClick={() => acknowledge.mutate()}
        >
          {t.signedLink.confirm}
        </Button>
      </Card>
    </div>
  );
}
