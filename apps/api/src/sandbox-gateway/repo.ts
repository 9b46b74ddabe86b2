import { sql, type ColumnType, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../platform/db/connect.js';

/**
 * The sandbox gateway's SQL, over its own `sandbox_*` tables only. The gateway is a separate party
 * that Quanzi reaches over HTTP; sharing the database is a deployment convenience, not a coupling.
 */

export type PaymentStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
export type PayoutStatus = 'DEALING' | 'SUCCESS' | 'FAIL';

interface KeysTable {
  name: string;
  public_key: string;
  private_key: string;
  created_at: Date;
}
interface MerchantsTable {
  app_id: string;
  public_key: string;
  registered_at: Date;
}
interface PaymentsTable {
  trade_no: string;
  app_id: string;
  out_trade_no: string;
  amount_fen: bigint;
  subject: string;
  status: PaymentStatus;
  notify_url: string | null;
  return_url: string | null;
  created_at: Date;
  finished_at: Date | null;
  refunded_fen: Generated<bigint>;
}
interface RefundsTable {
  trade_no: string;
  out_request_no: string;
  amount_fen: bigint;
  reason: string | null;
  created_at: Date;
}
interface PayoutsTable {
  order_id: string;
  app_id: string;
  out_biz_no: string;
  amount_fen: bigint;
  payee_card_last4: string;
  payee_name_masked: string;
  status: PayoutStatus;
  fail_reason: string | null;
  notify_url: string | null;
  product_code: Generated<string>;
  payee_identity_type: Generated<string>;
  created_at: Date;
  process_at: Date;
  finished_at: Date | null;
}
interface NotificationsTable {
  id: Generated<string>;
  notify_id: string;
  target_url: string;
  /** jsonb: written as JSON text, read back as an object. */
  params: ColumnType<Record<string, string>, string, never>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  acknowledged_at: Generated<Date | null>;
  gave_up_at: Generated<Date | null>;
  last_error: Generated<string | null>;
  created_at: Date;
}
interface BillOverridesTable {
  trade_no: string;
  dropped: Generated<boolean>;
  amount_fen: bigint | null;
  updated_at: Date;
}
interface BillExtrasTable {
  trade_no: string;
  app_id: string | null;
  out_trade_no: string;
  amount_fen: bigint;
  finished_at: Date;
}
type SandboxTables = {
  sandbox_keys: KeysTable;
  sandbox_merchants: MerchantsTable;
  sandbox_payments: PaymentsTable;
  sandbox_refunds: RefundsTable;
  sandbox_payouts: PayoutsTable;
  sandbox_notifications: NotificationsTable;
  sandbox_bill_overrides: BillOverridesTable;
  sandbox_bill_extras: BillExtrasTable;
};

export type PaymentRow = Selectable<PaymentsTable>;
export type PayoutRow = Selectable<PayoutsTable>;
export type RefundRow = Selectable<RefundsTable>;
export type NotificationRow = Selectable<NotificationsTable>;

const t = (db: Executor) => db.withTables<SandboxTables>();

// ── keys and merchants ──────────────────────────────────────────────────────────────────────────

export async function findKeyPair(db: Executor, name: string) {
  return t(db).selectFrom('sandbox_keys').select(['public_key', 'private_key']).where('name', '=', name).executeTakeFirst();
}

/** First writer wins, so instances starting together end up with one key pair. */
export async function insertKeyPairIfAbsent(db: Executor, row: KeysTable): Promise<void> {
  await t(db)
    .insertInto('sandbox_keys')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function upsertMerchant(db: Executor, row: MerchantsTable): Promise<void> {
  await t(db)
    .insertInto('sandbox_merchants')
    .values(row)
    .onConflict((oc) => oc.column('app_id').doUpdateSet({ public_key: row.public_key }))
    .execute();
}

export async function findMerchantKey(db: Executor, appId: string): Promise<string | undefined> {
  const row = await t(db).selectFrom('sandbox_merchants').select('public_key').where('app_id', '=', appId).executeTakeFirst();
  return row?.public_key;
}

// ── payments ────────────────────────────────────────────────────────────────────────────────────

/** Undefined when the merchant already has a trade with this out_trade_no. */
export async function insertPaymentIfNew(db: Executor, row: Insertable<PaymentsTable>): Promise<PaymentRow | undefined> {
  return t(db)
    .insertInto('sandbox_payments')
    .values(row)
    .onConflict((oc) => oc.columns(['app_id', 'out_trade_no']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findPaymentByOutTradeNo(db: Executor, appId: string, outTradeNo: string): Promise<PaymentRow | undefined> {
  return t(db)
    .selectFrom('sandbox_payments')
    .selectAll()
    .where('app_id', '=', appId)
    .where('out_trade_no', '=', outTradeNo)
    .executeTakeFirst();
}

export async function findPayment(db: Executor, tradeNo: string): Promise<PaymentRow | undefined> {
  return t(db).selectFrom('sandbox_payments').selectAll().where('trade_no', '=', tradeNo).executeTakeFirst();
}

/** Moves a waiting trade forward; undefined when it was not waiting (a repeat or a concurrent loser). */
export async function finishPayment(db: Executor, tradeNo: string, status: PaymentStatus, at: Date): Promise<PaymentRow | undefined> {
  return t(db)
    .updateTable('sandbox_payments')
    .set({ status, finished_at: at })
    .where('trade_no', '=', tradeNo)
    .where('status', '=', 'WAIT_BUYER_PAY')
    .returningAll()
    .executeTakeFirst();
}

/** Closes a waiting trade (alipay.trade.close): no notification, as Alipay sends none for a merchant's close. */
export async function closePayment(db: Executor, tradeNo: string, at: Date): Promise<PaymentRow | undefined> {
  return finishPayment(db, tradeNo, 'TRADE_CLOSED', at);
}

// ── refunds ─────────────────────────────────────────────────────────────────────────────────────

export async function findRefund(db: Executor, tradeNo: string, outRequestNo: string): Promise<RefundRow | undefined> {
  return t(db)
    .selectFrom('sandbox_refunds')
    .selectAll()
    .where('trade_no', '=', tradeNo)
    .where('out_request_no', '=', outRequestNo)
    .executeTakeFirst();
}

/** Locks the trade (refunds of one trade queue behind each other), for the refund checks. */
export async function lockPayment(db: Executor, tradeNo: string): Promise<PaymentRow | undefined> {
  return t(db).selectFrom('sandbox_payments').selectAll().where('trade_no', '=', tradeNo).forUpdate().executeTakeFirst();
}

export async function insertRefund(db: Executor, row: RefundsTable): Promise<PaymentRow> {
  await t(db).insertInto('sandbox_refunds').values(row).execute();
  return t(db)
    .updateTable('sandbox_payments')
    .set((eb) => ({ refunded_fen: eb('refunded_fen', '+', row.amount_fen) }))
    .where('trade_no', '=', row.trade_no)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ── payouts ─────────────────────────────────────────────────────────────────────────────────────

export async function insertPayoutIfNew(db: Executor, row: Insertable<PayoutsTable>): Promise<PayoutRow | undefined> {
  return t(db)
    .insertInto('sandbox_payouts')
    .values(row)
    .onConflict((oc) => oc.columns(['app_id', 'out_biz_no']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findPayoutByOutBizNo(db: Executor, appId: string, outBizNo: string): Promise<PayoutRow | undefined> {
  return t(db).selectFrom('sandbox_payouts').selectAll().where('app_id', '=', appId).where('out_biz_no', '=', outBizNo).executeTakeFirst();
}

export async function findPayout(db: Executor, orderId: string): Promise<PayoutRow | undefined> {
  return t(db).selectFrom('sandbox_payouts').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

export async function finishPayout(
  db: Executor,
  orderId: string,
  status: 'SUCCESS' | 'FAIL',
  failReason: string | null,
  at: Date,
): Promise<PayoutRow | undefined> {
  return t(db)
    .updateTable('sandbox_payouts')
    .set({ status, fail_reason: failReason, finished_at: at })
    .where('order_id', '=', orderId)
    .where('status', '=', 'DEALING')
    .returningAll()
    .executeTakeFirst();
}

/** Payouts whose automatic settlement is due, locked so that only one instance settles each. */
export async function lockDuePayouts(db: Executor, now: Date, limit: number): Promise<PayoutRow[]> {
  return t(db)
    .selectFrom('sandbox_payouts')
    .selectAll()
    .where('status', '=', 'DEALING')
    .where('process_at', '<=', now)
    .orderBy('process_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

// ── notifications ───────────────────────────────────────────────────────────────────────────────

export interface NewNotification {
  notify_id: string;
  target_url: string;
  params: Record<string, string>;
  next_attempt_at: Date;
  created_at: Date;
}

export async function insertNotification(db: Executor, row: NewNotification): Promise<void> {
  await t(db)
    .insertInto('sandbox_notifications')
    .values({ ...row, params: JSON.stringify(row.params) })
    .execute();
}

/**
 * Claims due notifications for one attempt: under FOR UPDATE SKIP LOCKED each row is taken by one
 * instance only, and moving next_attempt_at past the lease keeps others off it after commit, while
 * the HTTP call runs outside any transaction. A crash mid-delivery just means a retry after the lease.
 */
export async function claimDueNotifications(db: Executor, now: Date, leaseUntil: Date, limit: number): Promise<NotificationRow[]> {
  return t(db)
    .with('due', (w) =>
      w
        .selectFrom('sandbox_notifications')
        .select('id')
        .where('acknowledged_at', 'is', null)
        .where('gave_up_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('sandbox_notifications')
    .from('due')
    .set((eb) => ({ attempts: eb('sandbox_notifications.attempts', '+', 1), next_attempt_at: leaseUntil }))
    .whereRef('sandbox_notifications.id', '=', 'due.id')
    .returningAll('sandbox_notifications')
    .execute();
}

/** Guarded by the attempt number so a late answer never overwrites a newer attempt's outcome. */
export async function recordAttempt(
  db: Executor,
  id: string,
  attempt: number,
  outcome: { acknowledgedAt: Date } | { nextAttemptAt: Date; error: string } | { gaveUpAt: Date; error: string },
): Promise<void> {
  const set =
    'acknowledgedAt' in outcome
      ? { acknowledged_at: outcome.acknowledgedAt, last_error: null }
      : 'nextAttemptAt' in outcome
        ? { next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error }
        : { gave_up_at: outcome.gaveUpAt, last_error: outcome.error };
  await t(db).updateTable('sandbox_notifications').set(set).where('id', '=', id).where('attempts', '=', attempt).execute();
}

// ── bill ────────────────────────────────────────────────────────────────────────────────────────

export interface BillRow {
  trade_no: string;
  out_trade_no: string;
  type: 'pay' | 'payout' | 'refund';
  subject: string;
  out_request_no: string | null;
  created_at: Date;
  amount_fen: bigint;
  status: string;
  finished_at: Date;
}

/** What the bill shows for one merchant and one instant range: the trades, as edited by the tamper tables. */
export async function billRows(db: Executor, appId: string, from: Date, to: Date): Promise<BillRow[]> {
  const { rows } = await sql<BillRow>`
    SELECT p.trade_no, p.out_trade_no, 'pay' AS type, p.subject, NULL AS out_request_no, p.created_at,
           COALESCE(o.amount_fen, p.amount_fen) AS amount_fen, p.status, p.finished_at
      FROM sandbox_payments p LEFT JOIN sandbox_bill_overrides o ON o.trade_no = p.trade_no
     WHERE p.app_id = ${appId} AND p.status = 'TRADE_SUCCESS' AND p.finished_at >= ${from} AND p.finished_at < ${to}
       AND NOT COALESCE(o.dropped, false)
    UNION ALL
    SELECT r.trade_no, p.out_trade_no, 'refund', p.subject, r.out_request_no, r.created_at, r.amount_fen, 'REFUND_SUCCESS', r.created_at
      FROM sandbox_refunds r JOIN sandbox_payments p ON p.trade_no = r.trade_no
     WHERE p.app_id = ${appId} AND r.created_at >= ${from} AND r.created_at < ${to}
    UNION ALL
    SELECT q.order_id, q.out_biz_no, 'payout', '转账', NULL, q.created_at, COALESCE(o.amount_fen, q.amount_fen), q.status, q.finished_at
      FROM sandbox_payouts q LEFT JOIN sandbox_bill_overrides o ON o.trade_no = q.order_id
     WHERE q.app_id = ${appId} AND q.status = 'SUCCESS' AND q.finished_at >= ${from} AND q.finished_at < ${to}
       AND NOT COALESCE(o.dropped, false)
    UNION ALL
    SELECT e.trade_no, e.out_trade_no, 'pay', '沙箱附加交易', NULL, e.finished_at, e.amount_fen, 'TRADE_SUCCESS', e.finished_at
      FROM sandbox_bill_extras e
     WHERE (e.app_id IS NULL OR e.app_id = ${appId}) AND e.finished_at >= ${from} AND e.finished_at < ${to}
     ORDER BY finished_at, trade_no`.execute(db);
  return rows;
}

export async function upsertBillOverride(db: Executor, tradeNo: string, change: { dropped: true } | { amountFen: bigint }, at: Date) {
  const set = 'dropped' in change ? { dropped: true, updated_at: at } : { amount_fen: change.amountFen, updated_at: at };
  await t(db)
    .insertInto('sandbox_bill_overrides')
    .values({ trade_no: tradeNo, amount_fen: null, ...set })
    .onConflict((oc) => oc.column('trade_no').doUpdateSet(set))
    .execute();
}

export async function insertBillExtra(db: Executor, row: BillExtrasTable): Promise<void> {
  await t(db).insertInto('sandbox_bill_extras').values(row).execute();
}
