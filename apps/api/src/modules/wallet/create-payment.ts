import { fenToYuan } from '../../platform/money.js';
import { gatewayOf, type WalletDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * The recorded step "create the provider payment" of a top-up. The order row is the record: a
 * `pending` top-up without a pay URL still owes this step, whoever runs it — the request
 * itself, its retry with the same Idempotency-Key after a crash, or the stuck-order job. Safe to run
 * any number of times: gateways deduplicate by our order id (out_trade_no), and a repeat with the
 * same amount returns the payment already created, so a step that reached the gateway before a
 * crash gets the same trade and pay URL back.
 */
export async function ensurePayment(deps: WalletDeps, order: repo.OrderRow): Promise<repo.OrderRow> {
  if (order.type !== 'top_up' || order.status !== 'pending' || order.pay_url) return order;
  const payment = await gatewayOf(deps, order.channel).createPayment({
    orderId: order.id,
    amount: order.amount,
    subject: `圈子钱包充值 ¥${fenToYuan(order.amount)}`,
    notifyUrl: deps.urls.notify(order.channel),
    returnUrl: deps.urls.topUpReturn(order.id),
  });
  const updated = await repo.advanceOrder(deps.db, order.id, ['pending'], {
    ...(payment.gatewayRef ? { gateway_ref: payment.gatewayRef } : {}),
    pay_url: payment.payUrl,
    updated_at: deps.clock.now(),
  });
  // Not pending any more (paid and credited by an active query in the meantime): the row says what happened.
  return updated ?? (await repo.findOrder(deps.db, order.id)) ?? order;
}
