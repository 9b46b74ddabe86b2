import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { fail } from '../../platform/errors.js';
import type { LoyaltyDeps } from './deps.js';
import { t, type LevelPrivileges, type LevelRuleRow } from './repo.js';

export type Privilege = 'withdrawalFeeWaiver' | 'exclusiveProducts' | 'liveSeats';

export interface LevelRule {
  level: number;
  nameZh: string;
  nameEn: string;
  minGrowth: number;
  privileges: LevelPrivileges;
}

export interface MemberLevel {
  level: number;
  nameZh: string;
  nameEn: string;
  /** The member's growth value (成长值) at the last evaluation. */
  growth: number;
  privileges: LevelPrivileges;
  /** The next level and the growth it needs; null at the top. */
  next: { level: number; nameZh: string; nameEn: string; minGrowth: number } | null;
}

export const NO_PRIVILEGES: LevelPrivileges = {
  withdrawalFeeWaiver: false,
  exclusiveProducts: false,
  liveSeats: false,
  lotteryWeight: 100,
};

const toRule = (row: LevelRuleRow): LevelRule => ({
  level: row.level,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  minGrowth: row.min_growth,
  privileges: { ...NO_PRIVILEGES, ...row.privileges },
});

export async function listRules(db: Executor): Promise<LevelRule[]> {
  const rows = await t(db).selectFrom('loyalty_level_rules').selectAll().orderBy('level').execute();
  return rows.map(toRule);
}

/** The highest level whose threshold the growth reaches (rules sorted by level, thresholds increasing). */
export function levelFor(rules: LevelRule[], growth: number): LevelRule {
  let found = rules[0] ?? { level: 0, nameZh: '普通会员', nameEn: 'Member', minGrowth: 0, privileges: NO_PRIVILEGES };
  for (const rule of rules) if (growth >= rule.minGrowth) found = rule;
  return found;
}

/** The member's level as last evaluated (level 0 until the first evaluation). */
export async function levelOf(db: Executor, memberId: string): Promise<MemberLevel> {
  const rules = await listRules(db);
  const row = await t(db)
    .selectFrom('loyalty_member_levels')
    .select(['level', 'growth'])
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  const growth = row?.growth ?? 0;
  const rule = rules.find((r) => r.level === row?.level) ?? levelFor(rules, growth);
  const next = rules.find((r) => r.level > rule.level) ?? null;
  return {
    level: rule.level,
    nameZh: rule.nameZh,
    nameEn: rule.nameEn,
    growth,
    privileges: rule.privileges,
    next: next ? { level: next.level, nameZh: next.nameZh, nameEn: next.nameEn, minGrowth: next.minGrowth } : null,
  };
}

/** Growth that counts is that of the last 365 days; tenure adds 5 a month of membership, up to 300. */
export const GROWTH_WINDOW_DAYS = 365;
export const TENURE_PER_MONTH = 5;
export const TENURE_CAP = 300;
/** Investment growth: 1 per ¥100 invested with cash. */
export const FEN_PER_INVESTMENT_GROWTH = 10_000n;
/** Activity growth per event kind, and the most a member earns from each a Shanghai day. */
export const ACTIVITY_GROWTH = { checkin: { growth: 2, perDay: 1 }, forum_reply: { growth: 1, perDay: 5 } } as const;

