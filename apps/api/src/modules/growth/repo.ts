import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { CampaignCondition, CampaignEffect } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';

type Json<T> = ColumnType<T, string, string>;
export interface StoredTier {
  minAmount: string;
  effects: CampaignEffect[];
}

/** Growth's own tables (ARCHITECTURE.md, invariant 1). */
interface CampaignsTable {
  id: Generated<string>;
  name: string;
  trigger: string;
  conditions: Json<CampaignCondition[]>;
  effects: Json<CampaignEffect[]>;
  tiers: Json<StoredTier[]>;
  budget_money: bigint | null;
  budget_count: number | null;
  daily_money: bigint | null;
  daily_count: number | null;
  per_member_limit: number | null;
  starts_at: Date;
  ends_at: Date;
  status: 'active' | 'paused' | 'exhausted';
  spent_money: Generated<bigint>;
  granted_count: Generated<number>;
  created_by: string;
  created_at: Date;
}
interface CampaignDaysTable {
  campaign_id: string;
  day: string;
  spent_money: Generated<bigint>;
  count: Generated<number>;
}
interface MemberCountsTable {
  campaign_id: string;
  member_id: string;
  count: number;
}
export type GrantStatus = 'granted' | 'review' | 'denied' | 'member_limit' | 'budget_exhausted';
interface GrantsTable {
  id: Generated<string>;
  campaign_id: string;
  event_id: string;
  member_id: string;
  status: GrantStatus;
  tier: number | null;
  cost: bigint;
  risk_decision_id: string | null;
  risk_decision: 'allow' | 'review' | 'deny' | null;
  risk_score: number | null;
  risk_rule_set: string | null;
  effects: Json<Array<{ kind: string; summary: string }>>;
  created_at: Date;
}
interface EventsTable {
  id: string;
  name: string;
  member_id: string;
  payload: Json<Record<string, unknown>>;
  occurred_at: Date;
}
interface BadgesTable {
  member_id: string;
  code: string;
  name: string;
  campaign_id: string;
  granted_at: Date;
}
interface CouponsTable {
  id: Generated<string>;
  member_id: string;
  campaign_id: string;
  grant_id: string;
  effect_index: number;
  type: 'rate_boost' | 'cash_back';
  boost_bps: number | null;
  days: number | null;
  min_amount: bigint | null;
  max_cost: bigint | null;
  threshold: bigint | null;
  amount: bigint | null;
  product_ids: string[];
  product_types: Array<'demand' | 'fixed'>;
  status: 'available' | 'used';
  expires_at: Date;
  used_at: Date | null;
  used_order_id: string | null;
  paid: bigint | null;
  created_at: Date;
}
type GrowthTables = {
  growth_campaigns: CampaignsTable;
  growth_campaign_days: CampaignDaysTable;
  growth_member_counts: MemberCountsTable;
  growth_grants: GrantsTable;
  growth_events: EventsTable;
  growth_badges: BadgesTable;
  growth_coupons: CouponsTable;
};
export type CampaignRow = Selectable<CampaignsTable>;
export type GrantRow = Selectable<GrantsTable>;
export type CouponRow = Selectable<CouponsTable>;
export type EventRow = Selectable<EventsTable>;

const t = (db: Executor) => db.withTables<GrowthTables>();

