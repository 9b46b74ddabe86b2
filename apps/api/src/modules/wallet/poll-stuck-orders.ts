import { transact } from '../../platform/db/transact.js';
import type { GatewayStatus } from '../../platform/payments/gateway.js';
import { ensurePayment } from './create-payment.js';
import { applyGatewayEvent, type EventOutcome } from './apply-gateway-event.js';
import { gatewayOf, type WalletDeps } from './deps.js';
import { pollPendingRefunds } from './refunds.js';
import { WALLET_POLICY } from './policy.js';
import * as repo from './repo.js';
import { submitPayout } from './submit-payout.js';

/**
 * Callbacks get lost; we do not wait forever. Orders waiting on the gateway for a few minutes are
 * queried actively, and the answer is applied exactly like a callback (same forward-only rules,
 * same ledger keys). An order whose gateway request was never made or never recorded (the process
 * died between the commit and the call) gets it now: the top-up's payment is created, the
 * withdrawal's payout submitted — both idempotent by our order id.
 */
export async function pollStuckOrders(deps: WalletDeps, now: Date): Promise<{ queried: number; changed: number; refunds: number }> {
  const stuck = await repo.stuckOrders(
    deps.db,
    new Date(now.getTime() - WALLET_POLICY.queryAfterMs),
    new Date(now.getTime() - WALLET_POLICY.gatewayStepDueAfterMs),
    200,
  );
  let changed = 0;
  for (const order of stuck) {
    const outcome = await pollOrder(deps, order, now).catch((err: unknown) => {
      deps.logger.warn({ err, orderId: order.id }, 'active query failed; will retry');
      return 'ignored_state' as const;
    });
    if (outcome !== 'ignored_state' && outcome !== 'unknown_order') changed++;
  }
  const refunds = await pollPendingRefunds(deps, now);
  return { queried: stuck.length, changed, refunds };
}

export async function pollOrder(deps: WalletDeps, order: repo.OrderRow, now: Date): Promise<EventOutcome | 'expired' | 'submitted'> {
  const gateway = gatewayOf(deps, order.channel);
  if (order.type === 'withdrawal' && order.status === 'paying' && !order.gateway_ref) {
    return (await submitPayout(deps, order.id, { queryFirst: true })) ? 'submitted' : 'ignored_state';
  }
  // A top-up whose payment was never created (or never recorded): create it, unless its pay window
  // has passed — then the query below finds nothing and closes it.
  const young = now.getTime() - order.created_at.getTime() <= WALLET_POLICY.closeUnpaidAfterMs;
  if (order.type === 'top_up' && order.status === 'pending' && !order.pay_url && young) {
    const updated = await ensurePayment(deps, order);
    return updated.pay_url ? 'submitted' : 'ignored_state';
  }
  const status: GatewayStatus = order.type === 'top_up' ? await gateway.queryPayment(order.id) : await gateway.queryPayout(order.id);
  const state = status.state;
  if (state === 'succeeded' || state === 'failed') {
    return transact(deps.db, (trx) =>
      applyGatewayEvent(deps, trx, {
        eventId: `query:${order.id}:${state}`,
        kind: order.type === 'top_up' ? 'payment' : 'payout',
        orderId: order.id,
        gatewayRef: status.gatewayRef ?? order.gateway_ref ?? '',
        state,
        amount: status.amount,
      }),
    );
  }
  const unpaidTooLong = order.type === 'top_up' && now.getTime() - order.created_at.getTime() > WALLET_POLICY.closeUnpaidAfterMs;
  if (unpaidTooLong && (status.state === 'pending' || status.state === 'unknown')) {
    // Closed at the provider first, so the buyer cannot pay an order we have given up on.
    await gateway.closePayment(order.id);
    await repo.advanceOrder(deps.db, order.id, ['pending'], { status: 'closed', failure_reason: '支付超时，订单已关闭', updated_at: now });
    return 'expired';
  }
  // Still waiting: touch it so the next pass queries other orders first.
  await repo.advanceOrder(deps.db, order.id, [order.status], { updated_at: now });
  return 'ignored_state';
}
