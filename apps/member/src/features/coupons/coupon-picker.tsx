import { formatFen } from '@quanzi/web-kit';
import { Selector } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CouponTitle } from './coupon-title';
import { couponValue, couponsApi, coversProduct, type Coupon } from './coupons-api';

/**
 * The coupon choice in the buy form: the member's usable coupons for this product, each with what it
 * would pay on the amount typed (the server decides at purchase and refuses one that does not apply).
 */
export function CouponPicker({
  product,
  amountFen,
  termDays,
  value,
  onChange,
}: {
  product: { id: string; type: 'demand' | 'fixed' };
  amountFen: string | null;
  termDays: number | null;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [coupons, setCoupons] = useState<Coupon[] | null>(null);
  const [error, setError] = useState(false);
  const { id, type } = product;
  useEffect(() => {
    let live = true;
    couponsApi
      .usable()
      .then((all) => live && setCoupons(all.filter((c) => coversProduct(c, { id, type }))))
      .catch(() => live && setError(true));
    return () => {
      live = false;
    };
  }, [id, type]);
  // A chosen coupon that stops applying (the amount changed) is dropped.
  const chosen = coupons?.find((c) => c.id === value);
  const chosenValue = chosen ? couponValue(chosen, product, amountFen, termDays) : null;
  useEffect(() => {
    if (value && chosen && amountFen !== null && chosenValue === null) onChange(null);
  }, [value, chosen, chosenValue, amountFen, onChange]);
  if (error || !coupons || coupons.length === 0) return null;
  return (
    <div className="card" data-testid="buy-coupons">
      <h3>{t('coupons.choose')}</h3>
      <Selector
        columns={1}
        value={value ? [value] : []}
        onChange={(v) => onChange(v[0] ?? null)}
        options={coupons.map((c) => {
          const worth = couponValue(c, product, amountFen, termDays);
          return {
            value: c.id,
            disabled: amountFen !== null && worth === null,
            label: (
              <span data-testid={`buy-coupon-${c.id}`}>
                <CouponTitle coupon={c} />
                {worth !== null && ` · ${t('coupons.worth', { amount: formatFen(worth) })}`}
              </span>
            ),
          };
        })}
      />
      <p className="hint">{t('coupons.hint')}</p>
    </div>
  );
}
