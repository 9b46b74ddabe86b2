import { shanghaiDay } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import type { InvestingDeps } from './deps.js';
import { MEMO } from './policy.js';
import { estimatedFixedReturn } from './present.js';
import * as repo from './repo.js';

/**
 * Fixed-term holdings due today or earlier whose issuer has declared the actual annualised return:
 * principal plus principal × actual × term / 365 (floored to the fen) goes from the issuer's account
 * to the member. Holdings whose return is not declared yet wait (the console lists them).
 */
export async function matureFixedHoldings(deps: InvestingDeps, now: Date): Promise<{ matured: number; waitingForDeclaration: number }> {
  const today = shanghaiDay(now);
  let matured = 0;
  for (;;) {
    const n = await transact(deps.db, async (trx) => {
      const due = await repo.maturingWithReturn(trx, today, 200);
      const products = new Map<string, string>();
      for (const h of due) if (!products.has(h.product_id)) products.set(h.product_id, (await repo.findProduct(trx, h.product_id))!.name);
      const paid = due.map((h) => {
        const ret = estimatedFixedReturn(h.principal, h.actual_bps, h.term_days!);
        return { h, ret, payout: h.principal + ret };
      });
      // The whole batch in one ledger call: a few statements instead of three per holding.
      await deps.ledger.transferMany(
        trx,
        paid.map(({ h, payout }) => ({
          key: `mature:${h.id}`,
          kind: 'invest.maturity',
          memo: `${MEMO.maturity} · ${products.get(h.product_id)!}`,
          reference: h.id,
          postings: [debit(Accounts.issuer(h.product_id), payout), credit(Accounts.memberAvailable(h.member_id), payout)],
        })),
      );
      for (const { h, ret } of paid) {
        await repo.updateHolding(trx, h.id, { status: 'matured', paid_return: ret, updated_at: now });
        await deps.outbox.emit(trx, 'investing.matured', {
          memberId: h.member_id,
          holdingId: h.id,
          principal: String(h.principal),
          paidReturn: String(ret),
        });
      }
      return due.length;
    });
    matured += n;
    if (n < 200) break;
  }
  const waiting = await repo.maturingWithoutReturn(deps.db, today);
  return { matured, waitingForDeclaration: waiting.reduce((s, w) => s + Number(w.holdings), 0) };
}
