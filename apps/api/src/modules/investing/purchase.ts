import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { RequestMeta } from '../../platform/http/auth.js';
import { fenToYuan, parsePositiveFen } from '../../platform/money.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import { addDays, valueDateFor } from './dates.js';
import type { InvestingDeps } from './deps.js';
import { MEMO } from './policy.js';
import { isPurchasable, presentHolding } from './present.js';
import * as repo from './repo.js';

export interface PurchaseInput {
  productId: string;
  amount: unknown;
  termDays?: number | undefined;
  paymentPassword: string;
  fundedBy: 'cash' | 'experience';
  acceptedContractVersion: string;
  source?: string | undefined;
  /** A coupon of the member's (growth) applied to this cash purchase. */
  couponId?: string | undefined;
}

/**
 * Buys a product, all or nothing. Every check that needs no lock runs first (sale window, contract
 * acceptance, term, minimum, identity, suitability, payment password); then one transaction takes
 * the quota with a conditional increment (so hundreds of concurrent buyers can never oversell),
 * checks the per-person limit under that lock, moves the money through the ledger and records the
 * order, what the member accepted, and the holding.
 */
export async function purchase(
  deps: InvestingDeps,
  memberId: string,
  input: PurchaseInput,
  client: RequestMeta,
  requestKey: string | null = null,
) {
  const amount = parsePositiveFen(input.amount);
  if (amount === null) throw new AppError('AMOUNT_INVALID');
  const product = await repo.findProduct(deps.db, input.productId);
  if (!product || product.status === 'draft') throw new AppError('NOT_FOUND');
  // The same request already bought (a retry after a crash): that purchase is the answer.
  const earlier = requestKey ? await repo.purchaseByRequestKey(deps.db, memberId, requestKey) : undefined;
  if (earlier) return { orderId: earlier.order.id, holding: presentHolding(earlier.holding, product) };
  const now = deps.clock.now();
  if (product.status === 'sold_out') throw new AppError('QUOTA_EXCEEDED', { remaining: '0.00' });
  if (!isPurchasable(product, now)) throw new AppError('PRODUCT_NOT_ON_SALE');
  if (input.acceptedContractVersion !== product.contract_version) throw new AppError('DISCLOSURE_NOT_ACCEPTED');
  let termDays: number | null = null;
  if (product.type === 'fixed') {
    termDays = input.termDays ?? -1;
    if (termDays < product.term_min_days! || termDays > product.term_max_days!) {
      throw new AppError('TERM_OUT_OF_RANGE', { min: product.term_min_days!, max: product.term_max_days! });
    }
  }
  if (input.fundedBy === 'experience' && !product.experience_allowed) throw new AppError('EXPERIENCE_NOT_ALLOWED');
  if (input.couponId && (input.fundedBy !== 'cash' || !deps.coupons)) throw new AppError('COUPON_NOT_APPLICABLE');
  if (input.fundedBy === 'cash' && amount < product.min_amount)
    throw new AppError('AMOUNT_BELOW_MINIMUM', { min: fenToYuan(product.min_amount) });
  const profile = await deps.identity.profile(memberId);
  if (!profile.realName) throw new AppError('IDENTITY_REQUIRED');
  await deps.suitability.assertCovers(memberId, product.risk_level as 1 | 2 | 3 | 4 | 5);
  await deps.identity.verifyPaymentPassword(memberId, input.paymentPassword, { ...client, deviceId: undefined });

  return transact(deps.db, async (trx) => {
    let expiresAt: Date | null = null;
    // One member's purchases queue here; a newbie-only product then sees every earlier committed one.
    await repo.lockMemberPurchases(trx, memberId);
    if (product.newbie_only && (await repo.cashOrderCount(trx, memberId)) > 0) throw new AppError('NEWBIE_ONLY');
    if (input.fundedBy === 'cash') {
      const taken = await repo.takeQuota(trx, product.id, amount, now);
      if (!taken) {
        const current = (await repo.findProduct(trx, product.id))!;
        if (current.status !== 'on_sale' && current.status !== 'sold_out') throw new AppError('PRODUCT_NOT_ON_SALE');
        throw new AppError('QUOTA_EXCEEDED', { remaining: fenToYuan(current.total_quota - current.sold_amount) });
      }
      // The product row is locked until commit: this member's other purchases of it wait here.
      const held = await repo.heldByMember(trx, memberId, product.id);
      if (held + amount > product.max_per_person) {
        const left = product.max_per_person - held;
        throw new AppError('PER_PERSON_LIMIT_EXCEEDED', { remaining: fenToYuan(left > 0n ? left : 0n) });
      }
    } else {
      expiresAt = await useExperienceMoney(trx, memberId, amount, now);
    }
    const order = await repo.insertOrder(trx, {
      member_id: memberId,
      product_id: product.id,
      amount,
      funded_by: input.fundedBy,
      term_days: termDays,
      source: input.source ?? null,
      contract_version: product.contract_version,
      risk_accepted_at: now,
      request_key: requestKey,
      created_at: now,
    });
    await deps.ledger.transfer(trx, {
      key: `invest:${order.id}`,
      kind: input.fundedBy === 'cash' ? 'invest.purchase' : 'invest.experience_purchase',
      memo: `${input.fundedBy === 'cash' ? MEMO.purchase : MEMO.experiencePurchase} · ${product.name}`,
      reference: order.id,
      postings:
        input.fundedBy === 'cash'
          ? [debit(Accounts.memberAvailable(memberId), amount), credit(Accounts.issuer(product.id), amount)]
          : [debit(Accounts.memberExperience(memberId), amount), credit(Accounts.memberExperienceInvested(memberId), amount)],
    });
    // The coupon is used once, in this transaction: a refusal rolls the purchase back with it.
    const coupon =
      input.couponId && deps.coupons
        ? await deps.coupons.redeem(trx, {
            memberId,
            couponId: input.couponId,
            orderId: order.id,
            product: { id: product.id, type: product.type, name: product.name },
            amount,
            termDays,
          })
        : null;
    const valueDate = valueDateFor(now);
    const holding = await repo.insertHolding(trx, {
      member_id: memberId,
      product_id: product.id,
      order_id: order.id,
      type: product.type,
      funded_by: input.fundedBy,
      principal: amount,
      last_accrued_on: null,
      value_date: valueDate,
      term_days: termDays,
      maturity_date: termDays === null ? null : addDays(valueDate, termDays),
      expires_at: expiresAt,
      status: 'holding',
      paid_return: null,
      created_at: now,
      updated_at: now,
    });
    await deps.outbox.emit(trx, 'investing.purchased', {
      memberId,
      productId: product.id,
      orderId: order.id,
      amount: String(amount),
      fundedBy: input.fundedBy,
      source: input.source ?? null,
      couponId: coupon?.couponId ?? null,
    });
    return { orderId: order.id, holding: presentHolding(holding, product) };
  });

  /** Consumes experience grants, first-expiring first; the holding lives as long as the earliest grant it used. */
  async function useExperienceMoney(trx: Tx, member: string, wanted: bigint, at: Date): Promise<Date> {
    const grants = await repo.activeGrants(trx, member, at);
    const available = grants.reduce((s, g) => s + g.remaining, 0n);
    if (available < wanted) throw new AppError('INSUFFICIENT_BALANCE');
    let left = wanted;
    let earliest: Date | undefined;
    for (const g of grants) {
      if (left === 0n) break;
      const use = g.remaining < left ? g.remaining : left;
      await repo.setGrantRemaining(trx, g.id, g.remaining - use);
      earliest ??= g.expires_at;
      left -= use;
    }
    return earliest!;
  }
}
