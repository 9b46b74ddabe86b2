import { ExclamationCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';

/** Shown beside content that tries to take members off the platform (加微信, 私下转账 …): the text stays, readers are warned. */
export function WarningBar({ text, compact = false }: { text: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`forum-warning${compact ? ' compact' : ''}`} role="note" data-testid="content-warning">
      <ExclamationCircleOutline /> <span>{text || t('forum.warningDefault')}</span>
    </div>
  );
}
