import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type RiskDeps } from './deps.js';

export type ReviewAction = 'confirm' | 'whitelist' | 'escalate';
const REVIEW_ACTIONS = {
  confirmed: 'risk.review_confirmed',
  whitelisted: 'risk.review_whitelisted',
  escalated: 'risk.review_escalated',
} as const;
interface ReviewRow {
  id: string;
  decision_id: string;
  member_id: string;
  use: string;
  ref: string;
  amount: bigint | null;
  status: 'open' | 'escalated' | 'confirmed' | 'whitelisted';
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
  score?: number;
  reasons?: { rule: string; weight: number; evidence: string }[];
}

export const presentReview = (r: ReviewRow) => ({
  id: r.id,
  decisionId: r.decision_id,
  memberId: r.member_id,
  use: r.use,
  ref: r.ref,
  amount: r.amount === null ? null : String(r.amount),
  status: r.status,
  reason: r.reason,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
  score: r.score ?? 0,
  reasons: r.reasons ?? [],
});

export async function listReviews(db: Executor, query: { status: 'pending' | 'decided'; limit: number; before?: string | undefined }) {
  const statuses = query.status === 'pending' ? ['open', 'escalated'] : ['confirmed', 'whitelisted'];
  const rows = await sql<ReviewRow>`
    SELECT r.*, d.score, d.reasons FROM risk_reviews r JOIN risk_decisions d ON d.id = r.decision_id
    WHERE r.status = ANY(${statuses}) ${query.before ? sql`AND r.created_at < ${new Date(query.before)}` : sql``}
    ORDER BY r.created_at DESC LIMIT ${query.limit}
  `.execute(db);
  return {
    items: rows.rows.map(presentReview),
    nextBefore: rows.rows.length === query.limit ? rows.rows.at(-1)!.created_at.toISOString() : null,
  };
}

/**
 * A risk officer decides a review: `confirm` (the risk is real: refused), `whitelist` (a false
 * positive: allowed, and the member cleared for later decisions), `escalate` (to a senior, still
 * pending). A decided review answers 409; every step is audited with its reason and announced as
 * `risk.review_decided` so the waiting caller (a grant, a referral reward, a withdrawal) proceeds.
 */
export async function decideReview(
  deps: RiskDeps,
  op: OperatorPrincipal,
  id: string,
  input: { action: ReviewAction; reason: string },
  ip: string,
) {
  return transact(deps.db, async (trx) => {
    const current = (await sql<ReviewRow>`SELECT * FROM risk_reviews WHERE id = ${id} FOR UPDATE`.execute(trx)).rows[0];
    if (!current) throw new AppError('NOT_FOUND');
    if (current.status === 'confirmed' || current.status === 'whitelisted') throw new AppError('RISK_REVIEW_DECIDED');
    if (current.status === 'escalated' && input.action === 'escalate') throw new AppError('RISK_REVIEW_DECIDED');
    const now = deps.clock.now();
    const status = input.action === 'confirm' ? 'confirmed' : input.action === 'whitelist' ? 'whitelisted' : 'escalated';
    const updated = (
      await sql<ReviewRow>`
        UPDATE risk_reviews SET status = ${status}, reason = ${input.reason}, decided_by = ${op.operatorId}, decided_at = ${now}
        WHERE id = ${id} RETURNING *`.execute(trx)
    ).rows[0]!;
    if (status === 'whitelisted') {
      await sql`
        INSERT INTO risk_member_whitelist (member_id, reason, created_by, created_at) VALUES (${current.member_id}, ${input.reason}, ${op.operatorId}, ${now})
        ON CONFLICT (member_id) DO UPDATE SET reason = EXCLUDED.reason, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at
      `.execute(trx);
    }
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: REVIEW_ACTIONS[status],
      target: { type: 'risk_review', id },
      before: { status: current.status },
      after: { status, reason: input.reason, use: current.use, ref: current.ref },
      ip,
    });
    if (status !== 'escalated') {
      await deps.outbox.emit(trx, 'risk.review_decided', {
        reviewId: id,
        decisionId: current.decision_id,
        use: current.use,
        ref: current.ref,
        memberId: current.member_id,
        outcome: status === 'confirmed' ? 'deny' : 'allow',
      });
    }
    return presentReview(updated);
  });
}

/** The outcome a caller waiting on a `review` gets: pending until a risk officer decides. */
export async function reviewOutcome(db: Executor, use: string, ref: string): Promise<'pending' | 'allow' | 'deny' | null> {
  const row = (await sql<{ status: string }>`SELECT status FROM risk_reviews WHERE use = ${use} AND ref = ${ref}`.execute(db)).rows[0];
  if (!row) return null;
  return row.status === 'confirmed' ? 'deny' : row.status === 'whitelisted' ? 'allow' : 'pending';
}
