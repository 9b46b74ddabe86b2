import { shanghaiDay, shanghaiDayStart } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { parsePositiveFen } from '../../platform/money.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import { addDays } from './dates.js';
import type { InvestingDeps } from './deps.js';
import { MEMO } from './policy.js';
import * as repo from './repo.js';

const presentRedemption = (r: repo.RedemptionRow) => ({
  id: r.id,
  amount: String(r.amount),
  speed: r.speed,
  status: r.status,
  settleOn: r.settle_on,
  createdAt: r.created_at.toISOString(),
});

/**
 * Redeems part or all of a demand holding. Up to the product's T+0 limit per member per day the
 * money is in the available balance at once; the rest arrives the next day (T+1). The principal
 * stops earning immediately either way, and the quota is given back.
 */
export async function redeem(deps: InvestingDeps, memberId: string, holdingId: string, input: { amount: unknown }) {
  const amount = parsePositiveFen(input.amount);
  if (amount === null) throw new AppError('AMOUNT_INVALID');
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const h = await repo.findHolding(trx, holdingId, true);
    if (!h || h.member_id !== memberId) throw new AppError('NOT_FOUND');
    if (h.funded_by === 'experience') throw new AppError('EXPERIENCE_NOT_REDEEMABLE');
    if (h.type === 'fixed') throw new AppError('NOT_REDEEMABLE');
    if (h.status !== 'holding') throw new AppError('ORDER_STATE_CONFLICT');
    if (amount > h.principal) throw new AppError('INSUFFICIENT_BALANCE');
    const product = (await repo.findProduct(trx, h.product_id))!;
    const usedToday = await repo.t0RedeemedSince(trx, memberId, product.id, shanghaiDayStart(now));
    const t0Room = product.t0_daily_limit > usedToday ? product.t0_daily_limit - usedToday : 0n;
    const t0 = amount < t0Room ? amount : t0Room;
    const t1 = amount - t0;
    const left = h.principal - amount;
    await repo.updateHolding(trx, h.id, { principal: left, status: left === 0n ? 'redeemed' : 'holding', updated_at: now });
    await repo.returnQuota(trx, product.id, amount, now);
    const created = [];
    if (t0 > 0n) {
      const r = await repo.insertRedemption(trx, {
        holding_id: h.id,
        member_id: memberId,
        amount: t0,
        speed: 't0',
        status: 'settled',
        settle_on: shanghaiDay(now),
        created_at: now,
      });
      await payOut(deps, trx, r, product);
      await repo.settleRedemption(trx, r.id, now);
      created.push({ ...r, status: 'settled' as const });
    }
    if (t1 > 0n) {
      created.push(
        await repo.insertRedemption(trx, {
          holding_id: h.id,
          member_id: memberId,
          amount: t1,
          speed: 't1',
          status: 'pending',
          settle_on: addDays(shanghaiDay(now), 1),
          created_at: now,
        }),
      );
    }
    await deps.outbox.emit(trx, 'investing.redeemed', { memberId, productId: product.id, holdingId: h.id, amount: String(amount) });
    return { items: created.map(presentRedemption) };
  });
}

/** The issuer's product account pays the redemption into the member's available balance. */
async function payOut(deps: InvestingDeps, trx: Tx, r: repo.RedemptionRow, product: { id: string; name: string }) {
  await deps.ledger.transfer(trx, {
    key: `redeem:${r.id}`,
    kind: 'invest.redemption',
    memo: `${MEMO.redemption} · ${product.name}`,
    reference: r.id,
    postings: [debit(Accounts.issuer(product.id), r.amount), credit(Accounts.memberAvailable(r.member_id), r.amount)],
  });
}

/** T+1 redemptions due today arrive in the available balance (nightly job). */
export async function settleDueRedemptions(deps: InvestingDeps, now: Date): Promise<number> {
  let settled = 0;
  for (;;) {
    const batch = await transact(deps.db, async (trx) => {
      const due = await repo.dueRedemptions(trx, shanghaiDay(now), 200);
      for (const r of due) {
        const h = (await repo.findHolding(trx, r.holding_id))!;
        const product = (await repo.findProduct(trx, h.product_id))!;
        await payOut(deps, trx, r, product);
        await repo.settleRedemption(trx, r.id, now);
        await deps.outbox.emit(trx, 'investing.redemption_settled', {
          memberId: r.member_id,
          redemptionId: r.id,
          amount: String(r.amount),
        });
      }
      return due.length;
    });
    settled += batch;
    if (batch < 200) return settled;
  }
}

export async function redemptionsOfHolding(deps: InvestingDeps, memberId: string, holdingId: string) {
  const h = await repo.findHolding(deps.db, holdingId);
  if (!h || h.member_id !== memberId) throw new AppError('NOT_FOUND');
  return { items: (await repo.redemptionsOf(deps.db, holdingId)).map(presentRedemption) };
}
