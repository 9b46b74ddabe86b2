import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { InvestingDeps } from './deps.js';
import * as repo from './repo.js';

/** "0.6512" yuan per 10,000 yuan → 6512 units of 0.0001 yuan (never a float). */
export function per10kUnits(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, '0'));
}

/** Who declares: finance in the console, or the issuer itself through its signed API. */
export type Declarer = { type: 'operator'; id: string; name: string } | { type: 'issuer'; issuerId: string; name: string };
export const operatorDeclarer = (op: OperatorPrincipal): Declarer => ({ type: 'operator', id: op.operatorId, name: op.displayName });

/**
 * The issuer's 万份收益 for a demand product and day (entered by finance or sent through the
 * issuer's API). It can be corrected until the nightly job has credited it; after that it is history.
 */
export async function declareYield(
  deps: InvestingDeps,
  by: Declarer,
  productId: string,
  input: { day: string; per10k: string },
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    const product = await repo.findProduct(trx, productId);
    // An issuer sees only its own products: another's answers like a missing one.
    if (!product || (by.type === 'issuer' && product.issuer_id !== by.issuerId)) throw new AppError('NOT_FOUND');
    if (product.type !== 'demand') throw new AppError('PRODUCT_INVALID', { reason: '只有活期产品公布万份收益' });
    const units = per10kUnits(input.per10k);
    if (
      !(await repo.declareYield(trx, {
        product_id: productId,
        day: input.day,
        per_10k_units: units,
        declared_by: by.name,
        declared_at: deps.clock.now(),
      }))
    ) {
      throw new AppError('YIELD_ALREADY_DECLARED');
    }
    await deps.audit.record(trx, {
      actor:
        by.type === 'operator'
          ? { type: 'operator', id: by.id, name: by.name }
          : { type: 'system', id: `issuer:${by.issuerId}`, name: by.name },
      action: 'investing.yield.declared',
      target: { type: 'product', id: productId },
      after: { day: input.day, per10k: input.per10k },
      ip,
    });
    return { productId, day: input.day, per10k: input.per10k };
  });
}

/** The actual annualised return for fixed-term holdings of a product maturing on a day. */
export async function declareFixedReturn(
  deps: InvestingDeps,
  op: OperatorPrincipal,
  productId: string,
  input: { maturityDate: string; actualBps: number },
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    const product = await repo.findProduct(trx, productId);
    if (!product) throw new AppError('NOT_FOUND');
    if (product.type !== 'fixed') throw new AppError('PRODUCT_INVALID', { reason: '只有定期产品公布到期实际收益率' });
    await repo.declareFixedReturn(trx, {
      product_id: productId,
      maturity_date: input.maturityDate,
      actual_bps: input.actualBps,
      declared_by: op.displayName,
      declared_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'investing.fixed_return.declared',
      target: { type: 'product', id: productId },
      after: input,
      ip,
    });
    return { productId, ...input };
  });
}
