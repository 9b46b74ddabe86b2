import { useTranslation } from 'react-i18next';

/** The short syntax reminder under every forum text box. */
export function MarkdownHint({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <p className={`forum-md-hint${compact ? ' compact' : ''}`} data-testid="markdown-hint">
      {compact ? t('forum.mdHintShort') : t('forum.mdHint')}
    </p>
  );
}
