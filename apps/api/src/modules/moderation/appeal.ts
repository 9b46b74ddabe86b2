import { APPEALABLE_ACTIONS, type AppealRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { contentState } from './content-state.js';
import type { ModerationDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * The member an action was against appeals it, once. Someone else's action is NOT_FOUND (its
 * existence is not theirs to learn); an undoing action (release, restore), an outcome row, a second
 * appeal, or an action already undone — content since restored, a mute since lifted — is
 * APPEAL_NOT_ALLOWED.
 */
export async function appeal(deps: ModerationDeps, memberId: string, input: AppealRequest): Promise<repo.AppealRow> {
  return transact(deps.db, async (trx) => {
    const action = await repo.findAction(trx, input.actionId);
    if (!action || action.subject_member_id !== memberId) throw new AppError('NOT_FOUND');
    if (!(APPEALABLE_ACTIONS as readonly string[]).includes(action.action)) throw new AppError('APPEAL_NOT_ALLOWED');
    if (['hide', 'delete', 'hold'].includes(action.action) && action.target_type && action.target_id) {
      await repo.lockTarget(trx, action.target_type, action.target_id);
      // Only the action that still decides the content's state can be appealed (a hide later
      // turned into a delete: appeal the delete).
      if ((await contentState(trx, action.target_type, action.target_id)).actionId !== action.id) throw new AppError('APPEAL_NOT_ALLOWED');
    }
    if (action.action === 'mute' && !(await repo.muteStillRecorded(trx, action.id))) throw new AppError('APPEAL_NOT_ALLOWED');
    const row = await repo.insertAppeal(trx, {
      action_id: action.id,
      member_id: memberId,
      reason: input.reason.trim(),
      created_at: deps.clock.now(),
    });
    if (!row) throw new AppError('APPEAL_NOT_ALLOWED');
    return row;
  });
}
