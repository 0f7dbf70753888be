import { Button, Space, Typography } from 'antd';
import { useT } from '../i18n/locale.tsx';
import type { useCursorPages } from '../api/ticket-queries.ts';

/** 上一页 / 第 n 页 / 下一页 under a list read one page at a time. */
export function Pager({
  pages,
  next,
  loading,
  testId,
}: {
  pages: ReturnType<typeof useCursorPages>;
  /** The server's cursor of the page after this one; null on the last page. */
  next: string | null | undefined;
  loading: boolean;
  testId: string;
}) {
  const t = useT();
  if (!pages.hasPrevious && !next) return null;
  return (
    <Space style={{ marginTop: 12 }} data-testid={testId}>
      <Button size="small" disabled={!pages.hasPrevious || loading} onClick={pages.previous}>
        {t.common.previousPage}
      </Button>
      <Typography.Text type="secondary">{t.common.pageNumber(pages.number)}</Typography.Text>
      <Button
        size="small"
        disabled={!next || loading}
        onClick={() => {
          if (next) pages.next(next);
        }}
      >
        {t.common.nextPage}
      </Button>
    </Space>
  );
}
