import type { Disclosure } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import type { InvestingDeps } from './deps.js';
import * as repo from './repo.js';

/** Shown on the public page; the custodian and complaint channel are facts of the deployment, configured once. */
export const DISCLOSURE_FACTS = {
  custodian: process.env.DISCLOSURE_CUSTODIAN ?? '客户资金由第三方存管银行存管（演示环境：沙箱存管）',
  complaintChannel:
    process.env.DISCLOSURE_COMPLAINTS ??
    '客服热线 400-000-0000（工作日 9:00–18:00）· 邮箱 complaints@quanzi.example · 会员端「我的」→ 帮助与投诉',
};

const ZERO_LENDING: Disclosure['lending'] = {
  cumulativeLending: '0',
  cumulativeLoans: 0,
  outstanding: '0',
  outstandingLoans: 0,
  lendersCumulative: 0,
  borrowersCumulative: 0,
  lendersCurrent: 0,
  borrowersCurrent: 0,
  top10BorrowerShareBps: 0,
  largestBorrowerShareBps: 0,
  overdueAmount: '0',
  overdueCount: 0,
  overdue90Amount: '0',
  overdue90Count: 0,
  compensatedAmount: '0',
  compensatedCount: 0,
};

/** Computed from orders and holdings at request time, never typed in. Lending items read zero until lending exists. */
export async function currentFigures(deps: InvestingDeps): Promise<Omit<Disclosure, 'monthly'>> {
  const { byType, totals } = await repo.disclosureFigures(deps.db);
  const sum = (f: (r: (typeof byType)[number]) => bigint) => String(byType.reduce((s, r) => s + f(r), 0n));
  return {
    asOf: deps.clock.now().toISOString(),
    platform: {
      cumulativePurchases: sum((r) => r.purchases),
      purchaseCount: byType.reduce((s, r) => s + Number(r.purchase_count), 0),
      outstanding: sum((r) => r.outstanding),
      investorsCumulative: Number(totals.investors_cumulative),
      investorsCurrent: Number(totals.investors_current),
      byType: byType.map((r) => ({
        type: r.type,
        purchases: String(r.purchases),
        purchaseCount: Number(r.purchase_count),
        outstanding: String(r.outstanding),
        holders: Number(r.holders),
      })),
    },
    lending: ZERO_LENDING,
    ...DISCLOSURE_FACTS,
  };
}

export async function disclosure(deps: InvestingDeps): Promise<Disclosure> {
  const [figures, snapshots] = await Promise.all([currentFigures(deps), repo.listSnapshots(deps.db, 24)]);
  return { ...figures, monthly: snapshots.map((s) => ({ month: s.month, takenAt: s.taken_at.toISOString(), figures: s.figures })) };
}

/** On the 1st (Asia/Shanghai) the previous month's figures are frozen; a second run changes nothing. */
export async function snapshotMonth(deps: InvestingDeps, now: Date): Promise<{ month: string; frozen: boolean }> {
  const day = shanghaiDay(now);
  const [y, m] = day.split('-').map(Number) as [number, number];
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const figures = await currentFigures(deps);
  const inserted = await repo.insertSnapshot(deps.db, { month, figures, taken_at: now });
  return { month, frozen: inserted !== undefined };
}
