import type { WalletDeps } from './deps.js';
import { last4 } from './funding-eligibility.js';
import * as repo from './repo.js';

/**
 * Asks the gateway to pay a withdrawal out. Safe to call again: the gateway deduplicates by our
 * order id, and an order whose submission failed is retried by the stuck-order job.
 */
export async function submitPayout(deps: WalletDeps, orderId: string): Promise<void> {
  const order = await repo.findOrder(deps.db, orderId);
  if (!order || order.status !== 'paying') return;
  try {
    const profile = await deps.identity.profile(order.member_id);
    const { gatewayRef } = await deps.gateway.createPayout({
      orderId: order.id,
      amount: order.amount,
      cardLast4: last4(order.card_masked),
      payeeNameMasked: profile.realName?.nameMasked ?? '',
      notifyUrl: deps.urls.notify(),
    });
    await repo.advanceOrder(deps.db, order.id, ['paying'], { gateway_ref: gatewayRef, updated_at: deps.clock.now() });
  } catch (err) {
    deps.logger.warn({ err, orderId }, 'payout submission failed; the stuck-order job will retry');
  }
}
