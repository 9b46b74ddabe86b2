import type { Executor } from '../platform/db/connect.js';
import { fenToYuan } from '../platform/money.js';
import { gatewayTime, newNotifyId } from './format.js';
import * as repo from './repo.js';

/**
 * What the gateway tells a merchant when a trade or payout reaches its final state. The parameters
 * are stored unsigned; `notify_time`, `sign_type` and `sign` are added at each attempt (delivery.ts).
 */

function paymentParams(p: repo.PaymentRow, notifyId: string): Record<string, string> {
  return {
    notify_id: notifyId,
    notify_type: 'trade_status_sync',
    app_id: p.app_id,
    out_trade_no: p.out_trade_no,
    trade_no: p.trade_no,
    trade_status: p.status,
    total_amount: fenToYuan(p.amount_fen),
    // The instant of the state change (payment, or closure for TRADE_CLOSED).
    gmt_payment: gatewayTime(p.finished_at!),
  };
}

function payoutParams(p: repo.PayoutRow, notifyId: string): Record<string, string> {
  return {
    notify_id: notifyId,
    notify_type: 'fund_trans_status',
    app_id: p.app_id,
    out_biz_no: p.out_biz_no,
    order_id: p.order_id,
    status: p.status,
    trans_amount: fenToYuan(p.amount_fen),
    gmt_payment: gatewayTime(p.finished_at!),
    ...(p.fail_reason ? { fail_reason: p.fail_reason } : {}),
  };
}

/** Queues the callback in the caller's transaction, so a state change and its notice commit together. */
export async function enqueueNotice(trx: Executor, row: repo.PaymentRow | repo.PayoutRow, at: Date): Promise<void> {
  if (!row.notify_url) return; // the merchant asked for no callback
  const notifyId = newNotifyId();
  const params = 'trade_no' in row ? paymentParams(row, notifyId) : payoutParams(row, notifyId);
  await repo.insertNotification(trx, { notify_id: notifyId, target_url: row.notify_url, params, next_attempt_at: at, created_at: at });
}
