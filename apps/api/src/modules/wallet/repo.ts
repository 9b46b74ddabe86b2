import { sql, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

export type OrderType = 'top_up' | 'withdrawal';
export type OrderStatus = 'pending' | 'held' | 'reviewing' | 'paying' | 'succeeded' | 'failed' | 'closed' | 'rejected';

export interface WalletOrdersTable {
  id: Generated<string>;
  member_id: string;
  type: OrderType;
  channel: string;
  amount: bigint;
  card_id: string;
  card_masked: string;
  bank_name: string;
  status: OrderStatus;
  gateway_ref: string | null;
  pay_url: string | null;
  reported_amount: bigint | null;
  failure_reason: string | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  settled_at: Date | null;
  request_key: string | null;
}
interface GatewayEventsTable {
  event_id: string;
  order_id: string | null;
  kind: string;
  outcome: string;
  params: unknown;
  received_at: Date;
}
interface CallbackRejectionsTable {
  id: Generated<bigint>;
  reason: string;
  params: unknown;
  ip: string | null;
  received_at: Date;
}
interface ReconRunsTable {
  id: Generated<string>;
  channel: string;
  bill_date: string;
  bill_lines: number;
  matched: number;
  mismatches: number;
  ran_at: Date;
  ran_by: string;
}
export type ReconProblem = 'missing_in_bill' | 'missing_in_orders' | 'amount_mismatch';
interface ReconItemsTable {
  id: Generated<string>;
  channel: string;
  run_id: string;
  bill_date: string;
  problem: ReconProblem;
  order_id: string | null;
  gateway_ref: string | null;
  our_amount: bigint | null;
  bill_amount: bigint | null;
  status: Generated<'open' | 'resolved'>;
  resolution: string | null;
  note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}
export type RefundStatus = 'pending' | 'succeeded' | 'failed';
interface RefundsTable {
  id: Generated<string>;
  order_id: string;
  member_id: string;
  channel: string;
  amount: bigint;
  status: RefundStatus;
  reason: string;
  request_key: string;
  requested_by: string;
  gateway_ref: string | null;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  settled_at: Date | null;
}
type WalletTables = {
  wallet_orders: WalletOrdersTable;
  wallet_refunds: RefundsTable;
  wallet_gateway_events: GatewayEventsTable;
  wallet_callback_rejections: CallbackRejectionsTable;
  wallet_recon_runs: ReconRunsTable;
  wallet_recon_items: ReconItemsTable;
};
export type OrderRow = Selectable<WalletOrdersTable>;
export type ReconRunRow = Selectable<ReconRunsTable>;
export type RefundRow = Selectable<RefundsTable>;
export type ReconItemRow = Selectable<ReconItemsTable>;

const t = (db: Executor) => db.withTables<WalletTables>();

export async function insertOrder(
  db: Executor,
  row: Omit<
    WalletOrdersTable,
    | 'id'
    | 'gateway_ref'
    | 'pay_url'
    | 'reported_amount'
    | 'failure_reason'
    | 'review_note'
    | 'reviewed_by'
    | 'reviewed_at'
    | 'completed_at'
    | 'settled_at'
  >,
): Promise<OrderRow> {
  return t(db).insertInto('wallet_orders').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The order a request with this Idempotency-Key already created, if any. */
export const orderByRequestKey = (db: Executor, memberId: string, key: string) =>
  t(db).selectFrom('wallet_orders').selectAll().where('member_id', '=', memberId).where('request_key', '=', key).executeTakeFirst();

export async function findOrder(db: Executor, id: string, forUpdate = false): Promise<OrderRow | undefined> {
  let q = t(db).selectFrom('wallet_orders').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Moves an order forward only from the states listed; undefined when it was elsewhere (a late or repeated signal). */
export async function advanceOrder(
  db: Executor,
  id: string,
  from: OrderStatus[],
  changes: Partial<Omit<WalletOrdersTable, 'id' | 'member_id' | 'type' | 'amount' | 'created_at'>> & {
    status?: OrderStatus;
    updated_at: Date;
  },
): Promise<OrderRow | undefined> {
  return t(db).updateTable('wallet_orders').set(changes).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst();
}

/** Serialises one member's order creation so daily limits hold under concurrent requests. */
export async function lockMemberOrders(db: Executor, memberId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`wallet:${memberId}`}, 0))`.execute(db);
}

/** Sum of a member's orders of a type since `since` that count against the daily limit. */
export async function usedToday(db: Executor, memberId: string, type: OrderType, since: Date): Promise<bigint> {
  const counted: OrderStatus[] = type === 'top_up' ? ['pending', 'held', 'succeeded'] : ['reviewing', 'paying', 'succeeded'];
  const row = await t(db)
    .selectFrom('wallet_orders')
    .select(sql<bigint>`COALESCE(SUM(amount), 0)::bigint`.as('used'))
    .where('member_id', '=', memberId)
    .where('type', '=', type)
    .where('created_at', '>=', since)
    .where('status', 'in', counted)
    .executeTakeFirstOrThrow();
  return row.used;
}

/** Cards the member has successfully topped up from (同卡进出: money goes back out the way it came in). */
export async function cardsToppedUpFrom(db: Executor, memberId: string): Promise<string[]> {
  const rows = await t(db)
    .selectFrom('wallet_orders')
    .select('card_id')
    .distinct()
    .where('member_id', '=', memberId)
    .where('type', '=', 'top_up')
    .where('status', '=', 'succeeded')
    .execute();
  return rows.map((r) => r.card_id);
}

export interface OrderFilter {
  memberId?: string | undefined;
  type?: OrderType | undefined;
  status?: OrderStatus | undefined;
}

export async function listOrders(db: Executor, filter: OrderFilter, offset: number, limit: number) {
  let q = t(db).selectFrom('wallet_orders');
  if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.status) q = q.where('status', '=', filter.status);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    q.select(sql<bigint>`COUNT(*)::bigint`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Orders waiting on the gateway longer than `olderThan`: queried actively instead of trusting callbacks alone. */
/**
 * Orders the job should act on: waiting on the gateway since before `olderThan` (query them), or
 * still without a gateway reference since before `stepDueBefore` (their gateway request was never
 * made or never recorded: make it).
 */
export async function stuckOrders(db: Executor, olderThan: Date, stepDueBefore: Date, limit: number): Promise<OrderRow[]> {
  return t(db)
    .selectFrom('wallet_orders')
    .selectAll()
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb('status', '=', 'paying')]))
    .where((eb) => {
      // A top-up's step is its pay URL (Alipay's trade exists only once the buyer opens it); a withdrawal's, the payout reference.
      const stepDone = eb.or([
        eb.and([eb('type', '=', 'top_up'), eb('pay_url', 'is not', null)]),
        eb.and([eb('type', '=', 'withdrawal'), eb('gateway_ref', 'is not', null)]),
      ]);
      return eb.or([
        eb.and([stepDone, eb('updated_at', '<', olderThan)]),
        eb.and([eb.not(stepDone), eb('updated_at', '<', stepDueBefore)]),
      ]);
    })
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Records a gateway event id; false when it was seen before (a duplicate callback). */
export async function recordGatewayEvent(db: Executor, row: GatewayEventsTable): Promise<boolean> {
  const inserted = await t(db)
    .insertInto('wallet_gateway_events')
    .values({ ...row, params: JSON.stringify(row.params) })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function recordRejection(db: Executor, row: Omit<CallbackRejectionsTable, 'id'>): Promise<void> {
  await t(db)
    .insertInto('wallet_callback_rejections')
    .values({ ...row, params: JSON.stringify(row.params) })
    .execute();
}

export async function listRejections(db: Executor, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    t(db).selectFrom('wallet_callback_rejections').selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute(),
    t(db)
      .selectFrom('wallet_callback_rejections')
      .select(sql<bigint>`COUNT(*)::bigint`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Orders the gateway should list in its bill for a day: completed top-ups (incl. held) and paid-out withdrawals. */
export async function completedBetween(db: Executor, channel: string, from: Date, to: Date): Promise<OrderRow[]> {
  return t(db)
    .selectFrom('wallet_orders')
    .selectAll()
    .where('channel', '=', channel)
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to)
    .where((eb) =>
      eb.or([
        eb.and([eb('type', '=', 'top_up'), eb('status', 'in', ['succeeded', 'held'])]),
        eb.and([eb('type', '=', 'withdrawal'), eb('status', '=', 'succeeded')]),
      ]),
    )
    .execute();
}

export async function findOrdersByIds(db: Executor, ids: string[]): Promise<OrderRow[]> {
  if (!ids.length) return [];
  return t(db).selectFrom('wallet_orders').selectAll().where('id', 'in', ids).execute();
}

export async function insertReconRun(db: Executor, row: Omit<ReconRunsTable, 'id'>): Promise<ReconRunRow> {
  return t(db).insertInto('wallet_recon_runs').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A problem already recorded for the day (open or resolved) is not recorded again. */
export async function insertReconItem(
  db: Executor,
  row: Omit<ReconItemsTable, 'id' | 'status' | 'resolution' | 'note' | 'resolved_by' | 'resolved_at'>,
): Promise<boolean> {
  const inserted = await t(db)
    .insertInto('wallet_recon_items')
    .values(row)
    .onConflict((oc) => oc.columns(['bill_date', 'problem', 'gateway_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listReconRuns(db: Executor, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    t(db).selectFrom('wallet_recon_runs').selectAll().orderBy('ran_at', 'desc').offset(offset).limit(limit).execute(),
    t(db)
      .selectFrom('wallet_recon_runs')
      .select(sql<bigint>`COUNT(*)::bigint`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function listReconItems(
  db: Executor,
  filter: { status?: 'open' | 'resolved' | undefined; billDate?: string | undefined },
  offset: number,
  limit: number,
) {
  let q = t(db).selectFrom('wallet_recon_items');
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.billDate) q = q.where('bill_date', '=', filter.billDate);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('bill_date', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    q.select(sql<bigint>`COUNT(*)::bigint`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function resolveReconItem(
  db: Executor,
  id: string,
  changes: { resolution: string; note: string; resolved_by: string; resolved_at: Date },
) {
  return t(db)
    .updateTable('wallet_recon_items')
    .set({ ...changes, status: 'resolved' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

export async function setGatewayEventOutcome(db: Executor, eventId: string, outcome: string, orderId: string | null): Promise<void> {
  await t(db).updateTable('wallet_gateway_events').set({ outcome, order_id: orderId }).where('event_id', '=', eventId).execute();
}

export async function finishReconRun(db: Executor, id: string, matched: number, mismatches: number): Promise<void> {
  await t(db).updateTable('wallet_recon_runs').set({ matched, mismatches }).where('id', '=', id).execute();
}

// ── refunds ─────────────────────────────────────────────────────────────────────────────────────

export async function insertRefund(
  db: Executor,
  row: Omit<RefundsTable, 'id' | 'gateway_ref' | 'failure_reason' | 'completed_at' | 'settled_at'>,
) {
  return t(db).insertInto('wallet_refunds').values(row).returningAll().executeTakeFirstOrThrow();
}

export const refundByRequestKey = (db: Executor, orderId: string, key: string) =>
  t(db).selectFrom('wallet_refunds').selectAll().where('order_id', '=', orderId).where('request_key', '=', key).executeTakeFirst();

export async function findRefund(db: Executor, id: string, forUpdate = false): Promise<RefundRow | undefined> {
  let q = t(db).selectFrom('wallet_refunds').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const refundsOfOrder = (db: Executor, orderId: string) =>
  t(db).selectFrom('wallet_refunds').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();

/** What is refunded or on its way back (pending and succeeded refunds) of an order. */
export async function refundedOrPending(db: Executor, orderId: string): Promise<bigint> {
  const row = await t(db)
    .selectFrom('wallet_refunds')
    .select(sql<bigint>`COALESCE(SUM(amount), 0)::bigint`.as('sum'))
    .where('order_id', '=', orderId)
    .where('status', 'in', ['pending', 'succeeded'])
    .executeTakeFirstOrThrow();
  return row.sum;
}

export async function advanceRefund(
  db: Executor,
  id: string,
  changes: Partial<Pick<RefundsTable, 'status' | 'gateway_ref' | 'failure_reason' | 'completed_at' | 'settled_at'>> & { updated_at: Date },
  from: RefundStatus[] = ['pending'],
): Promise<RefundRow | undefined> {
  return t(db)
    .updateTable('wallet_refunds')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

export const pendingRefunds = (db: Executor, before: Date, limit: number) =>
  t(db)
    .selectFrom('wallet_refunds')
    .selectAll()
    .where('status', '=', 'pending')
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();

export const refundsCompletedBetween = (db: Executor, channel: string, from: Date, to: Date) =>
  t(db)
    .selectFrom('wallet_refunds')
    .selectAll()
    .where('channel', '=', channel)
    .where('status', '=', 'succeeded')
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to)
    .execute();

export const findRefundsByIds = (db: Executor, ids: string[]) =>
  ids.length ? t(db).selectFrom('wallet_refunds').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);
