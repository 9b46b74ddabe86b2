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
  context: Record<string, unknown>;
  decided_at: Date;
}
type RiskTables = { risk_decisions: RiskDecisionsTable };
export type RiskDecisionRow = Selectable<RiskDecisionsTable>;

const t = (db: Executor) => db.withTables<RiskTables>();

/** Inserts the decision unless one for the same (use, ref) exists; returns whichever is stored. */
export async function recordDecision(db: Executor, row: Omit<RiskDecisionsTable, 'id'>): Promise<RiskDecisionRow> {
  const inserted = await t(db)
    .insertInto('risk_decisions')
    .values({ ...row, reasons: JSON.stringify(row.reasons) as never, context: JSON.stringify(row.context) as never })
    .onConflict((oc) => oc.columns(['use', 'ref']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  return t(db).selectFrom('risk_decisions').selectAll().where('use', '=', row.use).where('ref', '=', row.ref).executeTakeFirstOrThrow();
}

export async function findDecision(db: Executor, use: string, ref: string): Promise<RiskDecisionRow | undefined> {
  return t(db).selectFrom('risk_decisions').selectAll().where('use', '=', use).where('ref', '=', ref).executeTakeFirst();
}
