import type { NewbieZone } from '@quanzi/contracts';
import type { NewbieDeps } from './deps.js';
import { presentPublished } from './guide.js';
import * as repo from './repo.js';

/** The newbie zone (新手专区): newbie-only products, the published privileges, and whether they are still open to this member. */
export async function newbieZone(deps: NewbieDeps, memberId: string): Promise<NewbieZone> {
  const [investments, products, privileges] = await Promise.all([
    deps.investing.cashInvestmentCount(memberId),
    deps.investing.newbieProducts(1, 20),
    repo.listGuide(deps.db, { kind: 'privilege', status: 'published' }),
  ]);
  return { eligible: investments === 0, products: products.items, privileges: privileges.map(presentPublished) };
}
