import { AppError } from '../../platform/errors.js';
import type { ForumDeps } from './deps.js';
import { presentProductCard } from './present.js';

/** Product tags must name products members can open; returns the ids without repeats. */
export async function assertTaggableProducts(deps: ForumDeps, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => deps.investing.product(id).then(() => true, notFoundAs(false))));
  const unknown = unique.filter((_, i) => !found[i]);
  if (unknown.length)
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      unknown.map((id) => ({ field: 'productIds', issue: `no product ${id}` })),
    );
  return unique;
}

/** The tagged products' cards with live figures; a product members can no longer open is left out. */
export async function productCards(deps: ForumDeps, ids: readonly string[]) {
  const products = await Promise.all(ids.map((id) => deps.investing.product(id).catch(notFoundAs(null))));
  return products.flatMap((p) => (p ? [presentProductCard(p)] : []));
}

/** NOT_FOUND becomes `value`; any other failure is a real error and propagates. */
const notFoundAs =
  <T>(value: T) =>
  (err: unknown): T => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return value;
    throw err;
  };
