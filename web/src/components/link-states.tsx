import { Result, Spin } from 'antd';
import { ApiError } from '../api/api-error.ts';
import { useLocale } from '../i18n/locale.tsx';

/** A signed link's page while it asks what the link is for. */
export function LinkLoading() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

/** A link that cannot act: used (410, reason used), expired (410) or not one of ours. */
export function LinkRefused({
  error,
  used,
  expired,
}: {
  error: unknown;
  used: string;
  expired: string;
}) {
  const { t } = useLocale();
  const gone = error instanceof ApiError && error.status === 410;
  if (gone && error.problem.reason === 'used') return <Result status="info" title={used} />;
  return <Result status="warning" title={gone ? expired : t.signedLink.invalid} />;
}
