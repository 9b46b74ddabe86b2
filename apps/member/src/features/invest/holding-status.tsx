import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Holding } from './invest-api';

const COLOR: Record<Holding['status'], string> = { holding: 'primary', matured: 'success', redeemed: 'default', expired: 'default' };

export function HoldingStatusTag({ holding }: { holding: Holding }) {
  const { t } = useTranslation();
  // An experience holding that ends has its principal taken back rather than paid out.
  const key = holding.fundedBy === 'experience' && holding.status !== 'holding' ? 'expired' : holding.status;
  return (
    <Tag color={COLOR[key]} fill="outline">
      {t(`invest.status.${key}`)}
    </Tag>
  );
}
