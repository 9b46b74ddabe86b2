import type { Holding, Product, ProductDisclosures } from '@quanzi/contracts';
import { DAYS_PER_YEAR } from './policy.js';
import type { HoldingRow, IssuerRow, ProductRow } from './repo.js';

/** 万份收益 units (0.0001 yuan) → "0.6512". */
export const per10kText = (units: bigint): string => `${units / 10000n}.${(units % 10000n).toString().padStart(4, '0')}`;

export const isPurchasable = (p: ProductRow, now: Date): boolean =>
  p.status === 'on_sale' && p.sale_starts_at <= now && now < p.sale_ends_at;

export function presentProduct(
  p: ProductRow,
  issuer: IssuerRow,
  latestYield: { day: string; units: bigint } | undefined,
  now: Date,
): Product {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    issuer: { id: issuer.id, name: issuer.name, kind: issuer.kind as Product['issuer']['kind'], custodian: issuer.custodian },
    type: p.type,
    riskLevel: p.risk_level,
    benchmarkBps: p.benchmark_bps,
    termMinDays: p.term_min_days,
    termMaxDays: p.term_max_days,
    minAmount: String(p.min_amount),
    maxPerPerson: String(p.max_per_person),
    totalQuota: String(p.total_quota),
    remainingQuota: String(p.total_quota - p.sold_amount),
    t0DailyLimit: String(p.t0_daily_limit),
    experienceAllowed: p.experience_allowed,
    newbieOnly: p.newbie_only,
    saleStartsAt: p.sale_starts_at.toISOString(),
    saleEndsAt: p.sale_ends_at.toISOString(),
    status: p.status,
    purchasable: isPurchasable(p, now),
    disclosures: p.disclosures as ProductDisclosures,
    contractVersion: p.contract_version,
    latestYieldPer10k: latestYield ? { day: latestYield.day, value: per10kText(latestYield.units) } : null,
  };
}

/** Principal × benchmark × term / 365, floored to the fen — shown as an estimate, never promised. */
export const estimatedFixedReturn = (principal: bigint, bps: number, termDays: number): bigint =>
  (principal * BigInt(bps) * BigInt(termDays)) / (10_000n * DAYS_PER_YEAR);

export function presentHolding(h: HoldingRow, p: ProductRow): Holding {
  return {
    id: h.id,
    product: { id: p.id, name: p.name, type: p.type, riskLevel: p.risk_level, benchmarkBps: p.benchmark_bps },
    fundedBy: h.funded_by,
    principal: String(h.principal),
    earned: String(h.type === 'fixed' ? (h.paid_return ?? 0n) : h.credited),
    estimatedReturn:
      h.type === 'fixed' && h.term_days !== null ? String(estimatedFixedReturn(h.principal, p.benchmark_bps, h.term_days)) : null,
    valueDate: h.value_date,
    maturityDate: h.maturity_date,
    expiresAt: h.expires_at?.toISOString() ?? null,
    termDays: h.term_days,
    status: h.status,
    paidReturn: h.paid_return === null ? null : String(h.paid_return),
    createdAt: h.created_at.toISOString(),
  };
}
