import { formatFen, formatShanghaiTime } from '@quanzi/web-kit';
import { Button, List, Result } from 'antd-mobile';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useMemberEvent } from '../../shared/realtime';
import { useLoad } from '../../shared/use-load';
import { isOpen, OrderStatusTag } from './order-status';
import { walletApi } from './wallet-api';

const RESULT: Record<string, 'success' | 'waiting' | 'error' | 'info'> = {
  succeeded: 'success',
  pending: 'waiting',
  paying: 'waiting',
  reviewing: 'waiting',
  held: 'waiting',
  failed: 'error',
  rejected: 'error',
  closed: 'info',
};

/** Where the gateway returns the member after paying, and where a withdrawal lands: the order's live state. */
export function OrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const order = useLoad(() => walletApi.order(id), [id]);
  const { reload } = order;
  useMemberEvent('wallet.changed', reload);
  const open = order.data ? isOpen(order.data.status) : false;
  // The socket usually tells us first; polling covers a dropped connection.
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => void reload(), 3000);
    return () => clearInterval(timer);
  }, [open, reload]);

  const o = order.data;
  return (
    <Page title={t('wallet.orderTitle')} back="/wallet">
      <div className="page-body">
        {!o ? (
          <LoadState loading={order.loading} error={order.error} onRetry={reload} />
        ) : (
          <>
            <Result
              status={RESULT[o.status] ?? 'info'}
              title={<span data-testid="order-result">{t(`wallet.result.${o.type}.${o.status}`)}</span>}
              description={`¥${formatFen(o.amount)}`}
            />
            <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
              <List>
                <List.Item extra={<OrderStatusTag status={o.status} />}>{t(`wallet.type.${o.type}`)}</List.Item>
                <List.Item extra={`${o.bankName} ${o.cardMasked}`}>{t('wallet.card')}</List.Item>
                <List.Item extra={formatShanghaiTime(o.createdAt, true)}>{t('wallet.createdAt')}</List.Item>
                {o.completedAt && <List.Item extra={formatShanghaiTime(o.completedAt, true)}>{t('wallet.completedAt')}</List.Item>}
                {o.failureReason && <List.Item description={o.failureReason}>{t('wallet.reason')}</List.Item>}
                <List.Item extra={<span className="mono">{o.id.slice(0, 8)}</span>}>{t('wallet.orderNo')}</List.Item>
              </List>
            </div>
            {o.status === 'pending' && o.payUrl && (
              <Button block color="primary" onClick={() => window.location.assign(o.payUrl!)}>
                {t('wallet.continuePay')}
              </Button>
            )}
            <Button block style={{ marginTop: 12 }} onClick={() => navigate('/wallet')} data-testid="order-back-to-wallet">
              {t('wallet.backToWallet')}
            </Button>
          </>
        )}
      </div>
    </Page>
  );
}
