import type { Tx } from '../../platform/db/connect.js';

/**
 * Coupons at checkout, provided by the growth module and attached after both are built
 * (`investing.attachCoupons(port)`), so investing never imports growth (growth uses investing's
 * experience money). `redeem` runs on the purchase's transaction: it uses the coupon once, pays
 * what it is worth through the ledger, or throws (`NOT_FOUND`, `COUPON_NOT_APPLICABLE`) so the
 * whole purchase rolls back.
 */
export interface CouponPort {
  redeem(
    trx: Tx,
    input: {
      memberId: string;
      couponId: string;
      orderId: string;
      product: { id: string; type: 'demand' | 'fixed'; name: string };
      amount: bigint;
      termDays: number | null;
    },
  ): Promise<{ couponId: string; paid: bigint }>;
}
