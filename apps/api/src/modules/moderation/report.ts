import type { ReportRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { ModerationDeps } from './deps.js';
import * as repo from './repo.js';
import { citeRule } from './rules.js';

/**
 * A member reports a message, post, comment or member under a charter rule. It goes to the console
 * queue, grouped with other reports of the same target. One open report per member and target
 * (REPORT_DUPLICATE): reporting again adds nothing to the queue. Reporting one's own content is
 * allowed — it is harmless and a member may want a second opinion on what they wrote.
 */
export async function report(deps: ModerationDeps, memberId: string, input: ReportRequest) {
  const rule = await citeRule(deps, input.ruleCode);
  return transact(deps.db, async (trx) => {
    const handler = deps.targets.handler(input.targetType);
    const target = handler && (await handler.describe(trx, input.targetId));
    // What the reporter may not see does not exist for them (ARCHITECTURE.md, no existence oracles):
    // a private group's content to an outsider, someone else's content still held for review.
    if (!target) throw new AppError('NOT_FOUND');
    if (target.held && target.authorId !== memberId) throw new AppError('NOT_FOUND');
    if (target.groupId && input.targetType !== 'member' && !(await deps.targets.canReadGroup(target.groupId, memberId)))
      throw new AppError('NOT_FOUND');
    const row = await repo.insertReport(trx, {
      reporter_id: memberId,
      target_type: input.targetType,
      target_id: input.targetId,
      group_id: input.targetType === 'member' ? null : target.groupId,
      rule_code: rule.code,
      note: input.note?.trim() || null,
      created_at: deps.clock.now(),
    });
    if (!row) throw new AppError('REPORT_DUPLICATE');
    return { id: row.id, status: row.status, createdAt: row.created_at.toISOString() };
  });
}
