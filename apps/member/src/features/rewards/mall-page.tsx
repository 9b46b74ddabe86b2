import type { MallItem, ShippingAddress } from '@quanzi/contracts';
import { Button, Card, Dialog, Empty, List, Popup, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { AddressForm } from './address-form';
import { rewardsApi } from './rewards-api';

/** 积分商城: items on sale; physical ones ask for an address, virtual ones are granted at once. */
export function MallPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(() => rewardsApi.items(page), [page]);
  const [shipping, setShipping] = useState<MallItem | null>(null);

  const exchange = async (item: MallItem, address?: ShippingAddress) => {
    try {
      await rewardsApi.order({ itemId: item.id, quantity: 1, ...(address ? { address } : {}) });
      Toast.show({ icon: 'success', content: t('rewards.mall.done') });
      setShipping(null);
      await reload();
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
      throw err;
    }
  };
  const start = async (item: MallItem) => {
    if (item.kind === 'physical') return setShipping(item);
    const ok = await Dialog.confirm({ content: t('rewards.mall.confirm', { points: item.pointsPrice, name: item.name }) });
    if (ok) await exchange(item).catch(() => undefined);
  };

  return (
    <Page title={t('rewards.mall.title')}>
      <List>
        <List.Item onClick={() => navigate('/mall/orders')}>{t('rewards.mall.orders')}</List.Item>
      </List>
      <LoadState loading={loading && !data} error={error} onRetry={reload} />
      {data && data.total === 0 && <Empty description={t('rewards.mall.empty')} />}
      {data?.items.map((item) => (
        <Card key={item.id} title={item.name} extra={<Tag>{t(`rewards.mall.${item.kind}`)}</Tag>} style={{ margin: 12 }}>
          {item.description && <p>{item.description}</p>}
          <p>
            <strong>{t('rewards.mall.price', { points: item.pointsPrice })}</strong> · {t('rewards.mall.stock', { count: item.stock })}
            {item.perMemberLimit ? ` · ${t('rewards.mall.limit', { count: item.perMemberLimit })}` : ''}
          </p>
          <Button color="primary" size="small" disabled={item.stock === 0} onClick={() => void start(item)} data-testid="mall-exchange">
            {item.stock === 0 ? t('rewards.mall.soldOut') : t('rewards.mall.exchange')}
          </Button>
        </Card>
      ))}
      {data && data.total > page * data.pageSize && (
        <Button block fill="none" onClick={() => setPage(page + 1)}>
          {t('rewards.more')}
        </Button>
      )}
      <Popup visible={!!shipping} onMaskClick={() => setShipping(null)} bodyStyle={{ padding: 12 }}>
        {shipping && (
          <>
            <p>{t('rewards.mall.confirm', { points: shipping.pointsPrice, name: shipping.name })}</p>
            <AddressForm onSubmit={(address) => exchange(shipping, address)} />
          </>
        )}
      </Popup>
    </Page>
  );
}

/** 我的兑换: newest first, with shipping status and tracking. */
export function MallOrdersPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(() => rewardsApi.myOrders(page), [page]);
  return (
    <Page title={t('rewards.mall.orders')}>
      <LoadState loading={loading && !data} error={error} onRetry={reload} />
      {data && data.total === 0 && <Empty description={t('rewards.mall.noOrders')} />}
      {data && data.items.length > 0 && (
        <List>
          {data.items.map((o) => (
            <List.Item
              key={o.id}
              description={`${t('rewards.mall.price', { points: o.points })}${o.tracking ? ` · ${t('rewards.mall.tracking', { carrier: o.carrier ?? '', no: o.tracking })}` : ''}`}
              extra={t(`rewards.mall.status.${o.status}`)}
            >
              {o.itemName} ×{o.quantity}
            </List.Item>
          ))}
        </List>
      )}
      {data && data.total > page * data.pageSize && (
        <Button block fill="none" onClick={() => setPage(page + 1)}>
          {t('rewards.more')}
        </Button>
      )}
    </Page>
  );
}
