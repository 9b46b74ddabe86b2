import { formatFen } from '@quanzi/web-kit';
import { Empty, InfiniteScroll, List, Tabs, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfinitePages } from '../../shared/use-infinite-pages';
import { useNavigate } from 'react-router-dom';
import { Page } from '../../shared/page';
import { HoldingStatusTag } from './holding-status';
import { investApi } from './invest-api';

type Tab = 'active' | 'history';

/** 我的持仓: what the member holds now, and what has matured, been redeemed or taken back. */
export function HoldingsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('active');
  return (
    <Page title={t('invest.holdings')} back="/invest">
      <Tabs activeKey={tab} onChange={(k) => setTab(k as Tab)}>
        <Tabs.Tab title={t('invest.holdingsActive')} key="active" />
        <Tabs.Tab title={t('invest.holdingsHistory')} key="history" />
      </Tabs>
      {/* Keyed by tab: switching starts a fresh list at page 1. */}
      <HoldingList key={tab} active={tab === 'active'} />
    </Page>
  );
}

function HoldingList({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { items, hasMore, error, loadMore } = useInfinitePages((p) => investApi.holdings(active, p));

  return (
    <>
      <List>
        {items.map((h) => (
          <List.Item
            key={h.id}
            onClick={() => navigate(`/holdings/${h.id}`)}
            data-testid={`holding-${h.id}`}
            description={
              <>
                {t(`invest.type.${h.product.type}`)} · {t('invest.valueDateOn', { date: h.valueDate })}
                {h.maturityDate && ` · ${t('invest.maturesOn', { date: h.maturityDate })}`}
              </>
            }
            extra={
              <div style={{ textAlign: 'right' }}>
                <div className="amount-out">¥{formatFen(h.principal)}</div>
                <div className="hint-inline">{t('invest.earnedLine', { amount: formatFen(h.earned) })}</div>
              </div>
            }
          >
            <span className="holding-title">
              {h.product.name} {h.fundedBy === 'experience' && <Tag color="warning">{t('invest.fundedBy.experience')}</Tag>}{' '}
              <HoldingStatusTag holding={h} />
            </span>
          </List.Item>
        ))}
      </List>
      {!hasMore && items.length === 0 && !error && <Empty description={active ? t('invest.noHoldings') : t('invest.noHistory')} />}
      {error && <div className="error-text">{error}</div>}
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore && !error}>
        {hasMore ? t('common.loading') : items.length ? t('common.noMore') : ''}
      </InfiniteScroll>
    </>
  );
}
