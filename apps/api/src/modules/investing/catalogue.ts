import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { InvestingDeps } from './deps.js';
import { presentProduct } from './present.js';
import * as repo from './repo.js';

async function present(deps: InvestingDeps, rows: repo.ProductRow[], db: Executor = deps.db) {
  const [issuers, yields] = await Promise.all([
    repo.listIssuers(db),
    repo.latestYields(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const byId = new Map(issuers.map((i) => [i.id, i]));
  const now = deps.clock.now();
  return rows.map((r) => presentProduct(r, byId.get(r.issuer_id)!, yields.get(r.id), now));
}

/**
 * What members see: products on sale or sold out, newest first. Deliberately never sorted or
 * ranked by benchmark (the draft rules on online marketing of financial products forbid it).
 */
export async function listForMembers(deps: InvestingDeps, type: 'demand' | 'fixed' | undefined, page: number, pageSize: number) {
  const { items, total } = await repo.listProducts(deps.db, { statuses: ['on_sale', 'sold_out'], type }, (page - 1) * pageSize, pageSize);
  return { items: await present(deps, items), total, page, pageSize };
}

/**
 * A member may open any published product (e.g. a card in an old message); drafts do not exist for
 * them. Inside another module's transaction pass it as `db`: the reads then run on its connection.
 */
export async function productForMember(deps: InvestingDeps, id: string, db: Executor = deps.db) {
  const row = await repo.findProduct(db, id);
  if (!row || row.status === 'draft') throw new AppError('NOT_FOUND');
  return (await present(deps, [row], db))[0]!;
}

/** Newbie-only products on sale or sold out, newest first (the newbie zone). */
export async function newbieProductsForMembers(deps: InvestingDeps, page: number, pageSize: number) {
  const { items, total } = await repo.listProducts(
    deps.db,
    { statuses: ['on_sale', 'sold_out'], newbieOnly: true },
    (page - 1) * pageSize,
    pageSize,
  );
  return { items: await present(deps, items), total, page, pageSize };
}

export async function listForConsole(
  deps: InvestingDeps,
  filter: { status?: repo.ProductRow['status'] | undefined; type?: 'demand' | 'fixed' | undefined },
  page: number,
  pageSize: number,
) {
  const { items, total } = await repo.listProducts(
    deps.db,
    { ...(filter.status ? { statuses: [filter.status] } : {}), type: filter.type },
    (page - 1) * pageSize,
    pageSize,
  );
  return { items: await present(deps, items), total, page, pageSize };
}

export async function productForConsole(deps: InvestingDeps, id: string) {
  const row = await repo.findProduct(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return (await present(deps, [row]))[0]!;
}

export const presentProducts = present;
