import { formatFen, formatShanghaiTime } from '@quanzi/web-kit';
import { Button, Empty, List, NoticeBar, PullToRefresh } from 'antd-mobile';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useMemberEvent } from '../../shared/realtime';
import { useLoad } from '../../shared/use-load';
import { OrderStatusTag } from './order-status';
import { walletApi } from './wallet-api';

/** Balances, the two actions, and recent orders; refreshes itself when money moves on any device. */
export function WalletPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const wallet = useLoad(() => walletApi.wallet());
  const orders = useLoad(() => walletApi.orders(1));
  const { reload: reloadWallet } = wallet;
  const { reload: reloadOrders } = orders;
  const reload = useCallback(() => {
    void reloadWallet();
    void reloadOrders();
  }, [reloadWallet, reloadOrders]);
  useMemberEvent('wallet.changed', reload);

  const w = wallet.data;
  return (
    <Page title={t('wallet.title')} back="/me">
      <PullToRefresh onRefresh={async () => reload()}>
        <div className="page-body">
          {!w ? (
            <LoadState loading={wallet.loading} error={wallet.error} onRetry={wallet.reload} />
          ) : (
            <>
              <div className="card wallet-balance">
                <div className="muted">{t('wallet.available')}</div>
                <div className="wallet-amount" data-testid="wallet-available">
                  ¥{formatFen(w.available)}
                </div>
                <div className="wallet-sub">
                  <span>
                    {t('wallet.frozen')} <b data-testid="wallet-frozen">¥{formatFen(w.frozen)}</b>
                  </span>
                  <span>
                    {t('wallet.experience')} <b>¥{formatFen(w.experience)}</b>
                  </span>
                </div>
                <div className="wallet-actions">
                  <Button color="primary" disabled={!w.ready} onClick={() => navigate('/wallet/top-up')} data-testid="wallet-top-up">
                    {t('wallet.topUp')}
                  </Button>
                  <Button
                    disabled={!w.ready || w.available === '0'}
                    onClick={() => navigate('/wallet/withdraw')}
                    data-testid="wallet-withdraw"
                  >
                    {t('wallet.withdraw')}
                  </Button>
                </div>
              </div>
              {!w.ready && (
                <NoticeBar
                  color="alert"
                  wrap
                  content={t('wallet.notReady')}
                  extra={
                    <a onClick={() => navigate('/')} style={{ whiteSpace: 'nowrap' }}>
                      {t('wallet.goVerify')}
                    </a>
                  }
                />
              )}
              <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
                <List header={t('wallet.recentOrders')}>
                  <List.Item onClick={() => navigate('/wallet/statements')} data-testid="wallet-statements">
                    {t('wallet.statements')}
                  </List.Item>
                  {orders.data?.items.length === 0 && <Empty description={t('wallet.noOrders')} />}
                  {orders.data?.items.slice(0, 10).map((o) => (
                    <List.Item
                      key={o.id}
                      onClick={() => navigate(`/wallet/orders/${o.id}`)}
                      description={`${o.bankName} ${o.cardMasked.slice(-4)} · ${formatShanghaiTime(o.createdAt)}`}
                      extra={<OrderStatusTag status={o.status} />}
                    >
                      {t(`wallet.type.${o.type}`)} ¥{formatFen(o.amount)}
                    </List.Item>
                  ))}
                </List>
              </div>
              <p className="hint" style={{ padding: '0 4px' }}>
                {t('wallet.custodyNote')}
              </p>
            </>
          )}
        </div>
      </PullToRefresh>
    </Page>
  );
}
