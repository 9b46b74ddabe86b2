import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../platform/db/connect.js';

/**
 * The WeChat Pay sandbox's SQL, over its own `sandbox_wxpay_*` tables only. It stands for a third
 * party that Quanzi reaches over HTTP; sharing the database is a deployment convenience.
 */

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR';
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
export type BatchStatus = 'ACCEPTED' | 'PROCESSING' | 'FINISHED' | 'CLOSED';

interface KeysTable {
  name: string;
  public_key: string;
  private_key: string;
  created_at: Date;
}
interface MerchantsTable {
  mchid: string;
  serial_no: string;
  public_key: string;
  api_v3_key: string;
  registered_at: Date;
}
interface TransactionsTable {
  transaction_id: string;
  mchid: string;
  appid: string;
  out_trade_no: string;
  trade_type: 'NATIVE' | 'H5' | 'JSAPI';
  description: string;
  amount_fen: bigint;
  trade_state: TradeState;
  notify_url: string;
  cashier_token: string;
  payer_openid: string | null;
  created_at: Date;
  success_time: Date | null;
}
interface RefundsTable {
  refund_id: string;
  mchid: string;
  out_refund_no: string;
  transaction_id: string;
  amount_fen: bigint;
  status: RefundStatus;
  reason: string | null;
  notify_url: string | null;
  created_at: Date;
  process_at: Date;
  success_time: Date | null;
}
interface TransfersTable {
  batch_id: string;
  mchid: string;
  appid: string;
  out_batch_no: string;
  batch_name: string;
  detail_id: string;
  out_detail_no: string;
  openid: string;
  amount_fen: bigint;
  batch_status: BatchStatus;
  detail_status: 'PROCESSING' | 'SUCCESS' | 'FAIL';
  fail_reason: string | null;
  notify_url: string | null;
  created_at: Date;
  process_at: Date;
  finished_at: Date | null;
}
interface NotificationsTable {
  id: string;
  mchid: string;
  target_url: string;
  event_type: string;
  summary: string;
  original_type: string;
  resource: ColumnType<Record<string, unknown>, string, never>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  acknowledged_at: Generated<Date | null>;
  gave_up_at: Generated<Date | null>;
  last_error: Generated<string | null>;
  created_at: Date;
}
type Tables = {
  sandbox_wxpay_keys: KeysTable;
  sandbox_wxpay_merchants: MerchantsTable;
  sandbox_wxpay_transactions: TransactionsTable;
  sandbox_wxpay_refunds: RefundsTable;
  sandbox_wxpay_transfers: TransfersTable;
  sandbox_wxpay_notifications: NotificationsTable;
};

export type MerchantRow = Selectable<MerchantsTable>;
export type TransactionRow = Selectable<TransactionsTable>;
export type RefundRow = Selectable<RefundsTable>;
export type TransferRow = Selectable<TransfersTable>;
export type NotificationRow = Selectable<NotificationsTable>;

const t = (db: Executor) => db.withTables<Tables>();

export async function findKeyPair(db: Executor, name: string) {
  return t(db).selectFrom('sandbox_wxpay_keys').select(['public_key', 'private_key']).where('name', '=', name).executeTakeFirst();
}

