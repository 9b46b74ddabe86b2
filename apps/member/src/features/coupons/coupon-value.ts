import type { Coupon } from '@quanzi/contracts';

/**
 * What the coupon would pay on this purchase, in fen, or null when it does not apply — the same
 * rule as the server (growth/coupons.ts), which decides: 满减 pays its amount from the threshold up;
 * 加息券 pays principal × bps × min(term, days) / 365, rounded down, at most its cap.
 */
export function couponValue(
  c: Coupon,
  product: { id: string; type: 'demand' | 'fixed' },
  amountFen: string | null,
  termDays: number | null,
): bigint | null {
  if (c.status !== 'available') return null;
  if (c.productIds.length && !c.productIds.includes(product.id)) return null;
  if (c.productTypes.length && !c.productTypes.includes(product.type)) return null;
  if (amountFen === null) return null;
  const amount = BigInt(amountFen);
  if (c.type === 'cash_back') return amount >= BigInt(c.threshold!) ? BigInt(c.amount!) : null;
  if (c.minAmount !== null && amount < BigInt(c.minAmount)) return null;
  const days = BigInt(Math.min(termDays ?? c.days!, c.days!));
  const raw = (amount * BigInt(c.boostBps!) * days) / (10_000n * 365n);
  const paid = raw > BigInt(c.maxCost!) ? BigInt(c.maxCost!) : raw;
  return paid > 0n ? paid : null;
}

/** Whether the coupon can ever apply to the product (whatever the amount). */
export const coversProduct = (c: Coupon, product: { id: string; type: 'demand' | 'fixed' }) =>
  c.status === 'available' &&
  (!c.productIds.length || c.productIds.includes(product.id)) &&
  (!c.productTypes.length || c.productTypes.includes(product.type));
