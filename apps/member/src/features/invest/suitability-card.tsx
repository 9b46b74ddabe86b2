import type { SuitabilityStatus } from '@quanzi/contracts';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { riskRange, shanghaiDate } from '../suitability/levels';

/** The member's risk level and until when it holds, or the way to get one: nothing can be bought without it. */
export function SuitabilityCard({ status }: { status: SuitabilityStatus | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!status) return null;
  const go = () => navigate(`/suitability?next=${encodeURIComponent('/invest')}`);
  if (status.level && status.expiresAt) {
    return (
      <div className="card suitability-card" data-testid="invest-suitability">
        <div>
          <div className="muted">{t('invest.suitabilityTitle')}</div>
          <div className="suitability-line">
            {t('invest.suitabilityLevel', { level: status.level, name: status.levelName, date: shanghaiDate(status.expiresAt) })}
          </div>
          <div className="muted">{t('invest.suitabilityAllows', { range: riskRange(status.level) })}</div>
        </div>
        <Button size="small" fill="outline" color="primary" onClick={go}>
          {t('invest.suitabilityRetake')}
        </Button>
      </div>
    );
  }
  return (
    <div className="card suitability-card suitability-missing" data-testid="invest-suitability">
      <div className="suitability-line">
        {status.expired && status.expiresAt
          ? t('invest.suitabilityExpired', { date: shanghaiDate(status.expiresAt) })
          : t('invest.suitabilityNone')}
      </div>
      <Button size="small" color="primary" onClick={go} data-testid="invest-suitability-go">
        {t('invest.suitabilityGo')}
      </Button>
    </div>
  );
}
