import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { newSerial } from './format.js';
import { enqueueNotice, enqueueRefundNotice } from './notifications.js';
import * as repo from './repo.js';

/** How long the "bank" takes to answer a payout when nobody settles it by hand. */
export const PAYOUT_PROCESSING_MS = 1_000;
/** The sandbox's scripted bank failure: payouts to a card ending in 4444 fail. */
export const FAILING_CARD_LAST4 = '4444';
const DUE_PAYOUT_BATCH = 100;

export type Created<T> = { ok: true; row: T } | { ok: false; duplicate: T };

export interface NewPayment {
  appId: string;
  outTradeNo: string;
  amountFen: bigint;
  subject: string;
  notifyUrl: string | null;
  returnUrl: string | null;
}

/**
 * Idempotent by (app_id, out_trade_no): a repeat with the same amount returns the existing trade,
 * a repeat with another amount is refused rather than silently charging a different sum.
 */
export async function createPayment(db: Db, clock: Clock, input: NewPayment): Promise<Created<repo.PaymentRow>> {
  const now = clock.now();
  const inserted = await repo.insertPaymentIfNew(db, {
    trade_no: newSerial(now, 'pay'),
    app_id: input.appId,
    out_trade_no: input.outTradeNo,
    amount_fen: input.amountFen,
    subject: input.subject,
    status: 'WAIT_BUYER_PAY',
    notify_url: input.notifyUrl,
    return_url: input.returnUrl,
    created_at: now,
    finished_at: null,
  });
  if (inserted) return { ok: true, row: inserted };
  const existing = await repo.findPaymentByOutTradeNo(db, input.appId, input.outTradeNo);
  if (!existing) throw new Error('payment conflict without an existing row');
  return existing.amount_fen === input.amountFen ? { ok: true, row: existing } : { ok: false, duplicate: existing };
}

/**
 * The buyer pays or cancels. Only WAIT_BUYER_PAY moves, so a repeated or racing call is a no-op
 * that reports the state the trade already has. Undefined for an unknown trade.
 */
export async function settlePayment(db: Db, clock: Clock, tradeNo: string, outcome: 'pay' | 'fail'): Promise<repo.PaymentRow | undefined> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const moved = await repo.finishPayment(trx, tradeNo, outcome === 'pay' ? 'TRADE_SUCCESS' : 'TRADE_CLOSED', now);
    if (!moved) return repo.findPayment(trx, tradeNo);
    await enqueueNotice(trx, moved, now);
    return moved;
  });
}

export interface NewPayout {
  appId: string;
  outBizNo: string;
  amountFen: bigint;
  payeeCardLast4: string;
  payeeNameMasked: string;
  productCode: string;
  payeeIdentityType: string;
  notifyUrl: string | null;
}

/** Idempotent by (app_id, out_biz_no), like createPayment: a different amount or payee is refused. */
export async function createPayout(db: Db, clock: Clock, input: NewPayout): Promise<Created<repo.PayoutRow>> {
  const now = clock.now();
  const inserted = await repo.insertPayoutIfNew(db, {
    order_id: newSerial(now, 'payout'),
    app_id: input.appId,
    out_biz_no: input.outBizNo,
    amount_fen: input.amountFen,
    payee_card_last4: input.payeeCardLast4,
    payee_name_masked: input.payeeNameMasked,
    product_code: input.productCode,
    payee_identity_type: input.payeeIdentityType,
    status: 'DEALING',
    fail_reason: null,
    notify_url: input.notifyUrl,
    created_at: now,
    process_at: new Date(now.getTime() + PAYOUT_PROCESSING_MS),
    finished_at: null,
  });
  if (inserted) return { ok: true, row: inserted };
  const existing = await repo.findPayoutByOutBizNo(db, input.appId, input.outBizNo);
  if (!existing) throw new Error('payout conflict without an existing row');
  const same = existing.amount_fen === input.amountFen && existing.payee_card_last4 === input.payeeCardLast4;
  return same ? { ok: true, row: existing } : { ok: false, duplicate: existing };
}

/** Forward only, like settlePayment; undefined for an unknown order. */
export async function settlePayout(
  db: Db,
  clock: Clock,
  orderId: string,
  outcome: 'succeed' | 'fail',
  failReason = 'SANDBOX_FORCED_FAIL',
): Promise<repo.PayoutRow | undefined> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const moved = await repo.finishPayout(
      trx,
      orderId,
      outcome === 'succeed' ? 'SUCCESS' : 'FAIL',
      outcome === 'fail' ? failReason : null,
      now,
    );
    if (!moved) return repo.findPayout(trx, orderId);
    await enqueueNotice(trx, moved, now);
    return moved;
  });
}

/** The bank's automatic answer for payouts nobody settled by hand; SKIP LOCKED keeps instances apart. */
export async function settleDuePayouts(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const due = await repo.lockDuePayouts(trx, now, DUE_PAYOUT_BATCH);
    for (const payout of due) {
      const fails = payout.payee_card_last4 === FAILING_CARD_LAST4;
      const moved = await repo.finishPayout(trx, payout.order_id, fails ? 'FAIL' : 'SUCCESS', fails ? 'PAYEE_CARD_REJECTED' : null, now);
      if (moved) await enqueueNotice(trx, moved, now);
    }
    return due.length;
  });
}

export type RefundOutcome =
  | { ok: true; refund: repo.RefundRow; trade: repo.PaymentRow; fresh: boolean }
  | { ok: false; reason: 'TRADE_NOT_EXIST' | 'TRADE_STATUS_ERROR' | 'REFUND_AMT_NOT_EQUAL_TOTAL' | 'REQUEST_AMOUNT_CHANGED' };

/**
 * alipay.trade.refund: idempotent by (trade, out_request_no) — a repeat returns the refund already
 * made (a repeat with another amount is refused); never more than the trade's total in sum. Under the
 * trade's row lock, so concurrent refunds of one trade cannot together exceed it.
 */
export async function refundPayment(
  db: Db,
  clock: Clock,
  input: { appId: string; tradeNo: string; outRequestNo: string; amountFen: bigint; reason: string | null },
): Promise<RefundOutcome> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const trade = await repo.lockPayment(trx, input.tradeNo);
    if (!trade || trade.app_id !== input.appId) return { ok: false, reason: 'TRADE_NOT_EXIST' };
    const earlier = await repo.findRefund(trx, trade.trade_no, input.outRequestNo);
    if (earlier) {
      return earlier.amount_fen === input.amountFen
        ? { ok: true, refund: earlier, trade, fresh: false }
        : { ok: false, reason: 'REQUEST_AMOUNT_CHANGED' };
    }
    if (trade.status !== 'TRADE_SUCCESS') return { ok: false, reason: 'TRADE_STATUS_ERROR' };
    if (trade.refunded_fen + input.amountFen > trade.amount_fen) return { ok: false, reason: 'REFUND_AMT_NOT_EQUAL_TOTAL' };
    const refund: repo.RefundRow = {
      trade_no: trade.trade_no,
      out_request_no: input.outRequestNo,
      amount_fen: input.amountFen,
      reason: input.reason,
      created_at: now,
    };
    const updated = await repo.insertRefund(trx, refund);
    await enqueueRefundNotice(trx, updated, refund, now);
    return { ok: true, refund, trade: updated, fresh: true };
  });
}
