import { AppError } from '../../platform/errors.js';
import type { InvestingDeps } from './deps.js';
import { per10kText, presentHolding } from './present.js';
import * as repo from './repo.js';

async function withProducts(deps: InvestingDeps, rows: repo.HoldingRow[]) {
  const products = new Map((await repo.productsByIds(deps.db, [...new Set(rows.map((r) => r.product_id))])).map((p) => [p.id, p]));
  return rows.map((r) => presentHolding(r, products.get(r.product_id)!));
}

export async function memberHoldings(deps: InvestingDeps, memberId: string, active: boolean, page: number, pageSize: number) {
  const { items, total } = await repo.listHoldings(deps.db, { memberId, active }, (page - 1) * pageSize, pageSize);
  return { items: await withProducts(deps, items), total, page, pageSize };
}

/** Someone else's holding answers like a missing one (404), so ids reveal nothing. */
export async function memberHolding(deps: InvestingDeps, memberId: string, holdingId: string) {
  const h = await repo.findHolding(deps.db, holdingId);
  if (!h || h.member_id !== memberId) throw new AppError('NOT_FOUND');
  return (await withProducts(deps, [h]))[0]!;
}

/** Credited earnings per day, newest first: the member's earnings history and curve. */
export async function memberEarnings(deps: InvestingDeps, memberId: string, days: number) {
  const rows = await repo.memberEarnings(deps.db, memberId, days);
  return { items: rows.map((r) => ({ day: r.day, amount: String(r.amount) })) };
}

export async function consoleHoldings(
  deps: InvestingDeps,
  filter: { memberId?: string | undefined; productId?: string | undefined },
  page: number,
  pageSize: number,
) {
  const { items, total } = await repo.listHoldings(deps.db, filter, (page - 1) * pageSize, pageSize);
  const presented = await withProducts(deps, items);
  return { items: presented.map((h, i) => ({ ...h, memberId: items[i]!.member_id })), total, page, pageSize };
}

export async function consoleOrders(
  deps: InvestingDeps,
  filter: { memberId?: string | undefined; productId?: string | undefined },
  page: number,
  pageSize: number,
) {
  const { items, total } = await repo.listOrders(deps.db, filter, (page - 1) * pageSize, pageSize);
  return {
    items: items.map((o) => ({
      id: o.id,
      memberId: o.member_id,
      productId: o.product_id,
      productName: o.product_name,
      amount: String(o.amount),
      fundedBy: o.funded_by,
      termDays: o.term_days,
      source: o.source,
      contractVersion: o.contract_version,
      createdAt: o.created_at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

export async function productYields(deps: InvestingDeps, productId: string) {
  const rows = await repo.listYields(deps.db, productId, 60);
  return {
    items: rows.map((y) => ({
      day: y.day,
      per10k: per10kText(y.per_10k_units),
      declaredBy: y.declared_by,
      credited: y.credited_at !== null,
    })),
  };
}
