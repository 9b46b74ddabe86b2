import { Button, ErrorBlock, InfiniteScroll } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/**
 * The end of a cursor-paged list: a load error with a retry, then antd-mobile's InfiniteScroll
 * (which asks for the next page as the member reaches it) saying loading / no more.
 */
export function ListFooter({
  error,
  errorTitle,
  retry,
  loadMore,
  hasMore,
  loaded,
  count,
}: {
  error: string | undefined | null;
  errorTitle?: string;
  retry: () => void;
  loadMore: () => Promise<void>;
  hasMore: boolean;
  loaded: boolean;
  count: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <ErrorBlock status="default" title={errorTitle ?? t('common.loadFailed')} description={error}>
          <Button color="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      )}
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore && !error}>
        {hasMore ? (loaded ? t('common.loading') : '') : count ? t('common.noMore') : ''}
      </InfiniteScroll>
    </>
  );
}
