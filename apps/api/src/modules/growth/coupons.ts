import type { Coupon, CouponSpec } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import type { CouponPort } from '../investing/index.js';
import type { GrowthDeps } from './deps.js';
import type { EffectContext } from './effects.js';
import * as repo from './repo.js';

/** A coupon effect: the member gets one coupon, keyed by (grant, effect index). */
export async function issueCoupon(ctx: EffectContext, spec: CouponSpec): Promise<string> {
  await repo.insertCoupon(ctx.trx, {
    member_id: ctx.memberId,
    campaign_id: ctx.campaignId,
    grant_id: ctx.grantId,
    effect_index: ctx.index,
    type: spec.type,
    boost_bps: spec.type === 'rate_boost' ? spec.boostBps : null,
    days: spec.type === 'rate_boost' ? spec.days : null,
    min_amount: spec.type === 'rate_boost' && spec.minAmount ? BigInt(spec.minAmount) : null,
    max_cost: spec.type === 'rate_boost' ? BigInt(spec.maxCost) : null,
    threshold: spec.type === 'cash_back' ? BigInt(spec.threshold) : null,
    amount: spec.type === 'cash_back' ? BigInt(spec.amount) : null,
    product_ids: spec.productIds ?? [],
    product_types: spec.productTypes ?? [],
    status: 'available',
    expires_at: new Date(ctx.now.getTime() + spec.validDays * 86_400_000),
    used_at: null,
    used_order_id: null,
    paid: null,
    created_at: ctx.now,
  });
  return spec.type === 'rate_boost' ? `加息券 +${spec.boostBps}bp ${spec.days}天` : `满${spec.threshold}减${spec.amount}（分）`;
}

/**
 * What a coupon pays for this purchase, in fen. 满减: its amount when the purchase reaches the
 * threshold. 加息券: the boost on the principal for the covered days (the fixed term, or the
 * coupon's days on a demand product), rounded down, at most its cap — paid as cash at purchase
 * (not through accrual), so the cost is known and booked once.
 */
export function couponValue(c: repo.CouponRow, amount: bigint, termDays: number | null): bigint | null {
  if (c.type === 'cash_back') return amount >= c.threshold! ? c.amount! : null;
  if (c.min_amount !== null && amount < c.min_amount) return null;
  const days = BigInt(Math.min(termDays ?? c.days!, c.days!));
  const raw = (amount * BigInt(c.boost_bps!) * days) / (10_000n * 365n);
  const paid = raw > c.max_cost! ? c.max_cost! : raw;
  return paid > 0n ? paid : null;
}

const covers = (c: repo.CouponRow, product: { id: string; type: 'demand' | 'fixed' }) =>
  (!c.product_ids.length || c.product_ids.includes(product.id)) && (!c.product_types.length || c.product_types.includes(product.type));

/** The port investing's purchase calls inside its transaction. */
export function couponPort(deps: GrowthDeps): CouponPort {
  return {
    async redeem(trx: Tx, input) {
      const now = deps.clock.now();
      const coupon = await repo.findCoupon(trx, input.couponId);
      // Another member's coupon answers like one never issued.
      if (!coupon || coupon.member_id !== input.memberId) throw new AppError('NOT_FOUND');
      if (coupon.status !== 'available' || coupon.expires_at <= now || !covers(coupon, input.product))
        throw new AppError('COUPON_NOT_APPLICABLE');
      const paid = couponValue(coupon, input.amount, input.termDays);
      if (paid === null) throw new AppError('COUPON_NOT_APPLICABLE');
      const used = await repo.useCoupon(trx, coupon.id, input.memberId, input.orderId, paid, now);
      if (!used) throw new AppError('COUPON_NOT_APPLICABLE'); // used by a concurrent purchase
      await deps.ledger.transfer(trx, {
        key: `coupon:${coupon.id}`,
        kind: coupon.type === 'rate_boost' ? 'growth.coupon_rate_boost' : 'growth.coupon_cash_back',
        memo: `${coupon.type === 'rate_boost' ? '加息券' : '满减券'} · ${input.product.name}`,
        reference: input.orderId,
        postings: [debit(Accounts.marketingExpense, paid), credit(Accounts.memberAvailable(input.memberId), paid)],
      });
      return { couponId: coupon.id, paid };
    },
  };
}

export function presentCoupon(c: repo.CouponRow, now: Date): Coupon {
  const fen = (v: bigint | null) => (v === null ? null : String(v));
  return {
    id: c.id,
    type: c.type,
    status: c.status === 'used' ? 'used' : c.expires_at <= now ? 'expired' : 'available',
    boostBps: c.boost_bps,
    days: c.days,
    minAmount: fen(c.min_amount),
    maxCost: fen(c.max_cost),
    threshold: fen(c.threshold),
    amount: fen(c.amount),
    productIds: c.product_ids,
    productTypes: c.product_types,
    expiresAt: c.expires_at.toISOString(),
    usedAt: c.used_at?.toISOString() ?? null,
    usedOrderId: c.used_order_id,
    paid: fen(c.paid),
    createdAt: c.created_at.toISOString(),
  };
}

export async function memberCoupons(deps: GrowthDeps, memberId: string, page: number, pageSize: number) {
  const { items, total } = await repo.listCoupons(deps.db, memberId, (page - 1) * pageSize, pageSize);
  const now = deps.clock.now();
  return { items: items.map((c) => presentCoupon(c, now)), total, page, pageSize };
}
