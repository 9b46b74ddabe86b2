import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type RiskDeps } from './deps.js';
import { LINK_KINDS, RING_MIN_SIZE, rebuildRings } from './links.js';
import { versionsInForce } from './rule-versions.js';
import { evaluate } from './rules.js';
import { signalsOf } from './signals.js';

const DAY = 86_400_000;

/** The member's score, decision and reasons under the version in force, now; plus links and timeline. */
export async function memberRisk(deps: RiskDeps, memberId: string) {
  const now = deps.clock.now();
  const { active } = await versionsInForce(deps.db);
  const signals = await signalsOf(deps.db, memberId, now, {});
  const outcome = active
    ? evaluate(active.rules, active.thresholds, signals, 'reward_grant')
    : { score: 0, decision: 'allow' as const, reasons: [] };
  const cleared = (await sql<{ reason: string }>`SELECT reason FROM risk_member_whitelist WHERE member_id = ${memberId}`.execute(deps.db))
    .rows[0];
  const links = await sql<{ other: string; kind: string; weight: number; last_seen: Date }>`
    SELECT CASE WHEN member_a = ${memberId}::uuid THEN member_b ELSE member_a END AS other, kind, weight, last_seen
    FROM risk_links WHERE member_a = ${memberId}::uuid OR member_b = ${memberId}::uuid ORDER BY last_seen DESC LIMIT 200
  `.execute(deps.db);
  const decisions = await sql<{ id: string; use: string; ref: string; decision: string; score: number; decided_at: Date }>`
    SELECT id, use, ref, decision, score, decided_at FROM risk_decisions WHERE member_id = ${memberId} ORDER BY decided_at DESC LIMIT 50
  `.execute(deps.db);
  const facts = await sql<{ kind: string; amount: bigint | null; at: Date }>`
    SELECT kind, amount, at FROM risk_facts WHERE member_id = ${memberId} ORDER BY at DESC LIMIT 50
  `.execute(deps.db);
  const ring = (await sql<{ ring_id: string }>`SELECT ring_id FROM risk_ring_members WHERE member_id = ${memberId}`.execute(deps.db))
    .rows[0];
  const household = (
    await sql<{ id: string; name: string }>`
      SELECT h.id, h.name FROM risk_household_members m JOIN risk_households h ON h.id = m.household_id WHERE m.member_id = ${memberId}`.execute(
      deps.db,
    )
  ).rows[0];
  return {
    memberId,
    score: outcome.score,
    decision: cleared ? ('allow' as const) : outcome.decision,
    reasons: cleared
      ? [{ rule: 'whitelisted', weight: 0, evidence: `风控人工放行：${cleared.reason}` }, ...outcome.reasons]
      : outcome.reasons,
    ruleSet: active ? `rules-v${active.version}` : 'allow-all',
    signals,
    ringId: ring?.ring_id ?? null,
    household: household ?? null,
    links: links.rows.map((l) => ({ memberId: l.other, kind: l.kind, weight: l.weight, lastSeen: l.last_seen })),
    timeline: [
      ...decisions.rows.map((d) => ({ at: d.decided_at, kind: `decision:${d.use}`, detail: `${d.decision} (${d.score}) ${d.ref}` })),
      ...facts.rows.map((f) => ({ at: f.at, kind: f.kind, detail: f.amount === null ? '' : String(f.amount) })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime()),
  };
}

/** Rings of at least three members, largest first, each with its members and the typed links inside it. */
export async function listRings(deps: RiskDeps, query: { limit: number; ringId?: string | undefined }) {
  const now = deps.clock.now();
  const rings = await sql<{ ring_id: string; members: string[] }>`
    SELECT ring_id, array_agg(member_id::text ORDER BY member_id) AS members FROM risk_ring_members
    ${query.ringId ? sql`WHERE ring_id = ${query.ringId}` : sql``}
    GROUP BY ring_id HAVING count(*) >= ${RING_MIN_SIZE} ORDER BY count(*) DESC, ring_id LIMIT ${query.limit}
  `.execute(deps.db);
  const items = [];
  for (const r of rings.rows) {
    const links = await sql<{ a: string; b: string; kind: string; weight: number }>`
      SELECT member_a AS a, member_b AS b, kind, weight FROM risk_links l
      WHERE member_a = ANY(${r.members}::uuid[]) AND member_b = ANY(${r.members}::uuid[])
        AND l.last_seen >= ${new Date(now.getTime() - 3650 * DAY)}
      LIMIT 2000`.execute(deps.db);
    const kinds = [...new Set(links.rows.map((l) => l.kind))];
    items.push({ id: r.ring_id, size: r.members.length, members: r.members, kinds, links: links.rows });
  }
  return { items, linkKinds: Object.keys(LINK_KINDS) };
}

/** A risk officer declares members one household (family, flatmates): links among them stop counting. */
export async function createHousehold(
  deps: RiskDeps,
  op: OperatorPrincipal,
  input: { name: string; reason: string; memberIds: string[] },
  ip: string,
) {
  const now = deps.clock.now();
  if (new Set(input.memberIds).size !== input.memberIds.length) throw new AppError('VALIDATION_FAILED');
  return transact(deps.db, async (trx) => {
    const taken = await sql<{
      member_id: string;
    }>`SELECT member_id FROM risk_household_members WHERE member_id = ANY(${input.memberIds}::uuid[])`.execute(trx);
    if (taken.rows.length) throw new AppError('RISK_HOUSEHOLD_CONFLICT');
    const row = (
      await sql<{ id: string }>`
        INSERT INTO risk_households (name, reason, created_by, created_at) VALUES (${input.name}, ${input.reason}, ${op.operatorId}, ${now}) RETURNING id`.execute(
        trx,
      )
    ).rows[0]!;
    await sql`
      INSERT INTO risk_household_members (member_id, household_id) SELECT unnest(${input.memberIds}::uuid[]), ${row.id}::uuid
    `.execute(trx);
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'risk.household_whitelisted',
      target: { type: 'risk_household', id: row.id },
      after: { name: input.name, reason: input.reason, members: input.memberIds.length },
      ip,
    });
    const rebuilt = await rebuildRings(trx, now);
    return { id: row.id, name: input.name, reason: input.reason, memberIds: input.memberIds, rings: rebuilt.rings };
  });
}

