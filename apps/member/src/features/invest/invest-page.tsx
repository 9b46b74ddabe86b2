import { Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

export function InvestPage() {
  const { t } = useTranslation();
  return (
    <div className="page-body">
      <div className="card">
        <Result status="waiting" title={t('invest.soonTitle')} description={t('invest.soonText')} />
      </div>
      <div className="risk-note">{t('common.riskNote')}</div>
    </div>
  );
}
