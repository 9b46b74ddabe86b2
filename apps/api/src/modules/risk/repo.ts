import type { Generated, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { RiskReason } from './index.js';

interface RiskDecisionsTable {
  id: Generated<string>;
  use: string;
  ref: string;
  member_id: string;
  amount: bigint | null;
  decision: 'allow' | 'review' | 'deny';
  score: number;
  reasons: RiskReason[];
  rule_set: string;
  rule_version: number | null;
  shadow: Record<string, unknown> | null;
  context: Record<string, unknown>;
  decided_at: Date;
}
/**
 * The module's tables. Most of its SQL is set-based (`sql` templates in links.ts, signals.ts …) and
 * names only these: risk_decisions, risk_attributes, risk_links, risk_ring_members, risk_households,
 * risk_household_members, risk_facts, risk_rule_versions, risk_reviews, risk_member_whitelist,
 * risk_cases, risk_case_events, risk_closures.
 */
type RiskTables = { risk_decisions: RiskDecisionsTable };
export type RiskDecisionRow = Selectable<RiskDecisionsTable>;

const t = (db: Executor) => db.withTables<RiskTables>();

/** Inserts the decision unless one for the same (use, ref) exists; returns whichever is stored. */
export async function recordDecision(
  db: Executor,
  row: Omit<RiskDecisionsTable, 'id'>,
): Promise<{ row: RiskDecisionRow; inserted: boolean }> {
  const inserted = await t(db)
    .insertInto('risk_decisions')
    .values({
      ...row,
      reasons: JSON.stringify(row.reasons) as never,
      context: JSON.stringify(row.context) as never,
      shadow: (row.shadow ? JSON.stringify(row.shadow) : null) as never,
    })
    .onConflict((oc) => oc.columns(['use', 'ref']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, inserted: true };
  const stored = await t(db)
    .selectFrom('risk_decisions')
    .selectAll()
    .where('use', '=', row.use)
    .where('ref', '=', row.ref)
    .executeTakeFirstOrThrow();
  return { row: stored, inserted: false };
}

export async function findDecision(db: Executor, use: string, ref: string): Promise<RiskDecisionRow | undefined> {
  return t(db).selectFrom('risk_decisions').selectAll().where('use', '=', use).where('ref', '=', ref).executeTakeFirst();
}
