import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type RiskDeps } from './deps.js';
import { Rule, ruleSetProblems, Thresholds, type RuleSetBody } from './rules.js';

export interface RuleVersion {
  version: number;
  status: 'draft' | 'active' | 'shadow' | 'retired';
  rules: Rule[];
  thresholds: Thresholds;
  note: string;
  createdAt: Date;
  activatedAt: Date | null;
}

interface Row {
  version: number;
  status: RuleVersion['status'];
  rules: unknown;
  thresholds: unknown;
  note: string;
  created_at: Date;
  activated_at: Date | null;
}
const present = (r: Row): RuleVersion => ({
  version: r.version,
  status: r.status,
  // Stored versions passed the same schema when written; parsing again keeps a hand-edited row from deciding.
  rules: Rule.array().parse(r.rules),
  thresholds: Thresholds.parse(r.thresholds),
  note: r.note,
  createdAt: r.created_at,
  activatedAt: r.activated_at,
});

/** A version's rules never change after it is written (only its status does): parsed once per process. */
const parsed = new Map<number, RuleVersion>();

/** The version in force and the one in shadow (if any), read on the caller's executor. */
export async function versionsInForce(
  db: Executor,
  known?: { active: number | null; shadow: number | null },
): Promise<{ active: RuleVersion | null; shadow: RuleVersion | null }> {
  const heads = known
    ? {
        rows: [
          ...(known.active ? [{ version: known.active, status: 'active' as const }] : []),
          ...(known.shadow ? [{ version: known.shadow, status: 'shadow' as const }] : []),
        ],
      }
    : await sql<{ version: number; status: RuleVersion['status'] }>`
        SELECT version, status FROM risk_rule_versions WHERE status IN ('active', 'shadow')`.execute(db);
  const missing = heads.rows.filter((h) => !parsed.has(h.version)).map((h) => h.version);
  if (missing.length) {
    const rows = await sql<Row>`SELECT * FROM risk_rule_versions WHERE version = ANY(${missing}::int[])`.execute(db);
    for (const r of rows.rows) parsed.set(r.version, present(r));
  }
  const of = (status: 'active' | 'shadow') => {
    const head = heads.rows.find((h) => h.status === status);
    return head ? { ...parsed.get(head.version)!, status } : null;
  };
  return { active: of('active'), shadow: of('shadow') };
}

export async function listVersions(db: Executor): Promise<RuleVersion[]> {
  return (await sql<Row>`SELECT * FROM risk_rule_versions ORDER BY version DESC LIMIT 100`.execute(db)).rows.map(present);
}

async function lockedVersion(trx: Tx, version: number): Promise<Row> {
  const row = (await sql<Row>`SELECT * FROM risk_rule_versions WHERE version = ${version} FOR UPDATE`.execute(trx)).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A new draft version (validated: known signals, weights 0–100, review ≤ deny, unique rule ids). */
export async function createVersion(deps: RiskDeps, op: OperatorPrincipal, body: RuleSetBody, ip: string): Promise<RuleVersion> {
  const problem = ruleSetProblems(body);
  if (problem) throw new AppError('RISK_RULES_INVALID', { problem });
  return transact(deps.db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('risk_rule_versions'))`.execute(trx);
    const row = (
      await sql<Row>`
        INSERT INTO risk_rule_versions (version, status, rules, thresholds, note, created_by, created_at)
        SELECT COALESCE(max(version), 0) + 1, 'draft', ${JSON.stringify(body.rules)}::jsonb, ${JSON.stringify(body.thresholds)}::jsonb,
               ${body.note}, ${op.operatorId}, ${deps.clock.now()}
        FROM risk_rule_versions RETURNING *`.execute(trx)
    ).rows[0]!;
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'risk.rules_drafted',
      target: { type: 'risk_rule_version', id: String(row.version) },
      after: { rules: body.rules.length, thresholds: body.thresholds, note: body.note },
      ip,
    });
    return present(row);
  });
}

/**
 * `shadow`: the version is evaluated next to the one in force and its outcome logged, deciding
 * nothing. `active`: it decides from now on; the previous active one (and the shadow, if it is
 * this one) retires. Only drafts and the shadow move forward; retired versions stay as history.
 */
export async function setStatus(
  deps: RiskDeps,
  op: OperatorPrincipal,
  version: number,
  status: 'shadow' | 'active' | 'retired',
  ip: string,
): Promise<RuleVersion> {
  return transact(deps.db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('risk_rule_versions'))`.execute(trx);
    const current = await lockedVersion(trx, version);
    const allowed: Record<RuleVersion['status'], RuleVersion['status'][]> = {
      draft: ['shadow', 'active', 'retired'],
      shadow: ['active', 'retired'],
      active: [],
      retired: [],
    };
    if (!allowed[current.status].includes(status)) throw new AppError('RISK_RULE_STATE_CONFLICT', { from: current.status, to: status });
    const now = deps.clock.now();
    if (status === 'shadow') await sql`UPDATE risk_rule_versions SET status = 'retired' WHERE status = 'shadow'`.execute(trx);
    if (status === 'active') await sql`UPDATE risk_rule_versions SET status = 'retired' WHERE status = 'active'`.execute(trx);
    const row = (
      await sql<Row>`
        UPDATE risk_rule_versions SET status = ${status}, activated_at = CASE WHEN ${status} = 'active' THEN ${now}::timestamptz ELSE activated_at END
        WHERE version = ${version} RETURNING *`.execute(trx)
    ).rows[0]!;
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'risk.rules_status_changed',
      target: { type: 'risk_rule_version', id: String(version) },
      before: { status: current.status },
      after: { status },
      ip,
    });
    return present(row);
  });
}

/** How the shadow version's outcomes compare with the decisions taken, per use. */
export async function shadowComparison(db: Executor, version: number) {
  const rows = await sql<{ use: string; decision: string; shadow_decision: string; n: number }>`
    SELECT use, decision, shadow->>'decision' AS shadow_decision, count(*)::int AS n FROM risk_decisions
    WHERE (shadow->>'version')::int = ${version}
    GROUP BY use, decision, shadow->>'decision' ORDER BY use, decision
  `.execute(db);
  const samples = await sql<{ id: string; member_id: string; use: string; decision: string; shadow: { decision: string; score: number } }>`
    SELECT id, member_id, use, decision, shadow FROM risk_decisions
    WHERE (shadow->>'version')::int = ${version} AND shadow->>'decision' <> decision
    ORDER BY decided_at DESC LIMIT 20
  `.execute(db);
  const total = rows.rows.reduce((s, r) => s + r.n, 0);
  const differing = rows.rows.filter((r) => r.decision !== r.shadow_decision).reduce((s, r) => s + r.n, 0);
  return {
    version,
    total,
    differing,
    matrix: rows.rows.map((r) => ({ use: r.use, decision: r.decision, shadowDecision: r.shadow_decision, count: r.n })),
    samples: samples.rows.map((s) => ({
      decisionId: s.id,
      memberId: s.member_id,
      use: s.use,
      decision: s.decision,
      shadowDecision: s.shadow.decision,
      shadowScore: s.shadow.score,
    })),
  };
}