export async function recordGrowth(
  trx: Tx,
  input: { memberId: string; kind: 'investment' | 'activity'; growth: number; ref: string; at: Date },
): Promise<boolean> {
  if (input.growth <= 0) return false;
  const row = await t(trx)
    .insertInto('loyalty_growth_events')
    .values({ member_id: input.memberId, kind: input.kind, growth: input.growth, ref: input.ref, occurred_at: input.at })
    .onConflict((oc) => oc.column('ref').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export function tenureGrowth(registeredAt: Date | null, now: Date): number {
  if (!registeredAt) return 0;
  const months = Math.floor((now.getTime() - registeredAt.getTime()) / (30 * 86_400_000));
  return Math.max(0, Math.min(TENURE_CAP, months * TENURE_PER_MONTH));
}

export type EvaluationCause = 'event' | 'nightly' | 'rules';

/**
 * Recomputes the member's growth value and level. On events a level only goes up (a member is never
 * downgraded mid-day by a redemption); the nightly run applies downgrades too (growth older than a
 * year has dropped out). A change is kept in `loyalty_level_changes` and announced as
 * `loyalty.level_changed`.
 */
export async function evaluate(
  deps: Pick<LoyaltyDeps, 'db' | 'outbox'>,
  memberId: string,
  cause: EvaluationCause,
  now: Date,
  registeredAt: Date | null,
): Promise<{ from: number | null; to: number; growth: number }> {
  return transact(deps.db, async (trx) => {
    const inserted = await t(trx)
      .insertInto('loyalty_member_levels')
      .values({
        member_id: memberId,
        level: 0,
        growth: 0,
        investment_growth: 0,
        activity_growth: 0,
        tenure_growth: 0,
        level_since: now,
        evaluated_at: now,
      })
      .onConflict((oc) => oc.column('member_id').doNothing())
      .returning('member_id')
      .executeTakeFirst();
    const current = await t(trx)
      .selectFrom('loyalty_member_levels')
      .selectAll()
      .where('member_id', '=', memberId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const since = new Date(now.getTime() - GROWTH_WINDOW_DAYS * 86_400_000);
    const sums = await t(trx)
      .selectFrom('loyalty_growth_events')
      .select((eb) => [
        eb.fn.sum<bigint | null>(sql`CASE WHEN kind = 'investment' THEN growth ELSE 0 END`).as('investment'),
        eb.fn.sum<bigint | null>(sql`CASE WHEN kind = 'activity' THEN growth ELSE 0 END`).as('activity'),
      ])
      .where('member_id', '=', memberId)
      .where('occurred_at', '>', since)
      .where('occurred_at', '<=', now)
      .executeTakeFirst();
    const investment = Number(sums?.investment ?? 0);
    const activity = Number(sums?.activity ?? 0);
    const tenure = tenureGrowth(registeredAt, now);
    const growth = investment + activity + tenure;
    const rules = await listRules(trx);
    let target = levelFor(rules, growth).level;
    if (cause === 'event' && target < current.level && rules.some((r) => r.level === current.level)) target = current.level;
    const from = inserted ? null : current.level;
    // The first evaluation is recorded as the member's starting level.
    const changed = inserted !== undefined || target !== current.level;
    await t(trx)
      .updateTable('loyalty_member_levels')
      .set({
        level: target,
        growth,
        investment_growth: investment,
        activity_growth: activity,
        tenure_growth: tenure,
        evaluated_at: now,
        ...(target !== current.level ? { level_since: now } : {}),
      })
      .where('member_id', '=', memberId)
      .execute();
    if (changed) {
      await t(trx)
        .insertInto('loyalty_level_changes')
        .values({ member_id: memberId, from_level: from, to_level: target, growth, cause, changed_at: now })
        .execute();
      if ((from ?? 0) !== target)
        await deps.outbox.emit(trx, 'loyalty.level_changed', { memberId, from: from ?? 0, to: target, growth, cause });
    }
    return { from, to: target, growth };
  });
}

/** The nightly run: every member with a level row or growth in the window, a member per transaction. */
export async function evaluateAll(deps: Pick<LoyaltyDeps, 'db' | 'outbox' | 'registeredAt'>, now: Date) {
  let after = '00000000-0000-0000-0000-000000000000';
  let evaluated = 0;
  let upgraded = 0;
  let downgraded = 0;
  for (;;) {
    const rows = await sql<{ member_id: string }>`
      SELECT member_id FROM (
        SELECT member_id FROM loyalty_member_levels WHERE member_id > ${after}
        UNION
        SELECT DISTINCT member_id FROM loyalty_growth_events WHERE member_id > ${after}
      ) m ORDER BY member_id LIMIT 200`.execute(deps.db);
    if (rows.rows.length === 0) break;
    for (const { member_id } of rows.rows) {
      const result = await evaluate(deps, member_id, 'nightly', now, await deps.registeredAt(member_id));
      evaluated += 1;
      if (result.from !== null && result.to > result.from) upgraded += 1;
      if (result.from !== null && result.to < result.from) downgraded += 1;
    }
    after = rows.rows[rows.rows.length - 1]!.member_id;
  }
  return { evaluated, upgraded, downgraded };
}

/** The member's level with its growth components, for the level page. */
export async function memberLevelView(db: Executor, memberId: string) {
  const level = await levelOf(db, memberId);
  const row = await t(db).selectFrom('loyalty_member_levels').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  return {
    ...level,
    components: { investment: row?.investment_growth ?? 0, activity: row?.activity_growth ?? 0, tenure: row?.tenure_growth ?? 0 },
    levelSince: row?.level_since ?? null,
    rules: await listRules(db),
  };
}

/** Replaces the level rules (console; audited by the caller's use case): levels 0..n, thresholds strictly increasing from 0. */
export function validateRules(rules: LevelRule[]): void {
  const sorted = [...rules].sort((a, b) => a.level - b.level);
  sorted.forEach((r, i) => {
    if (r.level !== i) fail('LEVEL_RULES_INVALID', { reason: 'levels must be numbered 0, 1, 2 … without gaps' });
    if (i === 0 && r.minGrowth !== 0) fail('LEVEL_RULES_INVALID', { reason: 'level 0 starts at growth 0' });
    if (i > 0 && r.minGrowth <= sorted[i - 1]!.minGrowth)
      fail('LEVEL_RULES_INVALID', { reason: 'thresholds must increase with the level' });
  });
}

export async function replaceRules(trx: Tx, rules: LevelRule[], operatorId: string, now: Date): Promise<void> {
  validateRules(rules);
  await t(trx).deleteFrom('loyalty_level_rules').execute();
  await t(trx)
    .insertInto('loyalty_level_rules')
    .values(
      rules.map((r) => ({
        level: r.level,
        name_zh: r.nameZh,
        name_en: r.nameEn,
        min_growth: r.minGrowth,
        privileges: JSON.stringify(r.privileges) as never,
        updated_by: operatorId,
        updated_at: now,
      })),
    )
    .execute();
}
