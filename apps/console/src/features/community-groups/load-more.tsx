import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** The "加载更多" button under a keyset-paged table; nothing once the last page is in. */
export function LoadMore({ hasMore, loading, onClick, testId }: { hasMore: boolean; loading: boolean; onClick(): void; testId?: string }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 16 }}>
      <Button data-testid={testId} loading={loading} onClick={onClick}>
        {t('communityCommon.loadMore')}
      </Button>
    </div>
  );
}
