import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { Money, shanghaiTime } from '../../shared/finance';
import type { ConsoleWalletOrder } from '../../shared/finance-types';

/** Everything else finance may need about one order, shown when its row is expanded. */
export function OrderDetails({ order }: { order: ConsoleWalletOrder }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={2}
      items={[
        { key: 'id', label: t('finance.orderId'), children: order.id },
        { key: 'member', label: t('finance.member'), children: order.memberId },
        { key: 'reported', label: t('orders.reportedAmount'), children: <Money fen={order.reportedAmount} /> },
        { key: 'failure', label: t('orders.failureReason'), children: order.failureReason ?? '—' },
        { key: 'note', label: t('orders.reviewNote'), children: order.reviewNote ?? '—' },
        { key: 'by', label: t('orders.reviewedBy'), children: order.reviewedBy ?? '—' },
        { key: 'at', label: t('orders.reviewedAt'), children: shanghaiTime(order.reviewedAt) },
        { key: 'settled', label: t('orders.settledAt'), children: shanghaiTime(order.settledAt) },
      ]}
    />
  );
}
