import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { useT } from '../i18n/locale.tsx';

/** While a page's data loads: the shape of what comes, not a blank page. */
export function PageLoading({ rows = 6 }: { rows?: number }) {
  return (
    <Card data-testid="page-loading">
      <Skeleton active title paragraph={{ rows }} />
    </Card>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t.errors.notFoundTitle}
      subTitle={t.errors.notFound}
      extra={
        <Link to="/">
          <Button type="primary">{t.errors.backHome}</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}

/** What failed, in the API's words, with its field paths, and a way to try again. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const apiError = error instanceof ApiError ? error : null;
  const title =
    apiError?.status === 0
      ? t.errors.network
      : apiError?.status === 403
        ? t.errors.forbidden
        : apiError
          ? `${t.errors.generic}（${t.errors.status(apiError.status)}）`
          : t.errors.generic;
  // The API's detail is written for people (in Chinese); a network failure's is the browser's.
  const detail =
    apiError?.status === 0
      ? ''
      : apiError
        ? apiError.message
        : error instanceof Error
          ? error.message
          : '';
  const fields = apiError?.fieldErrors ?? [];
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <>
          {detail && detail !== title ? <div>{detail}</div> : null}
          {fields.length > 0 ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {fields.map((f) => (
                <li key={`${f.path}:${f.message}`}>
                  {f.path ? <code>{f.path}</code> : null}
                  {f.path ? '：' : null}
                  {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t.common.retry}
          </Button>
        ) : undefined
      }
      data-testid="problem"
    />
  );
}

/** A query's failure: 404 is a not-found page (another hospital's data looks the same), else the problem. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.isNotFound) return <NotFound />;
  return <ProblemAlert error={error} onRetry={onRetry} />;
}

/** A failed save: someone else changed the record first (refresh and redo), or the API's problem. */
export function SaveError({ error }: { error: unknown }) {
  const t = useT();
  return error instanceof ApiError && error.isConflict ? (
    <Alert type="warning" showIcon title={t.evaluations.conflict} />
  ) : (
    <ProblemAlert error={error} />
  );
}
