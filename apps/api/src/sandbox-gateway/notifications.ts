import type { Executor } from '../platform/db/connect.js';
import { fenToYuan } from '../platform/money.js';
import { alipayUserId, buyerLogonId, gatewayTime, newNotifyId, sellerId, tradeStatusOf } from './format.js';
import * as repo from './repo.js';

/**
 * What the gateway tells a merchant, with Alipay's field set. Payments and refunds are
 * `trade_status_sync` notifications (a refund carries `refund_fee`, `gmt_refund` and the
 * `out_biz_no` of its request); a transfer's outcome is the `alipay.fund.trans.order.changed`
 * message (`msg_method` + a JSON `biz_content`). The parameters are stored unsigned; `notify_time`
 * (or `utc_timestamp`), `sign_type` and `sign` are added at each attempt (delivery.ts).
 */

function tradeParams(p: repo.PaymentRow, notifyId: string): Record<string, string> {
  const yuan = fenToYuan(p.amount_fen);
  const paid = p.status === 'TRADE_SUCCESS';
  return {
    notify_type: 'trade_status_sync',
    notify_id: notifyId,
    charset: 'utf-8',
    version: '1.0',
    app_id: p.app_id,
    auth_app_id: p.app_id,
    trade_no: p.trade_no,
    out_trade_no: p.out_trade_no,
    buyer_id: alipayUserId(`buyer:${p.trade_no}`),
    buyer_logon_id: buyerLogonId(p.trade_no),
    seller_id: sellerId(p.app_id),
    seller_email: 'sandbox-merchant@alipay.invalid',
    trade_status: tradeStatusOf(p),
    total_amount: yuan,
    subject: p.subject,
    gmt_create: gatewayTime(p.created_at),
    ...(paid
      ? {
          receipt_amount: yuan,
          invoice_amount: yuan,
          buyer_pay_amount: yuan,
          point_amount: '0.00',
          gmt_payment: gatewayTime(p.finished_at!),
          fund_bill_list: JSON.stringify([{ amount: yuan, fundChannel: 'ALIPAYACCOUNT' }]),
        }
      : { gmt_close: gatewayTime(p.finished_at!) }),
  };
}

function payoutParams(p: repo.PayoutRow, notifyId: string): Record<string, string> {
  return {
    notify_id: notifyId,
    msg_method: 'alipay.fund.trans.order.changed',
    charset: 'utf-8',
    version: '1.1',
    app_id: p.app_id,
    biz_content: JSON.stringify({
      action_type: 'FINISH',
      biz_scene: 'DIRECT_TRANSFER',
      origin_interface: 'alipay.fund.trans.uni.transfer',
      product_code: p.product_code,
      out_biz_no: p.out_biz_no,
      order_id: p.order_id,
      pay_fund_order_id: p.order_id,
      status: p.status,
      trans_amount: fenToYuan(p.amount_fen),
      pay_date: gatewayTime(p.finished_at!),
      ...(p.fail_reason ? { error_code: p.fail_reason, fail_reason: p.fail_reason } : {}),
    }),
  };
}

/** Queues the callback in the caller's transaction, so a state change and its notice commit together. */
export async function enqueueNotice(trx: Executor, row: repo.PaymentRow | repo.PayoutRow, at: Date): Promise<void> {
  if (!row.notify_url) return; // the merchant asked for no callback
  const notifyId = newNotifyId();
  const params = 'trade_no' in row ? tradeParams(row, notifyId) : payoutParams(row, notifyId);
  await repo.insertNotification(trx, { notify_id: notifyId, target_url: row.notify_url, params, next_attempt_at: at, created_at: at });
}

/** A refund's trade_status_sync: TRADE_SUCCESS while part of the trade remains, TRADE_CLOSED once all is refunded. */
export async function enqueueRefundNotice(trx: Executor, trade: repo.PaymentRow, refund: repo.RefundRow, at: Date): Promise<void> {
  if (!trade.notify_url) return;
  const notifyId = newNotifyId();
  const params = {
    ...tradeParams(trade, notifyId),
    trade_status: tradeStatusOf(trade),
    out_biz_no: refund.out_request_no,
    refund_fee: fenToYuan(trade.refunded_fen),
    send_back_fee: fenToYuan(refund.amount_fen),
    gmt_refund: `${gatewayTime(refund.created_at)}.000`,
  };
  await repo.insertNotification(trx, { notify_id: notifyId, target_url: trade.notify_url, params, next_attempt_at: at, created_at: at });
}
