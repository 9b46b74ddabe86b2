import { sql } from 'kysely';
import type { Tx } from '../../platform/db/connect.js';
import type { RiskDeps } from './deps.js';
import type { RiskDecision, RiskReason, RiskRuleSet, RiskSubject } from './index.js';
import { subnets } from './links.js';
import * as repo from './repo.js';
import { versionsInForce } from './rule-versions.js';
import { evaluate, type Evaluation } from './rules.js';
import { readMember } from './signals.js';

export const presentDecision = (row: repo.RiskDecisionRow): RiskDecision => ({
  id: row.id,
  decision: row.decision,
  score: row.score,
  reasons: row.reasons,
  ruleSet: row.rule_set,
});

const contextText = (subject: RiskSubject, key: string): string | null => {
  const v = subject.context?.[key];
  return typeof v === 'string' && v ? v : null;
};

/**
 * One decision per (use, ref), in the caller's transaction. The version in force decides; a
 * shadow version, if any, is evaluated on the same signals and only logged next to it. A cleared
 * (whitelisted) member is allowed with the clearance as the reason. A `review` opens a review.
 * Allowed reward grants are what claim-and-leave reads later (no second write).
 */
export async function assess(deps: RiskDeps, trx: Tx, subject: RiskSubject, fixed?: RiskRuleSet): Promise<RiskDecision> {
  const earlier = await repo.findDecision(trx, subject.use, subject.ref);
  if (earlier) return presentDecision(earlier);
  const now = deps.clock.now();
  let outcome: Evaluation;
  let ruleSet: string;
  let ruleVersion: number | null = null;
  let shadow: Record<string, unknown> | null = null;
  let cleared: string | null;
  if (fixed) {
    cleared =
      (await sql<{ reason: string }>`SELECT reason FROM risk_member_whitelist WHERE member_id = ${subject.memberId}`.execute(trx)).rows[0]
        ?.reason ?? null;
    outcome = await fixed.evaluate(trx, subject);
    ruleSet = fixed.name;
  } else {
    const deviceId = contextText(subject, 'deviceId');
    const ip = contextText(subject, 'ip');
    const nets = ip ? subnets(ip) : null;
    // One call: signals, the rule versions in force and the member's clearance.
    const reading = await readMember(trx, subject.memberId, now, {
      deviceHash: deviceId ? deps.vault.blindIndex('risk_device', deviceId) : null,
      regionHash: nets ? deps.vault.blindIndex('risk_region', nets.region) : null,
      amount: subject.amount ?? null,
    });
    cleared = reading.cleared;
    const { active, shadow: shadowVersion } = await versionsInForce(trx, reading.heads);
    const signals = reading.signals;
    outcome = active ? evaluate(active.rules, active.thresholds, signals, subject.use) : { score: 0, decision: 'allow', reasons: [] };
    ruleSet = active ? `rules-v${active.version}` : 'allow-all';
    ruleVersion = active?.version ?? null;
    if (shadowVersion) {
      const s = evaluate(shadowVersion.rules, shadowVersion.thresholds, signals, subject.use);
      shadow = { version: shadowVersion.version, decision: cleared ? 'allow' : s.decision, score: s.score, reasons: s.reasons };
    }
  }
  if (cleared) {
    const reasons: RiskReason[] = [{ rule: 'whitelisted', weight: 0, evidence: `风控人工放行：${cleared}` }, ...outcome.reasons];
    outcome = { score: outcome.score, decision: 'allow', reasons };
  }
  const { row, inserted } = await repo.recordDecision(trx, {
    use: subject.use,
    ref: subject.ref,
    member_id: subject.memberId,
    amount: subject.amount ?? null,
    decision: outcome.decision,
    score: outcome.score,
    reasons: outcome.reasons,
    rule_set: ruleSet,
    rule_version: ruleVersion,
    shadow,
    context: subject.context ?? {},
    decided_at: now,
  });
  if (inserted) {
    if (outcome.decision === 'review') {
      await sql`
        INSERT INTO risk_reviews (decision_id, member_id, use, ref, amount, status, created_at)
        VALUES (${row.id}, ${subject.memberId}, ${subject.use}, ${subject.ref}, ${subject.amount ?? null}, 'open', ${now})
        ON CONFLICT (decision_id) DO NOTHING
      `.execute(trx);
    }
  }
  return presentDecision(row);
}
