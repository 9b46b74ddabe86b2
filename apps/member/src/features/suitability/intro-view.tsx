import type { SuitabilityStatus } from '@quanzi/contracts';
import { Button, NoticeBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { MAX_ATTEMPTS_PER_DAY, riskRange, shanghaiDate } from './levels';

/** Why the assessment is needed, the member's current level if any, and how many tries are left today. */
export function IntroView({ status, questionCount, onStart }: { status: SuitabilityStatus; questionCount: number; onStart: () => void }) {
  const { t } = useTranslation();
  const none = status.attemptsLeftToday === 0;
  return (
    <>
      {status.level && status.expiresAt && (
        <div className="card" data-testid="suitability-current">
          <div className="muted">{t('suitability.current')}</div>
          <div style={{ fontSize: 22, fontWeight: 600, margin: '4px 0' }}>
            {status.level} {status.levelName}
          </div>
          <div className="muted">{t('suitability.allows', { range: riskRange(status.level) })}</div>
          <div className="muted">{t('suitability.validUntil', { date: shanghaiDate(status.expiresAt) })}</div>
        </div>
      )}
      {status.expired && status.expiresAt && (
        <NoticeBar
          color="alert"
          wrap
          content={t('suitability.expiredOn', { date: shanghaiDate(status.expiresAt) })}
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="card">
        <h3>{t('suitability.introTitle')}</h3>
        <p className="muted">{t('suitability.introWhy')}</p>
        <ul className="muted" style={{ paddingLeft: 18, margin: '8px 0 0' }}>
          <li>{t('suitability.introHow', { count: questionCount })}</li>
          <li>{t('suitability.introValidity')}</li>
          <li>{t('suitability.introMatch')}</li>
          <li data-testid="suitability-attempts">
            {t('suitability.attemptsLeft', { max: MAX_ATTEMPTS_PER_DAY, count: status.attemptsLeftToday })}
          </li>
        </ul>
      </div>
      {none && <NoticeBar color="alert" wrap content={t('suitability.noAttempts')} style={{ marginBottom: 12 }} />}
      <Button block color="primary" size="large" disabled={none} onClick={onStart} data-testid="suitability-start">
        {status.level || status.expired ? t('suitability.retake') : t('suitability.start')}
      </Button>
      <div className="risk-note" style={{ marginTop: 16 }}>
        {t('suitability.honestNote')}
      </div>
    </>
  );
}
