import { formatFen } from '@quanzi/web-kit';
import { useTranslation } from 'react-i18next';
import type { Coupon } from './coupons-api';

/** 加息券 +1.00% · 30 天 / 满 ¥1,000 减 ¥10 */
export function CouponTitle({ coupon: c }: { coupon: Coupon }) {
  const { t } = useTranslation();
  return c.type === 'rate_boost' ? (
    <span>{t('coupons.rateBoostTitle', { rate: (c.boostBps! / 100).toFixed(2), days: c.days })}</span>
  ) : (
    <span>{t('coupons.cashBackTitle', { threshold: formatFen(c.threshold!), amount: formatFen(c.amount!) })}</span>
  );
}
