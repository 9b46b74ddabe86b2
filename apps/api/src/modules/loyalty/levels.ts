import type { Executor } from '../../platform/db/connect.js';
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
