import type { PointsAdjustmentRequest } from '@quanzi/contracts';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { transact } from '../../platform/db/transact.js';
import { fail } from '../../platform/errors.js';
import type { LoyaltyDeps } from './deps.js';
import { replaceRules, type LevelRule, listRules } from './levels.js';
import * as points from './points.js';

/**
 * A console adjustment: + grants a lot, − takes points oldest first; a reason is required and the
 * balance never goes below zero (`INSUFFICIENT_POINTS`). Audited in the same transaction. The
 * Idempotency-Key makes the ref, so a retried request books once.
 */
export async function adjustPoints(
  deps: LoyaltyDeps,
  op: OperatorPrincipal,
  input: PointsAdjustmentRequest,
  key: string,
  ip: string | null,
) {
  const ref = `console:adjust:${op.operatorId}:${key}`;
  const expiresAt = input.expiresAt === undefined ? undefined : new Date(input.expiresAt);
  return transact(deps.db, async (trx) => {
    const common = {
      memberId: input.memberId,
      source: 'console',
      ref,
      reason: input.reason,
      kind: 'adjust' as const,
      operatorId: op.operatorId,
    };
    const result =
      input.points > 0
        ? await points.earn(deps.clock, trx, { ...common, points: input.points, expiresAt })
        : await points.spend(deps.clock, trx, { ...common, points: -input.points });
    if (!result.replayed)
      await deps.audit.record(trx, {
        actor: { type: 'operator', id: op.operatorId, name: op.displayName },
        action: 'loyalty.points.adjusted',
        target: { type: 'member', id: input.memberId },
        after: { points: input.points, balanceAfter: result.balanceAfter, reason: input.reason, entryId: result.entryId },
        ip,
      });
    return { entryId: result.entryId, points: result.points, balanceAfter: result.balanceAfter };
  });
}

/** Replaces the level rules (validated: levels 0..n, increasing thresholds), audited with before and after. */
export async function updateLevelRules(deps: LoyaltyDeps, op: OperatorPrincipal, rules: LevelRule[], ip: string | null) {
  if (new Set(rules.map((r) => r.level)).size !== rules.length) fail('LEVEL_RULES_INVALID', { reason: 'each level once' });
  return transact(deps.db, async (trx) => {
    const before = await listRules(trx);
    await replaceRules(trx, rules, op.operatorId, deps.clock.now());
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'loyalty.level_rules.updated',
      target: { type: 'loyalty_level_rules', id: 'levels' },
      before: { rules: before },
      after: { rules },
      ip,
    });
    return listRules(trx);
  });
}
