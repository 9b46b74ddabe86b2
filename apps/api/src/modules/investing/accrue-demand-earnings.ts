import { shanghaiDay } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import { addDays } from './dates.js';
import type { InvestingDeps } from './deps.js';
import { ACCRUAL_BATCH, MEMO } from './policy.js';
import * as repo from './repo.js';

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The nightly credit of demand earnings (00:05 Asia/Shanghai), for every declared day up to
 * yesterday not yet credited. Per batch of holdings, one transaction: accrue exactly (set-based),
 * credit each member the whole fen their cumulative earnings newly reached, record the history.
 * The issuer pays cash holdings' earnings; experience-money holdings are paid from marketing.
 */
export async function accrueDemandEarnings(deps: InvestingDeps, now: Date): Promise<{ days: number; holdings: number; credited: string }> {
  const yesterday = addDays(shanghaiDay(now), -1);
  let holdings = 0;
  let credited = 0n;
  const declared = await repo.yieldsToCredit(deps.db, yesterday);
  for (const y of declared) {
    const product = (await repo.findProduct(deps.db, y.product_id))!;
    let afterId = FIRST_ID;
    for (;;) {
      const batch = await transact(deps.db, async (trx) => {
        const rows = await repo.accrueBatch(trx, y.product_id, y.day, y.per_10k_units, afterId, ACCRUAL_BATCH, now);
        const cash = new Map<string, bigint>();
        const experience = new Map<string, bigint>();
        for (const r of rows) {
          if (r.delta === 0n) continue;
          const into = r.funded_by === 'cash' ? cash : experience;
          into.set(r.member_id, (into.get(r.member_id) ?? 0n) + r.delta);
        }
        // Cash holdings' earnings from the issuer, experience holdings' from marketing: one ledger call.
        const transfers = [
          { payer: Accounts.issuer(y.product_id), perMember: cash, kind: 'demand', memo: MEMO.demandEarnings },
          { payer: Accounts.marketingExpense, perMember: experience, kind: 'experience', memo: MEMO.experienceEarnings },
        ]
          .filter((b) => b.perMember.size > 0)
          .map((b) => {
            const total = [...b.perMember.values()].reduce((s, v) => s + v, 0n);
            credited += total;
            return {
              key: `earnings:${b.kind}:${y.product_id}:${y.day}:${rows[0]!.id}`,
              kind: `invest.${b.kind}_earnings`,
              memo: `${b.memo} · ${product.name} · ${y.day}`,
              reference: y.product_id,
              postings: [debit(b.payer, total), ...[...b.perMember].map(([m, v]) => credit(Accounts.memberAvailable(m), v))],
            };
          });
        if (transfers.length) await deps.ledger.transferMany(trx, transfers);
        await repo.insertEarnings(
          trx,
          y.day,
          rows.filter((r) => r.delta > 0n).map((r) => ({ holdingId: r.id, memberId: r.member_id, amount: r.delta })),
        );
        return rows;
      });
      holdings += batch.length;
      if (batch.length < ACCRUAL_BATCH) break;
      afterId = batch[batch.length - 1]!.id;
    }
    await repo.markYieldCredited(deps.db, y.product_id, y.day, now);
  }
  return { days: declared.length, holdings, credited: String(credited) };
}
