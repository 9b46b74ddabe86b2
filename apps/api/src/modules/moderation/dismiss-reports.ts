import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { ModerationDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * Staff found nothing to act on: every open report on that report's target is dismissed at once
 * (the queue shows them as one item). Audited; the content stays as it is.
 */
export async function dismissReports(
  deps: ModerationDeps,
  op: OperatorPrincipal,
  reportId: string,
  note: string | undefined,
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    const found = await repo.findReport(trx, reportId);
    if (!found) throw new AppError('NOT_FOUND');
    const target = { type: found.target_type, id: found.target_id };
    const dismissed = await repo.closeOpenReports(trx, target, {
      status: 'dismissed',
      by: op.displayName,
      operatorId: op.operatorId,
      actionId: null,
      at: deps.clock.now(),
    });
    if (!dismissed) throw new AppError('MODERATION_STATE_CONFLICT');
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'moderation.reports_dismissed',
      target,
      after: { dismissed, note: note ?? null },
      ip,
    });
    return { dismissed };
  });
}
