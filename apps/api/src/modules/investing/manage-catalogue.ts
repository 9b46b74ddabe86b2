import type { ProductDisclosures } from '@quanzi/contracts';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { parsePositiveFen } from '../../platform/money.js';
import type { InvestingDeps } from './deps.js';
import { checkMarketingText } from '../compliance/index.js';
import * as repo from './repo.js';

type Client = { ip: string | null };
const actor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });
const invalid = (reason: string): never => {
  throw new AppError('PRODUCT_INVALID', { reason });
};

export async function createIssuer(
  deps: InvestingDeps,
  op: OperatorPrincipal,
  input: { name: string; kind: 'wealth_management' | 'fund' | 'insurance' | 'trust'; licenseNo: string; custodian: string },
  client: Client,
) {
  return transact(deps.db, async (trx) => {
    const row = await repo.insertIssuer(trx, {
      name: input.name,
      kind: input.kind,
      license_no: input.licenseNo,
      custodian: input.custodian,
      created_at: deps.clock.now(),
    });
    if (!row) throw new AppError('PRODUCT_INVALID', { reason: '发行机构已存在' });
    await deps.audit.record(trx, {
      actor: actor(op),
      action: 'investing.issuer.created',
      target: { type: 'issuer', id: row.id },
      after: input,
      ip: client.ip,
    });
    return row;
  });
}

export interface ProductInput {
  code: string;
  name: string;
  issuerId: string;
  type: 'demand' | 'fixed';
  riskLevel: number;
  benchmarkBps: number;
  termMinDays?: number | null | undefined;
  termMaxDays?: number | null | undefined;
  minAmount: unknown;
  maxPerPerson: unknown;
  totalQuota: unknown;
  t0DailyLimit?: unknown;
  experienceAllowed: boolean;
  newbieOnly?: boolean | undefined;
  saleStartsAt: string;
  saleEndsAt: string;
  disclosures: ProductDisclosures;
  contractVersion: string;
}

/** Everything a product must satisfy before it exists, including the words it may not use. */
export function validateProduct(input: ProductInput) {
  const fen = (raw: unknown, label: string) => parsePositiveFen(raw) ?? invalid(`${label}金额无效`);
  const minAmount = fen(input.minAmount, '起购');
  const maxPerPerson = fen(input.maxPerPerson, '单人上限');
  const totalQuota = fen(input.totalQuota, '总额度');
  const t0DailyLimit = input.t0DailyLimit === undefined ? 1_000_000n : fen(input.t0DailyLimit, 'T+0 限额');
  if (minAmount > maxPerPerson) invalid('起购金额不能高于单人上限');
  if (maxPerPerson > totalQuota) invalid('单人上限不能高于总额度');
  const starts = new Date(input.saleStartsAt);
  const ends = new Date(input.saleEndsAt);
  if (Number.isNaN(starts.getTime()) || Number.isNaN(ends.getTime()) || ends <= starts) invalid('销售结束时间须晚于开始时间');
  const fixed = input.type === 'fixed';
  const hasTerms = input.termMinDays != null && input.termMaxDays != null;
  if (fixed !== hasTerms) invalid(fixed ? '定期产品须设置期限范围' : '活期产品不设期限');
  if (fixed && input.termMinDays! > input.termMaxDays!) invalid('最短期限不能长于最长期限');
  if (input.experienceAllowed && fixed) invalid('体验金仅可用于活期产品');
  const texts = [input.name, ...Object.values(input.disclosures)].join(' ');
  // The one list of promise words lives in compliance ("非保本" / "不承诺保本" are disclaimers and pass).
  const promise = checkMarketingText(texts).violations[0];
  if (promise) invalid(`不得使用“${texts.slice(promise.start, promise.end)}”等承诺保本保收益的表述`);
  return { minAmount, maxPerPerson, totalQuota, t0DailyLimit, starts, ends };
}

export async function createProduct(deps: InvestingDeps, op: OperatorPrincipal, input: ProductInput, client: Client) {
  const v = validateProduct(input);
  return transact(deps.db, async (trx) => {
    if (!(await repo.findIssuer(trx, input.issuerId))) invalid('发行机构不存在');
    const now = deps.clock.now();
    const row = await repo.insertProduct(trx, {
      code: input.code,
      name: input.name,
      issuer_id: input.issuerId,
      type: input.type,
      risk_level: input.riskLevel,
      benchmark_bps: input.benchmarkBps,
      term_min_days: input.termMinDays ?? null,
      term_max_days: input.termMaxDays ?? null,
      min_amount: v.minAmount,
      max_per_person: v.maxPerPerson,
      total_quota: v.totalQuota,
      t0_daily_limit: v.t0DailyLimit,
      experience_allowed: input.experienceAllowed,
      newbie_only: input.newbieOnly ?? false,
      sale_starts_at: v.starts,
      sale_ends_at: v.ends,
      status: 'draft',
      disclosures: input.disclosures,
      contract_version: input.contractVersion,
      created_at: now,
      updated_at: now,
    });
    if (!row) invalid('产品代码已存在');
    await deps.audit.record(trx, {
      actor: actor(op),
      action: 'investing.product.created',
      target: { type: 'product', id: row!.id },
      after: {
        code: input.code,
        name: input.name,
        type: input.type,
        riskLevel: input.riskLevel,
        benchmarkBps: input.benchmarkBps,
        newbieOnly: input.newbieOnly ?? false,
      },
      ip: client.ip,
    });
    return row!;
  });
}

/** Marks a product newbie-only (新手专享) or lifts it; audited with the reason. */
export async function changeNewbieOnly(
  deps: InvestingDeps,
  op: OperatorPrincipal,
  productId: string,
  input: { newbieOnly: boolean; reason: string },
  client: Client,
) {
  return transact(deps.db, async (trx) => {
    const before = await repo.findProduct(trx, productId, true);
    if (!before) throw new AppError('NOT_FOUND');
    const after = (await repo.setNewbieOnly(trx, productId, input.newbieOnly, deps.clock.now()))!;
    await deps.audit.record(trx, {
      actor: actor(op),
      action: 'investing.product.newbie_only_changed',
      target: { type: 'product', id: productId },
      before: { newbieOnly: before.newbie_only },
      after: { newbieOnly: after.newbie_only, reason: input.reason },
      ip: client.ip,
    });
    return after;
  });
}

/** draft → on sale → (sold out) → closed; a closed product never reopens. */
export async function changeProductStatus(
  deps: InvestingDeps,
  op: OperatorPrincipal,
  productId: string,
  input: { status: 'on_sale' | 'closed'; reason: string },
  client: Client,
) {
  return transact(deps.db, async (trx) => {
    const before = await repo.findProduct(trx, productId, true);
    if (!before) throw new AppError('NOT_FOUND');
    const from: repo.ProductRow['status'][] = input.status === 'on_sale' ? ['draft'] : ['draft', 'on_sale', 'sold_out'];
    const after = await repo.setProductStatus(trx, productId, from, input.status, deps.clock.now());
    if (!after) throw new AppError('PRODUCT_STATE_CONFLICT');
    await deps.audit.record(trx, {
      actor: actor(op),
      action: `investing.product.${input.status === 'on_sale' ? 'published' : 'closed'}`,
      target: { type: 'product', id: productId },
      before: { status: before.status },
      after: { status: after.status, reason: input.reason },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, 'investing.product_status_changed', { productId, status: after.status });
    return after;
  });
}
