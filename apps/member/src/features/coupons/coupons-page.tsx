import { formatFen, formatShanghaiTime } from '@quanzi/web-kit';
import { Empty, List, Tabs, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListFooter } from '../../shared/list-footer';
import { Page } from '../../shared/page';
import { useInfinitePages } from '../../shared/use-infinite-pages';
import { CouponTitle } from './coupon-title';
import { couponsApi, type Coupon } from './coupons-api';

type Tab = 'available' | 'past';

/** 我的优惠券: coupons campaigns gave the member (usable at checkout in the buy form), and used/expired ones. */
export function CouponsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('available');
  return (
    <Page title={t('coupons.title')} back="/me">
      <Tabs activeKey={tab} onChange={(k) => setTab(k as Tab)}>
        <Tabs.Tab title={t('coupons.available')} key="available" />
        <Tabs.Tab title={t('coupons.past')} key="past" />
      </Tabs>
      <CouponList key={tab} tab={tab} />
    </Page>
  );
}

function CouponList({ tab }: { tab: Tab }) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const { items, hasMore, error, loadMore } = useInfinitePages((p) => couponsApi.page(p));
  const shown = items.filter((c) => (tab === 'available' ? c.status === 'available' : c.status !== 'available'));
  return (
    <div key={attempt}>
      <List>
        {shown.map((c: Coupon) => (
          <List.Item
            key={c.id}
            data-testid={`coupon-${c.id}`}
            description={
              <>
                {scope(t, c)} · {t('coupons.expires', { time: formatShanghaiTime(c.expiresAt) })}
                {c.type === 'rate_boost' && ` · ${t('coupons.cap', { amount: formatFen(c.maxCost!) })}`}
              </>
            }
            extra={
              c.status === 'used' ? (
                <Tag color="success">{t('coupons.used', { amount: formatFen(c.paid ?? '0') })}</Tag>
              ) : c.status === 'expired' ? (
                <Tag color="default">{t('coupons.expired')}</Tag>
              ) : (
                <Tag color="danger">{c.type === 'rate_boost' ? t('coupons.rateBoost') : t('coupons.cashBack')}</Tag>
              )
            }
          >
            <CouponTitle coupon={c} />
          </List.Item>
        ))}
      </List>
      {!hasMore && shown.length === 0 && !error && <Empty description={tab === 'available' ? t('coupons.none') : t('coupons.nonePast')} />}
      <ListFooter
        error={error}
        retry={() => setAttempt(attempt + 1)}
        loadMore={loadMore}
        hasMore={hasMore}
        loaded={items.length > 0}
        count={shown.length}
      />
    </div>
  );
}

function scope(t: (k: string, o?: Record<string, unknown>) => string, c: Coupon): string {
  if (c.productIds.length) return t('coupons.someProducts', { count: c.productIds.length });
  if (c.productTypes.length === 1) return t(`coupons.only.${c.productTypes[0]}`);
  return t('coupons.allProducts');
}
