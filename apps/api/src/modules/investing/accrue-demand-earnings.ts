import { shanghaiDay } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { Accounts, credit, debit, type Posting } from '../ledger/index.js';
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
        const book = async (payer: Posting['account'], perMember: Map<string, bigint>, kind: string, memo: string) => {
          if (!perMember.size) return;
          const total = [...perMember.values()].reduce((s, v) => s + v, 0n);
          await deps.ledger.transfer(trx, {
            key: `earnings:${kind}:${y.product_id}:${y.day}:${rows[0]!.id}`,
            kind: `invest.${kind}_earnings`,
            memo: `${memo} · ${product.name} · ${y.day}`,
            reference: y.product_id,
            postings: [debit(payer, total), ...[...perMember].map(([m, v]) => credit(Accounts.memberAvailable(m), v))],
          });
          credited += total;
        };
        await book(Accounts.issuer(y.product_id), cash, 'demand', MEMO.demandEarnings);
        await book(Accounts.marketingExpense, experience, 'experience', MEMO.experienceEarnings);
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
