import { formatFen } from '@quanzi/web-kit';
import { Empty, InfiniteScroll, Tabs } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfinitePages } from '../../shared/use-infinite-pages';
import { Link } from 'react-router-dom';
import { useMemberEvent } from '../../shared/realtime';
import { useLoad } from '../../shared/use-load';
import { suitabilityApi } from '../suitability/suitability-api';
import { investApi, type Holding, type ProductType } from './invest-api';
import { ProductCard } from './product-card';
import { SuitabilityCard } from './suitability-card';

type Filter = 'all' | ProductType;

const sum = (holdings: Holding[], pick: (h: Holding) => string) => holdings.reduce((s, h) => s + BigInt(pick(h)), 0n);

/**
 * 理财: what the member holds, their risk level, and the products on sale — newest first, exactly
 * as the API lists them (never ranked by benchmark), each with its risk and the benchmark's caveat.
 */
export function InvestPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const assets = useLoad(async () => {
    const [active, past] = await Promise.all([investApi.allHoldings(true), investApi.allHoldings(false)]);
    const cash = active.filter((h) => h.fundedBy === 'cash');
    return {
      principal: sum(cash, (h) => h.principal),
      experience: sum(
        active.filter((h) => h.fundedBy === 'experience'),
        (h) => h.principal,
      ),
      earned: sum([...active, ...past], (h) => h.earned),
    };
  });
  const suitability = useLoad(() => suitabilityApi.status());
  const { reload } = assets;
  useMemberEvent('wallet.changed', reload);
  const a = assets.data;

  return (
    <>
      <div className="hero invest-hero">
        <div className="invest-assets">
          <div>
            <p>{t('invest.totalPrincipal')}</p>
            <div className="invest-amount" data-testid="invest-total-principal">
              {a ? formatFen(a.principal) : '--'}
            </div>
          </div>
          <div>
            <p>{t('invest.totalEarned')}</p>
            <div className="invest-amount" data-testid="invest-total-earned">
              {a ? formatFen(a.earned) : '--'}
            </div>
          </div>
        </div>
        {a && a.experience > 0n && <p>{t('invest.experienceHeld', { amount: formatFen(a.experience) })}</p>}
        {assets.error && <p role="alert">{assets.error}</p>}
        <div className="invest-links">
          <Link to="/holdings" data-testid="invest-holdings">
            {t('invest.holdings')} <RightOutline />
          </Link>
          <Link to="/earnings" data-testid="invest-earnings">
            {t('invest.earnings')} <RightOutline />
          </Link>
        </div>
      </div>
      <div className="overlap">
        <SuitabilityCard status={suitability.data} />
        <div className="card invest-list-head">
          <h3>{t('invest.products')}</h3>
          <Tabs activeKey={filter} onChange={(k) => setFilter(k as Filter)}>
            <Tabs.Tab title={t('invest.all')} key="all" />
            <Tabs.Tab title={t('invest.type.demand')} key="demand" />
            <Tabs.Tab title={t('invest.type.fixed')} key="fixed" />
          </Tabs>
          <p className="hint benchmark-note">{t('invest.benchmarkNote')}</p>
        </div>
        {/* Keyed by filter: switching tabs starts a fresh list at page 1. */}
        <ProductList key={filter} type={filter === 'all' ? undefined : filter} />
        <div className="risk-note">{t('common.riskNote')}</div>
        <div className="invest-footer">
          <Link to="/disclosure" data-testid="invest-disclosure">
            {t('invest.disclosureLink')}
          </Link>
        </div>
      </div>
    </>
  );
}

function ProductList({ type }: { type: ProductType | undefined }) {
  const { t } = useTranslation();
  const { items, hasMore, error, loadMore } = useInfinitePages((p) => investApi.products(p, type));

  return (
    <>
      {items.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
      {!hasMore && items.length === 0 && !error && <Empty description={t('invest.noProducts')} />}
      {error && <div className="error-text">{error}</div>}
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore && !error}>
        {hasMore ? t('common.loading') : items.length ? t('common.noMore') : ''}
      </InfiniteScroll>
    </>
  );
}
