import { Button } from 'antd';
import { useT } from '../i18n/locale.tsx';

/** 加载更多 under a list read a page at a time (an infinite query); nothing once it is all read. */
export function LoadMore({
  pages,
  size,
  'data-testid': testId,
}: {
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  size?: 'small';
  'data-testid'?: string;
}) {
  const t = useT();
  if (!pages.hasNextPage) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: size === 'small' ? 8 : 12 }}>
      <Button
        size={size}
        loading={pages.isFetchingNextPage}
        onClick={() => void pages.fetchNextPage()}
        data-testid={testId}
      >
        {t.common.more}
      </Button>
    </div>
  );
}
