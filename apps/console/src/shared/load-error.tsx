import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

export function LoadError({ error, onRetry }: { error: string | undefined; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('common.loadFailed')}
      description={error}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
