import { sql, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

interface IssuersTable {
  id: Generated<string>;
  name: string;
  kind: 'wealth_management' | 'fund' | 'insurance' | 'trust';
  license_no: string;
  custodian: string;
  created_at: Date;
}
export interface ProductsTable {
  id: Generated<string>;
  code: string;
  name: string;
  issuer_id: string;
  type: 'demand' | 'fixed';
  risk_level: number;
  benchmark_bps: number;
  term_min_days: number | null;
  term_max_days: number | null;
  min_amount: bigint;
  max_per_person: bigint;
  total_quota: bigint;
  sold_amount: Generated<bigint>;
  t0_daily_limit: bigint;
  experience_allowed: boolean;
  /** 新手专享: only a member without a prior cash investment may buy it (checked in `purchase`). */
  newbie_only: boolean;
  sale_starts_at: Date;
  sale_ends_at: Date;
  status: 'draft' | 'on_sale' | 'sold_out' | 'closed';
  disclosures: unknown;
  contract_version: string;
  created_at: Date;
  updated_at: Date;
}
interface OrdersTable {
  id: Generated<string>;
  member_id: string;
  product_id: string;
  amount: bigint;
  funded_by: 'cash' | 'experience';
  term_days: number | null;
  source: string | null;
  contract_version: string;
  risk_accepted_at: Date;
  request_key: string | null;
  created_at: Date;
}
export interface HoldingsTable {
  id: Generated<string>;
  member_id: string;
  product_id: string;
  order_id: string;
  type: 'demand' | 'fixed';
  funded_by: 'cash' | 'experience';
  principal: bigint;
  accrued_e8: Generated<string>;
  credited: Generated<bigint>;
  last_accrued_on: string | null;
  value_date: string;
  term_days: number | null;
  maturity_date: string | null;
  expires_at: Date | null;
  status: 'holding' | 'matured' | 'redeemed' | 'expired';
  paid_return: bigint | null;
  created_at: Date;
  updated_at: Date;
}
interface YieldsTable {
  product_id: string;
  day: string;
  per_10k_units: bigint;
  declared_by: string;
  declared_at: Date;
  credited_at: Date | null;
}
interface FixedReturnsTable {
  product_id: string;
  maturity_date: string;
  actual_bps: number;
  declared_by: string;
  declared_at: Date;
}
interface EarningsTable {
  holding_id: string;
  member_id: string;
  day: string;
  amount: bigint;
}
interface RedemptionsTable {
  id: Generated<string>;
  holding_id: string;
  member_id: string;
  amount: bigint;
  speed: 't0' | 't1';
  status: 'pending' | 'settled';
  settle_on: string;
  created_at: Date;
  settled_at: Date | null;
}
interface GrantsTable {
  id: Generated<string>;
  member_id: string;
  amount: bigint;
  remaining: bigint;
  reason: string;
  grant_key: string;
  expires_at: Date;
  status: 'active' | 'expired';
  created_at: Date;
}
interface SnapshotsTable {
  month: string;
  figures: unknown;
  taken_at: Date;
}
type InvestTables = {
  invest_issuers: IssuersTable;
  invest_products: ProductsTable;
  invest_orders: OrdersTable;
  invest_holdings: HoldingsTable;
  invest_demand_yields: YieldsTable;
  invest_fixed_returns: FixedReturnsTable;
  invest_earnings: EarningsTable;
  invest_redemptions: RedemptionsTable;
  invest_experience_grants: GrantsTable;
  invest_disclosure_snapshots: SnapshotsTable;
};
export type IssuerRow = Selectable<IssuersTable>;
export type ProductRow = Selectable<ProductsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type HoldingRow = Selectable<HoldingsTable>;
export type RedemptionRow = Selectable<RedemptionsTable>;
export type GrantRow = Selectable<GrantsTable>;

const t = (db: Executor) => db.withTables<InvestTables>();
const count = sql<bigint>`COUNT(*)::bigint`;

// ── issuers ──────────────────────────────────────────────────────────────────────────────────
export const insertIssuer = (db: Executor, row: Omit<IssuersTable, 'id'>) =>
  t(db)
    .insertInto('invest_issuers')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
export const listIssuers = (db: Executor) => t(db).selectFrom('invest_issuers').selectAll().orderBy('created_at').execute();
export const findIssuer = (db: Executor, id: string) =>
  t(db).selectFrom('invest_issuers').selectAll().where('id', '=', id).executeTakeFirst();

// ── products ─────────────────────────────────────────────────────────────────────────────────
export const insertProduct = (db: Executor, row: Omit<ProductsTable, 'id' | 'sold_amount' | 'newbie_only'> & { newbie_only?: boolean }) =>
  t(db)
    .insertInto('invest_products')
    .values({ ...row, newbie_only: row.newbie_only ?? false, disclosures: JSON.stringify(row.disclosures) })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();

export async function findProduct(db: Executor, id: string, forUpdate = false): Promise<ProductRow | undefined> {
  let q = t(db).selectFrom('invest_products').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Several products by id (those that exist), for compliance checks of promotions. */
export async function findProducts(db: Executor, ids: readonly string[]): Promise<ProductRow[]> {
  if (!ids.length) return [];
  return t(db).selectFrom('invest_products').selectAll().where('id', 'in', ids).execute();
}

/** The catalogue in a fixed, neutral order (newest first) — never ranked by benchmark. */
export async function listProducts(
  db: Executor,
  filter: { statuses?: ProductsTable['status'][]; type?: 'demand' | 'fixed' | undefined; newbieOnly?: boolean | undefined },
  offset: number,
  limit: number,
) {
  let q = t(db).selectFrom('invest_products');
  if (filter.statuses) q = q.where('status', 'in', filter.statuses);
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.newbieOnly !== undefined) q = q.where('newbie_only', '=', filter.newbieOnly);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    q.select(count.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const setNewbieOnly = (db: Executor, id: string, newbieOnly: boolean, at: Date) =>
  t(db)
    .updateTable('invest_products')
    .set({ newbie_only: newbieOnly, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

export const setProductStatus = (db: Executor, id: string, from: ProductsTable['status'][], status: ProductsTable['status'], at: Date) =>
  t(db)
    .updateTable('invest_products')
    .set({ status, updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();

/**
 * Takes `amount` of the product's quota if it is on sale and has room, in one statement: the row
 * lock makes concurrent buyers queue here, so the quota can never be oversold. Undefined = no room.
 */
export async function takeQuota(db: Executor, productId: string, amount: bigint, at: Date): Promise<ProductRow | undefined> {
  const { rows } = await sql<ProductRow>`
    UPDATE invest_products SET sold_amount = sold_amount + ${amount},
      status = CASE WHEN sold_amount + ${amount} = total_quota THEN 'sold_out' ELSE status END,
      updated_at = ${at}
    WHERE id = ${productId} AND status = 'on_sale' AND sold_amount + ${amount} <= total_quota
    RETURNING *`.execute(db);
  return rows[0];
}

/** A redemption gives quota back (demand products), reopening a sold-out product. */
export async function returnQuota(db: Executor, productId: string, amount: bigint, at: Date): Promise<void> {
  await sql`
    UPDATE invest_products SET sold_amount = sold_amount - ${amount},
      status = CASE WHEN status = 'sold_out' THEN 'on_sale' ELSE status END, updated_at = ${at}
    WHERE id = ${productId}`.execute(db);
}

export const latestYields = async (db: Executor, productIds: string[]) => {
  if (!productIds.length) return new Map<string, { day: string; units: bigint }>();
  const { rows } = await sql<{ product_id: string; day: string; per_10k_units: bigint }>`
    SELECT DISTINCT ON (product_id) product_id, day, per_10k_units FROM invest_demand_yields
    WHERE product_id = ANY(${productIds}::uuid[]) ORDER BY product_id, day DESC`.execute(db);
  return new Map(rows.map((r) => [r.product_id, { day: r.day, units: r.per_10k_units }]));
};

// ── orders and holdings ──────────────────────────────────────────────────────────────────────
export const insertOrder = (db: Executor, row: Omit<OrdersTable, 'id'>) =>
  t(db).insertInto('invest_orders').values(row).returningAll().executeTakeFirstOrThrow();
export const insertHolding = (db: Executor, row: Omit<HoldingsTable, 'id' | 'accrued_e8' | 'credited'>) =>
  t(db).insertInto('invest_holdings').values(row).returningAll().executeTakeFirstOrThrow();

/** The order (and its holding) a purchase request with this Idempotency-Key already created. */
export async function purchaseByRequestKey(db: Executor, memberId: string, key: string) {
  const order = await t(db)
    .selectFrom('invest_orders')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('request_key', '=', key)
    .executeTakeFirst();
  if (!order) return undefined;
  const holding = await t(db).selectFrom('invest_holdings').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
  return { order, holding };
}

/**
 * Serialises one member's purchases (every product) until commit: what "has this member invested
 * before" answers cannot change under a purchase that asked it. Transaction-scoped advisory lock.
 */
export async function lockMemberPurchases(db: Executor, memberId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`invest:member:${memberId}`}, 0))`.execute(db);
}

/** How many cash purchases the member ever made (an experience-money purchase is not an investment of one's own). */
export async function cashOrderCount(db: Executor, memberId: string): Promise<number> {
  const row = await t(db)
    .selectFrom('invest_orders')
    .select(count.as('n'))
    .where('member_id', '=', memberId)
    .where('funded_by', '=', 'cash')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a member already holds of a product (cash-funded principal still invested). */
export async function heldByMember(db: Executor, memberId: string, productId: string): Promise<bigint> {
  const row = await t(db)
    .selectFrom('invest_holdings')
    .select(sql<bigint>`COALESCE(SUM(principal), 0)::bigint`.as('held'))
    .where('member_id', '=', memberId)
    .where('product_id', '=', productId)
    .where('funded_by', '=', 'cash')
    .where('status', '=', 'holding')
    .executeTakeFirstOrThrow();
  return row.held;
}

export async function findHolding(db: Executor, id: string, forUpdate = false): Promise<HoldingRow | undefined> {
  let q = t(db).selectFrom('invest_holdings').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listHoldings(
  db: Executor,
  filter: { memberId?: string | undefined; productId?: string | undefined; active?: boolean },
  offset: number,
  limit: number,
) {
  let q = t(db).selectFrom('invest_holdings');
  if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
  if (filter.productId) q = q.where('product_id', '=', filter.productId);
  if (filter.active) q = q.where('status', '=', 'holding');
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    q.select(count.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const productsByIds = async (db: Executor, ids: string[]) =>
  ids.length ? t(db).selectFrom('invest_products').selectAll().where('id', 'in', ids).execute() : [];

export const updateHolding = (
  db: Executor,
  id: string,
  changes: Partial<Omit<HoldingsTable, 'id' | 'accrued_e8' | 'credited'>> & { updated_at: Date },
) => t(db).updateTable('invest_holdings').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function listOrders(
  db: Executor,
  filter: { productId?: string | undefined; memberId?: string | undefined },
  offset: number,
  limit: number,
) {
  let q = t(db).selectFrom('invest_orders as o').innerJoin('invest_products as p', 'p.id', 'o.product_id');
  if (filter.productId) q = q.where('o.product_id', '=', filter.productId);
  if (filter.memberId) q = q.where('o.member_id', '=', filter.memberId);
  const [items, total] = await Promise.all([
    q.selectAll('o').select('p.name as product_name').orderBy('o.created_at', 'desc').offset(offset).limit(limit).execute(),
    q.select(count.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ── returns ──────────────────────────────────────────────────────────────────────────────────
export async function declareYield(db: Executor, row: Omit<YieldsTable, 'credited_at'>): Promise<boolean> {
  const { rows } = await sql`
    INSERT INTO invest_demand_yields (product_id, day, per_10k_units, declared_by, declared_at)
    VALUES (${row.product_id}, ${row.day}, ${row.per_10k_units}, ${row.declared_by}, ${row.declared_at})
    ON CONFLICT (product_id, day) DO UPDATE SET per_10k_units = EXCLUDED.per_10k_units, declared_by = EXCLUDED.declared_by,
      declared_at = EXCLUDED.declared_at
    WHERE invest_demand_yields.credited_at IS NULL
    RETURNING 1`.execute(db);
  return rows.length === 1;
}

export const yieldsToCredit = (db: Executor, upTo: string) =>
  t(db).selectFrom('invest_demand_yields').selectAll().where('credited_at', 'is', null).where('day', '<=', upTo).orderBy('day').execute();

export const markYieldCredited = (db: Executor, productId: string, day: string, at: Date) =>
  t(db).updateTable('invest_demand_yields').set({ credited_at: at }).where('product_id', '=', productId).where('day', '=', day).execute();

export async function listYields(db: Executor, productId: string, limit: number) {
  return t(db)
    .selectFrom('invest_demand_yields')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('day', 'desc')
    .limit(limit)
    .execute();
}

export interface AccrualRow {
  id: string;
  member_id: string;
  funded_by: 'cash' | 'experience';
  delta: bigint;
}

/**
 * Accrues one day's 万份收益 for the next batch of a product's holdings (in id order after
 * `afterId`) and returns what each should be credited now. Set-based and exact: accrued_e8 grows by
 * principal × units; credited becomes floor(accrued_e8 / 10^8); the delta is what moves today.
 * Holdings already accrued for the day are skipped, so a re-run after a crash continues, never repeats.
 */
export async function accrueBatch(
  db: Executor,
  productId: string,
  day: string,
  units: bigint,
  afterId: string,
  limit: number,
  at: Date,
): Promise<AccrualRow[]> {
  const { rows } = await sql<AccrualRow>`
    WITH batch AS (
      SELECT id, credited AS credited_before FROM invest_holdings
      WHERE product_id = ${productId} AND status = 'holding' AND value_date <= ${day}::date
        AND (last_accrued_on IS NULL OR last_accrued_on < ${day}::date) AND id > ${afterId}::uuid
        AND (expires_at IS NULL OR expires_at > ${at})
      ORDER BY id LIMIT ${limit} FOR UPDATE
    )
    UPDATE invest_holdings h SET
      accrued_e8 = h.accrued_e8 + h.principal::numeric * ${units}::numeric,
      credited = floor((h.accrued_e8 + h.principal::numeric * ${units}::numeric) / 100000000)::bigint,
      last_accrued_on = ${day}::date,
      updated_at = ${at}
    FROM batch b WHERE h.id = b.id
    RETURNING h.id, h.member_id, h.funded_by, (h.credited - b.credited_before)::bigint AS delta`.execute(db);
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return rows;
}

export async function insertEarnings(
  db: Executor,
  day: string,
  rows: Array<{ holdingId: string; memberId: string; amount: bigint }>,
): Promise<void> {
  if (!rows.length) return;
  await sql`
    INSERT INTO invest_earnings (holding_id, member_id, day, amount)
    SELECT h, m, ${day}::date, a FROM unnest(${rows.map((r) => r.holdingId)}::uuid[], ${rows.map((r) => r.memberId)}::uuid[], ${rows.map((r) => String(r.amount))}::bigint[]) AS x(h, m, a)
    ON CONFLICT DO NOTHING`.execute(db);
}

export async function memberEarnings(db: Executor, memberId: string, days: number) {
  const { rows } = await sql<{ day: string; amount: bigint }>`
    SELECT day, SUM(amount)::bigint AS amount FROM invest_earnings WHERE member_id = ${memberId}
    GROUP BY day ORDER BY day DESC LIMIT ${days}`.execute(db);
  return rows;
}

export const declareFixedReturn = (db: Executor, row: FixedReturnsTable) =>
  t(db)
    .insertInto('invest_fixed_returns')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['product_id', 'maturity_date'])
        .doUpdateSet({ actual_bps: row.actual_bps, declared_by: row.declared_by, declared_at: row.declared_at }),
    )
    .execute();

/** Fixed-term holdings due on or before `day` whose issuer has declared the actual return. */
export async function maturingWithReturn(db: Executor, day: string, limit: number) {
  const { rows } = await sql<HoldingRow & { actual_bps: number; issuer_product: string }>`
    SELECT h.*, r.actual_bps FROM invest_holdings h
    JOIN invest_fixed_returns r ON r.product_id = h.product_id AND r.maturity_date = h.maturity_date
    WHERE h.type = 'fixed' AND h.status = 'holding' AND h.maturity_date <= ${day}::date
    ORDER BY h.maturity_date, h.id LIMIT ${limit} FOR UPDATE OF h SKIP LOCKED`.execute(db);
  return rows;
}

export async function maturingWithoutReturn(db: Executor, day: string) {
  const { rows } = await sql<{ product_id: string; maturity_date: string; holdings: bigint }>`
    SELECT h.product_id, h.maturity_date, COUNT(*)::bigint AS holdings FROM invest_holdings h
    LEFT JOIN invest_fixed_returns r ON r.product_id = h.product_id AND r.maturity_date = h.maturity_date
    WHERE h.type = 'fixed' AND h.status = 'holding' AND h.maturity_date <= ${day}::date AND r.product_id IS NULL
    GROUP BY 1, 2 ORDER BY 2`.execute(db);
  return rows;
}

// ── redemptions ──────────────────────────────────────────────────────────────────────────────
export const insertRedemption = (db: Executor, row: Omit<RedemptionsTable, 'id' | 'settled_at'>) =>
  t(db).insertInto('invest_redemptions').values(row).returningAll().executeTakeFirstOrThrow();

export async function t0RedeemedSince(db: Executor, memberId: string, productId: string, since: Date): Promise<bigint> {
  const { rows } = await sql<{ used: bigint }>`
    SELECT COALESCE(SUM(r.amount), 0)::bigint AS used FROM invest_redemptions r JOIN invest_holdings h ON h.id = r.holding_id
    WHERE r.member_id = ${memberId} AND h.product_id = ${productId} AND r.speed = 't0' AND r.created_at >= ${since}`.execute(db);
  return rows[0]!.used;
}

export const dueRedemptions = (db: Executor, day: string, limit: number) =>
  t(db)
    .selectFrom('invest_redemptions')
    .selectAll()
    .where('status', '=', 'pending')
    .where('settle_on', '<=', day)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const settleRedemption = (db: Executor, id: string, at: Date) =>
  t(db).updateTable('invest_redemptions').set({ status: 'settled', settled_at: at }).where('id', '=', id).execute();

export const redemptionsOf = (db: Executor, holdingId: string) =>
  t(db).selectFrom('invest_redemptions').selectAll().where('holding_id', '=', holdingId).orderBy('created_at', 'desc').execute();

// ── experience money ─────────────────────────────────────────────────────────────────────────
export const insertGrant = (db: Executor, row: Omit<GrantsTable, 'id'>) =>
  t(db)
    .insertInto('invest_experience_grants')
    .values(row)
    .onConflict((oc) => oc.column('grant_key').doNothing())
    .returningAll()
    .executeTakeFirst();

export const activeGrants = (db: Executor, memberId: string, now: Date) =>
  t(db)
    .selectFrom('invest_experience_grants')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('status', '=', 'active')
    .where('remaining', '>', 0n)
    .where('expires_at', '>', now)
    .orderBy('expires_at')
    .forUpdate()
    .execute();

export const setGrantRemaining = (db: Executor, id: string, remaining: bigint) =>
  t(db).updateTable('invest_experience_grants').set({ remaining }).where('id', '=', id).execute();

export const expiredGrants = (db: Executor, now: Date, limit: number) =>
  t(db)
    .selectFrom('invest_experience_grants')
    .selectAll()
    .where('status', '=', 'active')
    .where('expires_at', '<=', now)
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const markGrantExpired = (db: Executor, id: string) =>
  t(db).updateTable('invest_experience_grants').set({ status: 'expired', remaining: 0n }).where('id', '=', id).execute();

export const expiredExperienceHoldings = (db: Executor, now: Date, limit: number) =>
  t(db)
    .selectFrom('invest_holdings')
    .selectAll()
    .where('funded_by', '=', 'experience')
    .where('status', '=', 'holding')
    .where('expires_at', '<=', now)
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

// ── disclosure ───────────────────────────────────────────────────────────────────────────────
export async function disclosureFigures(db: Executor) {
  const { rows } = await sql<{ type: 'demand' | 'fixed'; purchases: bigint; purchase_count: bigint; outstanding: bigint; holders: bigint }>`
    SELECT p.type,
      COALESCE((SELECT SUM(o.amount) FROM invest_orders o JOIN invest_products q ON q.id = o.product_id WHERE q.type = p.type AND o.funded_by = 'cash'), 0)::bigint AS purchases,
      (SELECT COUNT(*) FROM invest_orders o JOIN invest_products q ON q.id = o.product_id WHERE q.type = p.type AND o.funded_by = 'cash')::bigint AS purchase_count,
      COALESCE((SELECT SUM(h.principal) FROM invest_holdings h WHERE h.type = p.type AND h.status = 'holding' AND h.funded_by = 'cash'), 0)::bigint AS outstanding,
      (SELECT COUNT(DISTINCT h.member_id) FROM invest_holdings h WHERE h.type = p.type AND h.status = 'holding' AND h.funded_by = 'cash' AND h.principal > 0)::bigint AS holders
    FROM (VALUES ('demand'), ('fixed')) AS p(type)`.execute(db);
  const { rows: totals } = await sql<{ investors_cumulative: bigint; investors_current: bigint }>`
    SELECT (SELECT COUNT(DISTINCT member_id) FROM invest_orders WHERE funded_by = 'cash')::bigint AS investors_cumulative,
           (SELECT COUNT(DISTINCT member_id) FROM invest_holdings WHERE status = 'holding' AND funded_by = 'cash' AND principal > 0)::bigint AS investors_current`.execute(
    db,
  );
  return { byType: rows, totals: totals[0]! };
}

export const insertSnapshot = (db: Executor, row: SnapshotsTable) =>
  t(db)
    .insertInto('invest_disclosure_snapshots')
    .values({ ...row, figures: JSON.stringify(row.figures) })
    .onConflict((oc) => oc.column('month').doNothing())
    .returning('month')
    .executeTakeFirst();

export const listSnapshots = (db: Executor, limit: number) =>
  t(db).selectFrom('invest_disclosure_snapshots').selectAll().orderBy('month', 'desc').limit(limit).execute();

// ── issuer API keys ──────────────────────────────────────────────────────────────────────────
export async function upsertIssuerKey(
  db: Executor,
  row: { issuer_id: string; key_id: string; secret_enc: string; created_at: Date; created_by: string },
) {
  await sql`
    INSERT INTO invest_issuer_api_keys (issuer_id, key_id, secret_enc, created_at, created_by)
    VALUES (${row.issuer_id}, ${row.key_id}, ${row.secret_enc}, ${row.created_at}, ${row.created_by})
    ON CONFLICT (issuer_id) DO UPDATE SET key_id = EXCLUDED.key_id, secret_enc = EXCLUDED.secret_enc,
      created_at = EXCLUDED.created_at, created_by = EXCLUDED.created_by`.execute(db);
}

export async function issuerKey(db: Executor, keyId: string) {
  const { rows } = await sql<{ issuer_id: string; secret_enc: string; name: string }>`
    SELECT k.issuer_id, k.secret_enc, i.name FROM invest_issuer_api_keys k JOIN invest_issuers i ON i.id = k.issuer_id
    WHERE k.key_id = ${keyId}`.execute(db);
  return rows[0];
}