export async function insertKeyPairIfAbsent(db: Executor, row: KeysTable): Promise<void> {
  await t(db)
    .insertInto('sandbox_wxpay_keys')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function upsertMerchant(db: Executor, row: MerchantsTable): Promise<void> {
  await t(db)
    .insertInto('sandbox_wxpay_merchants')
    .values(row)
    .onConflict((oc) =>
      oc.column('mchid').doUpdateSet({ serial_no: row.serial_no, public_key: row.public_key, api_v3_key: row.api_v3_key }),
    )
    .execute();
}

export async function findMerchant(db: Executor, mchid: string): Promise<MerchantRow | undefined> {
  return t(db).selectFrom('sandbox_wxpay_merchants').selectAll().where('mchid', '=', mchid).executeTakeFirst();
}

// ── transactions ────────────────────────────────────────────────────────────────────────────────

/** A repeated out_trade_no returns the first transaction (the caller compares what was asked). */
export async function insertTransaction(db: Executor, row: TransactionsTable): Promise<TransactionRow> {
  await t(db)
    .insertInto('sandbox_wxpay_transactions')
    .values(row)
    .onConflict((oc) => oc.columns(['mchid', 'out_trade_no']).doNothing())
    .execute();
  return (await findTransaction(db, row.mchid, row.out_trade_no))!;
}

export async function findTransaction(db: Executor, mchid: string, outTradeNo: string, lock = false) {
  let q = t(db).selectFrom('sandbox_wxpay_transactions').selectAll().where('mchid', '=', mchid).where('out_trade_no', '=', outTradeNo);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findTransactionById(db: Executor, mchid: string, transactionId: string) {
  return t(db)
    .selectFrom('sandbox_wxpay_transactions')
    .selectAll()
    .where('mchid', '=', mchid)
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
}

export async function findTransactionByToken(db: Executor, token: string, lock = false) {
  let q = t(db).selectFrom('sandbox_wxpay_transactions').selectAll().where('cashier_token', '=', token);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Forward only: the update applies only from one of `from`. */
export async function advanceTransaction(
  db: Executor,
  transactionId: string,
  from: TradeState[],
  set: { trade_state: TradeState; success_time?: Date; payer_openid?: string },
): Promise<TransactionRow | undefined> {
  return t(db)
    .updateTable('sandbox_wxpay_transactions')
    .set(set)
    .where('transaction_id', '=', transactionId)
    .where('trade_state', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

export async function successfulTransactionsBetween(db: Executor, mchid: string, from: Date, to: Date) {
  return t(db)
    .selectFrom('sandbox_wxpay_transactions')
    .selectAll()
    .where('mchid', '=', mchid)
    .where('success_time', '>=', from)
    .where('success_time', '<', to)
    .orderBy('success_time')
    .execute();
}

// ── refunds ─────────────────────────────────────────────────────────────────────────────────────

export async function insertRefund(db: Executor, row: RefundsTable): Promise<void> {
  await t(db).insertInto('sandbox_wxpay_refunds').values(row).execute();
}

export async function findRefund(db: Executor, mchid: string, outRefundNo: string, lock = false) {
  let q = t(db).selectFrom('sandbox_wxpay_refunds').selectAll().where('mchid', '=', mchid).where('out_refund_no', '=', outRefundNo);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Refunded so far (processing or done) against a transaction: the ceiling is its amount. */
export async function refundedTotal(db: Executor, transactionId: string): Promise<bigint> {
  const row = await t(db)
    .selectFrom('sandbox_wxpay_refunds')
    .select(sql<bigint>`COALESCE(SUM(amount_fen), 0)::bigint`.as('total'))
    .where('transaction_id', '=', transactionId)
    .where('status', 'in', ['PROCESSING', 'SUCCESS'])
    .executeTakeFirstOrThrow();
  return BigInt(row.total);
}

export async function dueRefunds(db: Executor, now: Date, limit: number) {
  return t(db)
    .selectFrom('sandbox_wxpay_refunds')
    .selectAll()
    .where('status', '=', 'PROCESSING')
    .where('process_at', '<=', now)
    .orderBy('process_at')
    .limit(limit)
    .execute();
}

export async function settleRefund(db: Executor, refundId: string, status: RefundStatus, at: Date) {
  return t(db)
    .updateTable('sandbox_wxpay_refunds')
    .set({ status, success_time: status === 'SUCCESS' ? at : null })
    .where('refund_id', '=', refundId)
    .where('status', '=', 'PROCESSING')
    .returningAll()
    .executeTakeFirst();
}

export async function successfulRefundsBetween(db: Executor, mchid: string, from: Date, to: Date) {
  return t(db)
    .selectFrom('sandbox_wxpay_refunds')
    .selectAll()
    .where('mchid', '=', mchid)
    .where('success_time', '>=', from)
    .where('success_time', '<', to)
    .orderBy('success_time')
    .execute();
}

// ── transfers ───────────────────────────────────────────────────────────────────────────────────

export async function insertTransfer(db: Executor, row: TransfersTable): Promise<TransferRow> {
  await t(db)
    .insertInto('sandbox_wxpay_transfers')
    .values(row)
    .onConflict((oc) => oc.columns(['mchid', 'out_batch_no']).doNothing())
    .execute();
  return (await findTransfer(db, row.mchid, row.out_batch_no))!;
}

export async function findTransfer(db: Executor, mchid: string, outBatchNo: string) {
  return t(db)
    .selectFrom('sandbox_wxpay_transfers')
    .selectAll()
    .where('mchid', '=', mchid)
    .where('out_batch_no', '=', outBatchNo)
    .executeTakeFirst();
}

export async function dueTransfers(db: Executor, now: Date, limit: number) {
  return t(db)
    .selectFrom('sandbox_wxpay_transfers')
    .selectAll()
    .where('batch_status', 'in', ['ACCEPTED', 'PROCESSING'])
    .where('process_at', '<=', now)
    .orderBy('process_at')
    .limit(limit)
    .execute();
}

export async function finishTransfer(db: Executor, mchid: string, outBatchNo: string, ok: boolean, at: Date) {
  return t(db)
    .updateTable('sandbox_wxpay_transfers')
    .set({
      batch_status: 'FINISHED',
      detail_status: ok ? 'SUCCESS' : 'FAIL',
      fail_reason: ok ? null : 'ACCOUNT_FROZEN',
      finished_at: at,
    })
    .where('mchid', '=', mchid)
    .where('out_batch_no', '=', outBatchNo)
    .where('batch_status', 'in', ['ACCEPTED', 'PROCESSING'])
    .returningAll()
    .executeTakeFirst();
}

// ── notifications ───────────────────────────────────────────────────────────────────────────────

export async function queueNotification(
  db: Executor,
  row: Omit<NotificationsTable, 'attempts' | 'acknowledged_at' | 'gave_up_at' | 'last_error' | 'resource'> & {
    resource: Record<string, unknown>;
  },
): Promise<void> {
  await t(db)
    .insertInto('sandbox_wxpay_notifications')
    .values({ ...row, resource: JSON.stringify(row.resource) })
    .execute();
}

export async function dueNotifications(db: Executor, now: Date, limit: number) {
  return t(db)
    .selectFrom('sandbox_wxpay_notifications')
    .selectAll()
    .where('acknowledged_at', 'is', null)
    .where('gave_up_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

export async function recordAttempt(
  db: Executor,
  id: string,
  outcome: { acknowledgedAt: Date } | { nextAttemptAt: Date | null; error: string; at: Date },
): Promise<void> {
  const set =
    'acknowledgedAt' in outcome
      ? { acknowledged_at: outcome.acknowledgedAt, last_error: null }
      : outcome.nextAttemptAt
        ? { next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error }
        : { gave_up_at: outcome.at, last_error: outcome.error };
  await t(db)
    .updateTable('sandbox_wxpay_notifications')
    .set({ ...set, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export async function notificationsFor(db: Executor, mchid: string) {
  return t(db).selectFrom('sandbox_wxpay_notifications').selectAll().where('mchid', '=', mchid).orderBy('created_at').execute();
}

export async function findNotification(db: Executor, id: string) {
  return t(db).selectFrom('sandbox_wxpay_notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function paidTransfersBetween(db: Executor, mchid: string, from: Date, to: Date) {
  return t(db)
    .selectFrom('sandbox_wxpay_transfers')
    .selectAll()
    .where('mchid', '=', mchid)
    .where('detail_status', '=', 'SUCCESS')
    .where('finished_at', '>=', from)
    .where('finished_at', '<', to)
    .orderBy('finished_at')
    .execute();
}