/** Blocked and reviewed grants, the money they would have paid, and reviews reversed as false positives (30 days). */
export async function dashboard(db: Executor, now: Date) {
  const since = new Date(now.getTime() - 30 * DAY);
  const byUse = await sql<{ use: string; decision: string; n: number; amount: bigint | null }>`
    SELECT use, decision, count(*)::int AS n, sum(amount) AS amount FROM risk_decisions WHERE decided_at >= ${since}
    GROUP BY use, decision ORDER BY use, decision`.execute(db);
  const reviews = await sql<{ status: string; n: number; amount: bigint | null }>`
    SELECT status, count(*)::int AS n, sum(amount) AS amount FROM risk_reviews WHERE created_at >= ${since} GROUP BY status`.execute(db);
  const rings = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT ring_id FROM risk_ring_members GROUP BY ring_id HAVING count(*) >= ${RING_MIN_SIZE}) r`.execute(
    db,
  );
  const openCases = await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_cases WHERE status <> 'closed'`.execute(db);
  const saved =
    byUse.rows.filter((r) => r.decision === 'deny' && r.use !== 'login').reduce((s, r) => s + (r.amount ?? 0n), 0n) +
    (reviews.rows.find((r) => r.status === 'confirmed')?.amount ?? 0n);
  return {
    since,
    decisions: byUse.rows.map((r) => ({ use: r.use, decision: r.decision, count: r.n, amount: String(r.amount ?? 0n) })),
    reviews: reviews.rows.map((r) => ({ status: r.status, count: r.n })),
    moneySaved: String(saved),
    falsePositiveReversals: reviews.rows.find((r) => r.status === 'whitelisted')?.n ?? 0,
    rings: rings.rows[0]!.n,
    openCases: openCases.rows[0]!.n,
  };
}
