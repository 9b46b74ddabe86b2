import { formatFen, formatShanghaiTime } from '@quanzi/web-kit';
import type { TFunction } from 'i18next';
import { List, NoticeBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { disclosureApi, type Disclosure } from './disclosure-api';

type Lending = Disclosure['lending'];

/** Basis points of a share → "12.34%", integer arithmetic only. */
const shareText = (bps: number): string => `${Math.trunc(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`;

/** The operating-data items of the 2017 guideline for online lending intermediaries, in its order. */
const LENDING_ITEMS: Array<{ key: string; value: (l: Lending, t: TFunction) => string }> = [
  {
    key: 'cumulativeLending',
    value: (l, t) => t('disclosure.amountCount', { amount: formatFen(l.cumulativeLending), count: l.cumulativeLoans }),
  },
  { key: 'outstanding', value: (l, t) => t('disclosure.amountCount', { amount: formatFen(l.outstanding), count: l.outstandingLoans }) },
  { key: 'lendersCumulative', value: (l, t) => t('disclosure.people', { count: l.lendersCumulative }) },
  { key: 'borrowersCumulative', value: (l, t) => t('disclosure.people', { count: l.borrowersCumulative }) },
  { key: 'lendersCurrent', value: (l, t) => t('disclosure.people', { count: l.lendersCurrent }) },
  { key: 'borrowersCurrent', value: (l, t) => t('disclosure.people', { count: l.borrowersCurrent }) },
  { key: 'top10Share', value: (l) => shareText(l.top10BorrowerShareBps) },
  { key: 'largestShare', value: (l) => shareText(l.largestBorrowerShareBps) },
  { key: 'overdue', value: (l, t) => t('disclosure.amountCount', { amount: formatFen(l.overdueAmount), count: l.overdueCount }) },
  { key: 'overdue90', value: (l, t) => t('disclosure.amountCount', { amount: formatFen(l.overdue90Amount), count: l.overdue90Count }) },
  {
    key: 'compensated',
    value: (l, t) => t('disclosure.amountCount', { amount: formatFen(l.compensatedAmount), count: l.compensatedCount }),
  },
];

/** A frozen month's figures are stored as they were computed; read the two headline numbers defensively. */
function monthlyHeadline(figures: unknown): { purchases: string; outstanding: string } | null {
  const platform = (figures as { platform?: { cumulativePurchases?: unknown; outstanding?: unknown } } | null)?.platform;
  const ok = (v: unknown): v is string => typeof v === 'string' && /^-?\d+$/.test(v);
  if (!platform || !ok(platform.cumulativePurchases) || !ok(platform.outstanding)) return null;
  return { purchases: platform.cumulativePurchases, outstanding: platform.outstanding };
}

/**
 * 信息披露 (public, no login): the platform's operating figures computed from the books at request
 * time, the lending-guideline items (zero: no lending business), custody and complaints, and the
 * monthly snapshots frozen on the 1st.
 */
export function DisclosurePage() {
  const { t } = useTranslation();
  const disclosure = useLoad(() => disclosureApi.disclosure());
  const d = disclosure.data;
  // A visitor who landed here directly has no page to go back to.
  const canGoBack = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;

  return (
    <Page title={t('disclosure.title')} back={canGoBack ? -1 : '/'}>
      <NoticeBar content={t('disclosure.autoNote')} color="info" wrap data-testid="disclosure-auto-note" />
      <div className="page-body">
        {!d ? (
          <LoadState loading={disclosure.loading} error={disclosure.error} onRetry={disclosure.reload} />
        ) : (
          <>
            <p className="hint" style={{ padding: '0 4px 8px' }} data-testid="disclosure-as-of">
              {t('disclosure.asOf', { time: formatShanghaiTime(d.asOf, true) })}
            </p>

            <div className="card">
              <h3>{t('disclosure.platform')}</h3>
              <div className="disclosure-grid">
                <div>
                  <div className="disclosure-figure" data-testid="disclosure-purchases">
                    ¥{formatFen(d.platform.cumulativePurchases)}
                  </div>
                  <div className="hint-inline">{t('disclosure.cumulativePurchases')}</div>
                </div>
                <div>
                  <div className="disclosure-figure">{t('disclosure.count', { count: d.platform.purchaseCount })}</div>
                  <div className="hint-inline">{t('disclosure.purchaseCount')}</div>
                </div>
                <div>
                  <div className="disclosure-figure" data-testid="disclosure-outstanding">
                    ¥{formatFen(d.platform.outstanding)}
                  </div>
                  <div className="hint-inline">{t('disclosure.outstanding')}</div>
                </div>
                <div>
                  <div className="disclosure-figure">
                    {d.platform.investorsCumulative} / {d.platform.investorsCurrent}
                  </div>
                  <div className="hint-inline">{t('disclosure.investors')}</div>
                </div>
              </div>
              {d.platform.byType.length > 0 && (
                <table className="data-table" data-testid="disclosure-by-type">
                  <thead>
                    <tr>
                      <th>{t('disclosure.typeCol')}</th>
                      <th>{t('disclosure.purchasesCol')}</th>
                      <th>{t('disclosure.outstandingCol')}</th>
                      <th>{t('disclosure.holdersCol')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.platform.byType.map((r) => (
                      <tr key={r.type}>
                        <td>{t(`invest.type.${r.type}`)}</td>
                        <td>
                          ¥{formatFen(r.purchases)}
                          <div className="hint-inline">{t('disclosure.count', { count: r.purchaseCount })}</div>
                        </td>
                        <td>¥{formatFen(r.outstanding)}</td>
                        <td>{r.holders}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>

            <div className="card">
              <h3>{t('disclosure.lending')}</h3>
              <p className="muted">{t('disclosure.lendingBasis')}</p>
              <div className="experience-note" data-testid="disclosure-no-lending">
                {t('disclosure.noLending')}
              </div>
              <table className="data-table" data-testid="disclosure-lending">
                <tbody>
                  {LENDING_ITEMS.map((item) => (
                    <tr key={item.key}>
                      <th scope="row">{t(`disclosure.items.${item.key}`)}</th>
                      <td>{item.value(d.lending, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            <div className="card">
              <h3>{t('disclosure.custodian')}</h3>
              <p className="muted" data-testid="disclosure-custodian">
                {d.custodian}
              </p>
              <h3 style={{ marginTop: 12 }}>{t('disclosure.complaints')}</h3>
              <p className="muted" data-testid="disclosure-complaints">
                {d.complaintChannel}
              </p>
            </div>

            <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
              <List header={t('disclosure.monthly')}>
                {d.monthly.length === 0 && (
                  <List.Item>
                    <span className="muted">{t('disclosure.noMonthly')}</span>
                  </List.Item>
                )}
                {d.monthly.map((m) => {
                  const headline = monthlyHeadline(m.figures);
                  return (
                    <List.Item
                      key={m.month}
                      description={t('disclosure.takenAt', { time: formatShanghaiTime(m.takenAt, true) })}
                      extra={
                        headline && (
                          <div style={{ textAlign: 'right', fontSize: 13 }}>
                            <div>{t('disclosure.monthlyPurchases', { amount: formatFen(headline.purchases) })}</div>
                            <div className="hint-inline">
                              {t('disclosure.monthlyOutstanding', { amount: formatFen(headline.outstanding) })}
                            </div>
                          </div>
                        )
                      }
                    >
                      {m.month}
                    </List.Item>
                  );
                })}
              </List>
            </div>
            <div className="risk-note">{t('common.riskNote')}</div>
          </>
        )}
      </div>
    </Page>
  );
}
