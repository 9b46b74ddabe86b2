import { formatFen } from '@quanzi/web-kit';
import { Empty, List, SpinLoading } from 'antd-mobile';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { shanghaiDate } from '../suitability/levels';
import { addDays } from './format';
import { investApi } from './invest-api';

// ECharts loads only when this page is opened.
const EarningsChart = lazy(() => import('./earnings-chart'));

const DAYS = 30;

/** 收益明细: the last 30 China days as a curve (days without earnings read zero) and the credited days as a list. */
export function EarningsPage() {
  const { t } = useTranslation();
  const earnings = useLoad(() => investApi.earnings(DAYS));
  const items = earnings.data?.items;
  const curve = useMemo(() => {
    if (!items) return [];
    const byDay = new Map(items.map((e) => [e.day, e.amount]));
    // A day's earnings are credited after it ends, so the curve ends yesterday (or on a later credited day).
    const yesterday = addDays(shanghaiDate(new Date().toISOString()), -1);
    const latest = items[0]?.day;
    const end = latest && latest > yesterday ? latest : yesterday;
    return Array.from({ length: DAYS }, (_, i) => {
      const day = addDays(end, i - DAYS + 1);
      return { day, amount: byDay.get(day) ?? '0' };
    });
  }, [items]);
  const total = curve.reduce((s, d) => s + BigInt(d.amount), 0n);

  return (
    <Page title={t('invest.earnings')}>
      <div className="page-body">
        {!items ? (
          <LoadState loading={earnings.loading} error={earnings.error} onRetry={earnings.reload} />
        ) : (
          <>
            <div className="card">
              <div className="muted">{t('invest.earningsPage.total', { days: DAYS })}</div>
              <div className="big-amount" data-testid="earnings-total">
                ¥{formatFen(total)}
              </div>
              {items.length === 0 ? (
                <Empty description={t('invest.earningsPage.empty')} data-testid="earnings-empty" />
              ) : (
                <Suspense
                  fallback={
                    <div className="center">
                      <SpinLoading color="primary" />
                    </div>
                  }
                >
                  <EarningsChart days={curve} label={t('invest.earningsPage.daily')} />
                </Suspense>
              )}
            </div>
            {items.length > 0 && (
              <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
                <List header={t('invest.earningsPage.byDay')}>
                  {items.map((e) => (
                    <List.Item key={e.day} extra={<span className="amount-in">{formatFen(e.amount, { sign: true })}</span>}>
                      {e.day}
                    </List.Item>
                  ))}
                </List>
              </div>
            )}
            <p className="hint">{t('invest.earningsPage.note')}</p>
          </>
        )}
      </div>
    </Page>
  );
}
