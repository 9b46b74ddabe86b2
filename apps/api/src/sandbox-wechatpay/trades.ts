import crypto from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db/connect.js';
import { transact } from '../platform/db/transact.js';
import { rfc3339 } from './crypto.js';
import * as repo from './repo.js';

/** The payer pays (or the payment fails) at the cashier. Forward only; a repeat changes nothing. */
export async function settleTransaction(
  db: Db,
  clock: Clock,
  row: repo.TransactionRow,
  outcome: 'pay' | 'fail',
): Promise<repo.TransactionRow> {
  return transact(db, async (trx) => {
    const now = clock.now();
    if (outcome === 'fail') {
      // WeChat Pay notifies only successful payments; a failed one is found by querying.
      return (await repo.advanceTransaction(trx, row.transaction_id, ['NOTPAY'], { trade_state: 'PAYERROR' })) ?? row;
    }
    const paid = await repo.advanceTransaction(trx, row.transaction_id, ['NOTPAY', 'PAYERROR'], {
      trade_state: 'SUCCESS',
      success_time: now,
      payer_openid: row.payer_openid ?? `oSandbox${crypto.createHash('sha256').update(row.cashier_token).digest('hex').slice(0, 20)}`,
    });
    if (!paid) return (await repo.findTransaction(trx, row.mchid, row.out_trade_no))!;
    await queueTransactionNotification(trx, paid, now);
    return paid;
  });
}

export async function queueTransactionNotification(db: Executor, row: repo.TransactionRow, now: Date): Promise<void> {
  await repo.queueNotification(db, {
    id: crypto.randomUUID(),
    mchid: row.mchid,
    target_url: row.notify_url,
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    original_type: 'transaction',
    resource: transactionResource(row),
    next_attempt_at: now,
    created_at: now,
  });
}

export function transactionResource(row: repo.TransactionRow) {
  return {
    mchid: row.mchid,
    appid: row.appid,
    out_trade_no: row.out_trade_no,
    transaction_id: row.transaction_id,
    trade_type: row.trade_type,
    trade_state: row.trade_state,
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    attach: '',
    success_time: rfc3339(row.success_time ?? row.created_at),
    payer: { openid: row.payer_openid ?? '' },
    amount: { total: Number(row.amount_fen), payer_total: Number(row.amount_fen), currency: 'CNY', payer_currency: 'CNY' },
  };
}

export async function queueRefundNotification(db: Executor, refund: repo.RefundRow, trade: repo.TransactionRow, now: Date): Promise<void> {
  if (!refund.notify_url) return;
  const event = {
    SUCCESS: ['REFUND.SUCCESS', '退款成功'],
    ABNORMAL: ['REFUND.ABNORMAL', '退款异常'],
    CLOSED: ['REFUND.CLOSED', '退款关闭'],
  } as const;
  if (refund.status === 'PROCESSING') return;
  const [eventType, summary] = event[refund.status];
  await repo.queueNotification(db, {
    id: crypto.randomUUID(),
    mchid: refund.mchid,
    target_url: refund.notify_url,
    event_type: eventType,
    summary,
    original_type: 'refund',
    resource: {
      mchid: refund.mchid,
      out_trade_no: trade.out_trade_no,
      transaction_id: trade.transaction_id,
      out_refund_no: refund.out_refund_no,
      refund_id: refund.refund_id,
      refund_status: refund.status,
      ...(refund.success_time ? { success_time: rfc3339(refund.success_time) } : {}),
      user_received_account: '支付用户零钱',
      amount: {
        total: Number(trade.amount_fen),
        refund: Number(refund.amount_fen),
        payer_total: Number(trade.amount_fen),
        payer_refund: Number(refund.amount_fen),
      },
    },
    next_attempt_at: now,
    created_at: now,
  });
}

async function queueTransferNotification(db: Executor, row: repo.TransferRow, now: Date): Promise<void> {
  if (!row.notify_url) return;
  const ok = row.detail_status === 'SUCCESS';
  const amount = Number(row.amount_fen);
  await repo.queueNotification(db, {
    id: crypto.randomUUID(),
    mchid: row.mchid,
    target_url: row.notify_url,
    event_type: 'MCHTRANSFER.BATCH.FINISHED',
    summary: '商家转账批次完成',
    original_type: 'mch_payment',
    resource: {
      mchid: row.mchid,
      out_batch_no: row.out_batch_no,
      batch_id: row.batch_id,
      batch_status: row.batch_status,
      total_num: 1,
      total_amount: amount,
      success_amount: ok ? amount : 0,
      success_num: ok ? 1 : 0,
      fail_amount: ok ? 0 : amount,
      fail_num: ok ? 0 : 1,
      update_time: rfc3339(row.finished_at ?? now),
    },
    next_attempt_at: now,
    created_at: now,
  });
}

/** The refund "arrives" (or fails); forward only. Returns false when it was not processing. */
export async function settleRefund(db: Db, clock: Clock, mchid: string, outRefundNo: string, ok: boolean): Promise<boolean> {
  return transact(db, async (trx) => {
    const refund = await repo.findRefund(trx, mchid, outRefundNo, true);
    if (!refund) throw new Error(`no sandbox refund ${outRefundNo}`);
    const now = clock.now();
    const settled = await repo.settleRefund(trx, refund.refund_id, ok ? 'SUCCESS' : 'ABNORMAL', now);
    if (!settled) return false;
    const trade = (await repo.findTransactionById(trx, mchid, settled.transaction_id))!;
    await queueRefundNotification(trx, settled, trade, now);
    return true;
  });
}

export async function settleTransfer(db: Db, clock: Clock, mchid: string, outBatchNo: string, ok: boolean): Promise<boolean> {
  return transact(db, async (trx) => {
    const now = clock.now();
    const row = await repo.finishTransfer(trx, mchid, outBatchNo, ok, now);
    if (!row) return false;
    await queueTransferNotification(trx, row, now);
    return true;
  });
}

/** What nobody settled by hand settles when due: refunds succeed, transfers succeed. */
export async function settleDue(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  for (const r of await repo.dueRefunds(db, now, 100)) await settleRefund(db, clock, r.mchid, r.out_refund_no, true);
  for (const t of await repo.dueTransfers(db, now, 100)) await settleTransfer(db, clock, t.mchid, t.out_batch_no, true);
}
