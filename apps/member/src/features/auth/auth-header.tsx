import { useTranslation } from 'react-i18next';

export function AuthHeader({ subtitle }: { subtitle: string }) {
  const { t } = useTranslation();
  return (
    <div className="auth-header">
      <h1>{t('brand')}</h1>
      <p>{subtitle}</p>
    </div>
  );
}
