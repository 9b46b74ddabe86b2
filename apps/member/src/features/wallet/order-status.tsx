import type { WalletOrderStatus } from '@quanzi/contracts';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const COLOR: Record<WalletOrderStatus, string> = {
  pending: 'warning',
  held: 'warning',
  reviewing: 'primary',
  paying: 'primary',
  succeeded: 'success',
  failed: 'danger',
  closed: 'default',
  rejected: 'danger',
};

export function OrderStatusTag({ status }: { status: WalletOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} fill="outline">
      {t(`wallet.status.${status}`)}
    </Tag>
  );
}

/** Orders still waiting on someone: the order page polls these. */
export const isOpen = (status: WalletOrderStatus) =>
  status === 'pending' || status === 'paying' || status === 'reviewing' || status === 'held';
