import type { Generated, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

/** Loyalty's own tables (ARCHITECTURE.md, invariant 1). */
interface PointAccountsTable {
  member_id: string;
  balance: number;
  shortfall: number;
  updated_at: Date;
}
export type PointEntryKind = 'earn' | 'spend' | 'expire' | 'reverse' | 'adjust';
interface PointEntriesTable {
  id: Generated<bigint>;
  member_id: string;
  kind: PointEntryKind;
  points: number;
  balance_after: number;
  source: string;
  ref: string | null;
  reason: string;
  key: string | null;
  reverses_entry_id: bigint | null;
  shortfall: number;
  operator_id: string | null;
  created_at: Date;
}
interface PointLotsTable {
  id: Generated<string>;
  member_id: string;
  entry_id: bigint;
  points: number;
  remaining: number;
  expires_at: Date | null;
  created_at: Date;
}
interface PointAllocationsTable {
  entry_id: bigint;
  lot_id: string;
  points: number;
}
export interface LevelPrivileges {
  withdrawalFeeWaiver: boolean;
  exclusiveProducts: boolean;
  liveSeats: boolean;
  /** Lottery weight in percent of the normal weight (100 = normal). */
  lotteryWeight: number;
}
interface LevelRulesTable {
  level: number;
  name_zh: string;
  name_en: string;
  min_growth: number;
  privileges: LevelPrivileges;
  updated_by: string | null;
  updated_at: Generated<Date>;
}
interface GrowthEventsTable {
  id: Generated<bigint>;
  member_id: string;
  kind: 'investment' | 'activity';
  growth: number;
  ref: string;
  occurred_at: Date;
}
interface MemberLevelsTable {
  member_id: string;
  level: number;
  growth: number;
  investment_growth: number;
  activity_growth: number;
  tenure_growth: number;
  level_since: Date;
  evaluated_at: Date;
}
interface LevelChangesTable {
  id: Generated<bigint>;
  member_id: string;
  from_level: number | null;
  to_level: number;
  growth: number;
  cause: string;
  changed_at: Date;
}
interface CheckinsTable {
  member_id: string;
  day: string;
  kind: 'daily' | 'makeup';
  streak: number;
  points: number;
  cost: number;
  created_at: Date;
}

export type LoyaltyTables = {
  loyalty_point_accounts: PointAccountsTable;
  loyalty_point_entries: PointEntriesTable;
  loyalty_point_lots: PointLotsTable;
  loyalty_point_allocations: PointAllocationsTable;
  loyalty_level_rules: LevelRulesTable;
  loyalty_growth_events: GrowthEventsTable;
  loyalty_member_levels: MemberLevelsTable;
  loyalty_level_changes: LevelChangesTable;
  loyalty_checkins: CheckinsTable;
};
export type PointEntryRow = Selectable<PointEntriesTable>;
export type PointLotRow = Selectable<PointLotsTable>;
export type LevelRuleRow = Selectable<LevelRulesTable>;
export type MemberLevelRow = Selectable<MemberLevelsTable>;
export type CheckinRow = Selectable<CheckinsTable>;

export const t = (db: Executor) => db.withTables<LoyaltyTables>();
