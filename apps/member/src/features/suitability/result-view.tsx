import type { SuitabilityStatus } from '@quanzi/contracts';
import { Button, List, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { riskRange, shanghaiDate } from './levels';

/** The new level, what it allows, until when, and the way back to where the member came from. */
export function ResultView({ status, onDone, onRetake }: { status: SuitabilityStatus; onDone: () => void; onRetake: () => void }) {
  const { t } = useTranslation();
  if (!status.level || !status.expiresAt) return null;
  const range = riskRange(status.level);
  return (
    <>
      <Result
        status="success"
        title={
          <span data-testid="suitability-level">
            {status.level} {status.levelName}
          </span>
        }
        description={t('suitability.allows', { range })}
        style={{ borderRadius: 12, marginBottom: 12 }}
      />
      <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
        <List>
          <List.Item extra={`${status.level} ${status.levelName}`}>{t('suitability.level')}</List.Item>
          <List.Item extra={<span data-testid="suitability-range">{range}</span>}>{t('suitability.products')}</List.Item>
          <List.Item extra={status.score}>{t('suitability.score')}</List.Item>
          <List.Item extra={<span data-testid="suitability-valid-until">{shanghaiDate(status.expiresAt)}</span>}>
            {t('suitability.validity')}
          </List.Item>
        </List>
      </div>
      <p className="hint">{t(`suitability.levelHint.${status.level}`)}</p>
      <Button block color="primary" size="large" onClick={onDone} data-testid="suitability-done" style={{ marginTop: 8 }}>
        {t('suitability.done')}
      </Button>
      {status.attemptsLeftToday > 0 && (
        <Button block fill="none" color="primary" style={{ marginTop: 8 }} onClick={onRetake} data-testid="suitability-retake">
          {t('suitability.retakeLeft', { count: status.attemptsLeftToday })}
        </Button>
      )}
    </>
  );
}