export async function insertCampaign(
  db: Executor,
  row: Omit<CampaignsTable, 'id' | 'spent_money' | 'granted_count' | 'conditions' | 'effects' | 'tiers'> & {
    conditions: CampaignCondition[];
    effects: CampaignEffect[];
    tiers: StoredTier[];
  },
): Promise<CampaignRow> {
  return t(db)
    .insertInto('growth_campaigns')
    .values({ ...row, conditions: JSON.stringify(row.conditions), effects: JSON.stringify(row.effects), tiers: JSON.stringify(row.tiers) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  return t(db).selectFrom('growth_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCampaigns(db: Executor, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    t(db).selectFrom('growth_campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    t(db)
      .selectFrom('growth_campaigns')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Campaigns that may grant for this trigger at `at` (active, inside their window). */
export async function runningCampaigns(db: Executor, trigger: string, at: Date): Promise<CampaignRow[]> {
  return t(db)
    .selectFrom('growth_campaigns')
    .selectAll()
    .where('trigger', '=', trigger)
    .where('status', '=', 'active')
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
}

export async function setStatus(db: Executor, id: string, from: CampaignRow['status'], to: CampaignRow['status']) {
  return t(db)
    .updateTable('growth_campaigns')
    .set({ status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes `cost` fen and one grant from the total budget in one conditional statement: it succeeds
 * only while the campaign is active and both totals stay within budget (the row lock orders
 * concurrent takers; the loser re-checks against the winner's committed numbers).
 */
export async function takeTotal(db: Executor, id: string, cost: bigint) {
  return t(db)
    .updateTable('growth_campaigns')
    .set((eb) => ({ spent_money: eb('spent_money', '+', cost), granted_count: eb('granted_count', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('budget_money', 'is', null), eb(eb('spent_money', '+', cost), '<=', eb.ref('budget_money'))]))
    .where((eb) => eb.or([eb('budget_count', 'is', null), eb('granted_count', '<', eb.ref('budget_count'))]))
    .returning(['spent_money', 'granted_count', 'budget_money', 'budget_count'])
    .executeTakeFirst();
}

/** The same for the Shanghai day; the upsert's WHERE refuses an update that would pass the daily budget. */
export async function takeDay(db: Executor, id: string, day: string, cost: bigint, dailyMoney: bigint | null, dailyCount: number | null) {
  if ((dailyMoney !== null && cost > dailyMoney) || dailyCount === 0) return false;
  const row = await sql<{ count: number }>`
    INSERT INTO growth_campaign_days AS d (campaign_id, day, spent_money, count) VALUES (${id}, ${day}, ${cost}, 1)
    ON CONFLICT (campaign_id, day) DO UPDATE SET spent_money = d.spent_money + EXCLUDED.spent_money, count = d.count + 1
    WHERE (${dailyMoney}::bigint IS NULL OR d.spent_money + EXCLUDED.spent_money <= ${dailyMoney}::bigint)
      AND (${dailyCount}::int IS NULL OR d.count < ${dailyCount}::int)
    RETURNING d.count`.execute(db);
  return row.rows.length === 1;
}

/** One more grant for the member unless the per-member limit is reached (same conditional upsert). */
export async function takeMember(db: Executor, id: string, memberId: string, limit: number) {
  const row = await sql<{ count: number }>`
    INSERT INTO growth_member_counts AS m (campaign_id, member_id, count) VALUES (${id}, ${memberId}, 1)
    ON CONFLICT (campaign_id, member_id) DO UPDATE SET count = m.count + 1 WHERE m.count < ${limit}
    RETURNING m.count`.execute(db);
  return row.rows.length === 1;
}

export async function giveBackMember(db: Executor, id: string, memberId: string) {
  await t(db)
    .updateTable('growth_member_counts')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('campaign_id', '=', id)
    .where('member_id', '=', memberId)
    .execute();
}

export async function markExhausted(db: Executor, id: string) {
  await t(db).updateTable('growth_campaigns').set({ status: 'exhausted' }).where('id', '=', id).where('status', '=', 'active').execute();
}

export async function findGrant(db: Executor, campaignId: string, eventId: string) {
  return t(db)
    .selectFrom('growth_grants')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

/** Claims (campaign, event): only the first caller gets a row back. */
export async function claimGrant(db: Executor, row: Omit<GrantsTable, 'id' | 'effects'>): Promise<GrantRow | undefined> {
  return t(db)
    .insertInto('growth_grants')
    .values({ ...row, effects: '[]' })
    .onConflict((oc) => oc.columns(['campaign_id', 'event_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function finishGrant(db: Executor, id: string, status: GrantStatus, effects: Array<{ kind: string; summary: string }>) {
  await t(db)
    .updateTable('growth_grants')
    .set({ status, effects: JSON.stringify(effects) })
    .where('id', '=', id)
    .execute();
}

export async function listGrants(db: Executor, campaignId: string, status: GrantStatus | undefined, offset: number, limit: number) {
  let q = t(db).selectFrom('growth_grants').where('campaign_id', '=', campaignId);
  if (status) q = q.where('status', '=', status);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function grantCounts(db: Executor, campaignId: string) {
  const rows = await t(db)
    .selectFrom('growth_grants')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export async function campaignDays(db: Executor, campaignId: string) {
  return t(db).selectFrom('growth_campaign_days').selectAll().where('campaign_id', '=', campaignId).orderBy('day').execute();
}

export async function recordEvent(
  db: Executor,
  row: { id: string; name: string; member_id: string; payload: Record<string, unknown>; occurred_at: Date },
) {
  await t(db)
    .insertInto('growth_events')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Whether the member had an event of this name before this one. */
export async function hadEarlierEvent(db: Executor, memberId: string, name: string, eventId: string, before: Date) {
  const row = await t(db)
    .selectFrom('growth_events')
    .select('id')
    .where('member_id', '=', memberId)
    .where('name', '=', name)
    .where('id', '!=', eventId)
    .where('occurred_at', '<=', before)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function registrationOf(db: Executor, memberId: string) {
  return t(db)
    .selectFrom('growth_events')
    .select('payload')
    .where('member_id', '=', memberId)
    .where('name', '=', 'member.registered')
    .limit(1)
    .executeTakeFirst();
}

export async function eventsBetween(db: Executor, name: string, from: Date, to: Date, limit: number) {
  return t(db)
    .selectFrom('growth_events')
    .selectAll()
    .where('name', '=', name)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<=', to)
    .orderBy('occurred_at')
    .limit(limit)
    .execute();
}

export async function insertBadge(db: Executor, row: BadgesTable) {
  const r = await t(db)
    .insertInto('growth_badges')
    .values(row)
    .onConflict((oc) => oc.columns(['member_id', 'code']).doNothing())
    .returning('code')
    .executeTakeFirst();
  return r !== undefined;
}

export async function badgesOf(db: Executor, memberId: string) {
  return t(db).selectFrom('growth_badges').selectAll().where('member_id', '=', memberId).orderBy('granted_at', 'desc').execute();
}

export async function insertCoupon(db: Executor, row: Omit<CouponsTable, 'id'>) {
  return t(db)
    .insertInto('growth_coupons')
    .values(row)
    .onConflict((oc) => oc.columns(['grant_id', 'effect_index']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findCoupon(db: Executor, id: string) {
  return t(db).selectFrom('growth_coupons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCoupons(db: Executor, memberId: string, offset: number, limit: number) {
  const q = t(db).selectFrom('growth_coupons').where('member_id', '=', memberId);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Uses the coupon once: only from 'available' and before it expires. */
export async function useCoupon(db: Executor, id: string, memberId: string, orderId: string, paid: bigint, now: Date) {
  return t(db)
    .updateTable('growth_coupons')
    .set({ status: 'used', used_at: now, used_order_id: orderId, paid })
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .where('status', '=', 'available')
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export async function giveBackDay(db: Executor, id: string, day: string, cost: bigint) {
  await t(db)
    .updateTable('growth_campaign_days')
    .set((eb) => ({ spent_money: eb('spent_money', '-', cost), count: eb('count', '-', 1) }))
    .where('campaign_id', '=', id)
    .where('day', '=', day)
    .execute();
}

export async function setRisk(
  db: Executor,
  id: string,
  d: { id: string; decision: 'allow' | 'review' | 'deny'; score: number; ruleSet: string },
) {
  await t(db)
    .updateTable('growth_grants')
    .set({ risk_decision_id: d.id, risk_decision: d.decision, risk_score: d.score, risk_rule_set: d.ruleSet })
    .where('id', '=', id)
    .execute();
}
