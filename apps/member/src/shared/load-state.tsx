import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** The loading skeleton and the error-with-retry block every data page shows. */
export function LoadState({ loading, error, onRetry }: { loading: boolean; error?: string | undefined; onRetry: () => void }) {
  const { t } = useTranslation();
  if (loading) {
    return (
      <div className="card">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={4} animated />
      </div>
    );
  }
  if (error) {
    return (
      <ErrorBlock status="default" title={t('common.loadFailed')} description={error}>
        <Button color="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    );
  }
  return null;
}
