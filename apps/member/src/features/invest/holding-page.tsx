import { formatFen, formatShanghaiTime } from '@quanzi/web-kit';
import { List } from 'antd-mobile';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { bpsText } from './format';
import { HoldingStatusTag } from './holding-status';
import { investApi, type Redemption } from './invest-api';
import { RiskTag, TypeTag } from './product-tags';
import { RedeemForm, RedeemResult } from './redeem-form';

/**
 * One holding: principal and what has been credited; for a fixed term the labelled estimate and the
 * maturity; for a demand cash holding the redemption form and its redemptions. Experience holdings
 * are taken back at expiry and cannot be redeemed.
 */
export function HoldingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const holding = useLoad(() => investApi.holding(id), [id]);
  const redemptions = useLoad(() => investApi.redemptions(id), [id]);
  const productId = holding.data?.product.id;
  const product = useLoad(async () => (productId ? investApi.product(productId) : undefined), [productId]);
  const { reload: reloadHolding } = holding;
  const { reload: reloadRedemptions } = redemptions;
  const [redeemed, setRedeemed] = useState<Redemption[]>();
  const afterRedeem = useCallback(
    (items: Redemption[]) => {
      setRedeemed(items);
      void reloadHolding();
      void reloadRedemptions();
    },
    [reloadHolding, reloadRedemptions],
  );

  const h = holding.data;
  const experience = h?.fundedBy === 'experience';
  const redeemable = h && !experience && h.product.type === 'demand' && h.status === 'holding';
  return (
    <Page title={t('invest.holdingTitle')}>
      <div className="page-body">
        {!h ? (
          <LoadState loading={holding.loading} error={holding.error} onRetry={holding.reload} />
        ) : (
          <>
            <div className="card">
              <div className="product-card-head">
                <a className="product-name" onClick={() => navigate(`/products/${h.product.id}`)}>
                  {h.product.name}
                </a>
                <HoldingStatusTag holding={h} />
              </div>
              <div className="product-tags" style={{ margin: '8px 0' }}>
                <TypeTag type={h.product.type} />
                <RiskTag level={h.product.riskLevel} />
              </div>
              {experience && (
                <div className="experience-note" data-testid="holding-experience">
                  {t('invest.experienceNote')}
                </div>
              )}
              <div className="product-figures two">
                <div>
                  <div className="product-benchmark" data-testid="holding-principal">
                    ¥{formatFen(h.principal)}
                  </div>
                  <div className="hint-inline">{t('invest.principal')}</div>
                </div>
                <div>
                  <div className="product-benchmark" data-testid="holding-earned">
                    ¥{formatFen(h.earned)}
                  </div>
                  <div className="hint-inline">{h.paidReturn !== null ? t('invest.paidReturn') : t('invest.earned')}</div>
                </div>
              </div>
            </div>
            <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
              <List>
                <List.Item extra={<HoldingStatusTag holding={h} />}>{t('invest.holdingStatus')}</List.Item>
                <List.Item extra={t(`invest.fundedBy.${h.fundedBy}`)}>{t('invest.buy.fundedBy')}</List.Item>
                <List.Item extra={h.valueDate} description={t('invest.valueDateNote')}>
                  {t('invest.valueDate')}
                </List.Item>
                {h.termDays !== null && <List.Item extra={t('invest.termDays', { days: h.termDays })}>{t('invest.term')}</List.Item>}
                {h.maturityDate && <List.Item extra={h.maturityDate}>{t('invest.maturityDate')}</List.Item>}
                {h.estimatedReturn !== null && (
                  <List.Item
                    extra={<span data-testid="holding-estimated">¥{formatFen(h.estimatedReturn)}</span>}
                    description={t('invest.estimateNote')}
                  >
                    {t('invest.estimated')}
                  </List.Item>
                )}
                <List.Item extra={bpsText(h.product.benchmarkBps)} description={t('invest.benchmarkNote')}>
                  {t('invest.benchmark')}
                </List.Item>
                {h.expiresAt && <List.Item extra={formatShanghaiTime(h.expiresAt, true)}>{t('invest.experienceExpires')}</List.Item>}
                <List.Item extra={formatShanghaiTime(h.createdAt, true)}>{t('invest.boughtAt')}</List.Item>
              </List>
            </div>
            {redeemed && <RedeemResult items={redeemed} />}
            {redeemable && product.data && <RedeemForm holding={h} product={product.data} onRedeemed={afterRedeem} />}
            {h.product.type === 'demand' && !experience && <RedemptionList items={redemptions.data?.items} />}
          </>
        )}
      </div>
    </Page>
  );
}

function RedemptionList({ items }: { items: Redemption[] | undefined }) {
  const { t } = useTranslation();
  if (!items) return null;
  return (
    <div className="card" style={{ padding: 0, overflow: 'hidden' }} data-testid="holding-redemptions">
      <List header={t('invest.redeem.list')}>
        {items.length === 0 && (
          <List.Item>
            <span className="muted">{t('invest.redeem.none')}</span>
          </List.Item>
        )}
        {items.map((r) => (
          <List.Item
            key={r.id}
            description={formatShanghaiTime(r.createdAt)}
            extra={
              <div style={{ textAlign: 'right' }}>
                <div>¥{formatFen(r.amount)}</div>
                <div className="hint-inline">
                  {r.status === 'settled' ? t('invest.redeem.settled') : t('invest.redeem.pendingOn', { date: r.settleOn })}
                </div>
              </div>
            }
          >
            {t(`invest.redeem.speed.${r.speed}`)}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
