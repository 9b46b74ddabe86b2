import type { AppealDecisionRequest } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { operatorStamp } from './actors.js';
import { contentState } from './content-state.js';
import type { ModerationDeps } from './deps.js';
import { appealOutcomeNotice } from './notices.js';
import { recordAction } from './record-action.js';
import { REASON_MAX, redact } from './redact.js';
import * as repo from './repo.js';

/**
 * An operator decides an appeal. Never the operator who took the action (APPEAL_SAME_OPERATOR);
 * actions by group staff or the filter may be decided by any operator. Overturning undoes what can be
 * undone — hidden or deleted content comes back, held content is released, the mute is lifted, the
 * member is re-admitted to the group. The outcome is published as its own log row (the original row
 * is never edited), the member is told, and the decision is audited.
 */
export async function decideAppeal(
  deps: ModerationDeps,
  op: OperatorPrincipal,
  appealId: string,
  input: AppealDecisionRequest,
  ip: string | null,
): Promise<repo.AppealRow> {
  if (!op.permissions.has('community.moderate')) throw new AppError('FORBIDDEN');
  return transact(deps.db, async (trx) => {
    const found = await repo.lockAppeal(trx, appealId);
    if (!found) throw new AppError('NOT_FOUND');
    if (found.status !== 'pending') throw new AppError('APPEAL_ALREADY_DECIDED');
    const action = (await repo.findAction(trx, found.action_id))!;
    if (action.actor_operator_id === op.operatorId) throw new AppError('APPEAL_SAME_OPERATOR');

    const overturned = input.outcome === 'overturned';
    // Read before the outcome row exists: does the appealed action still decide the content's state?
    let contentStillAffected = false;
    if (overturned && action.target_type && action.target_id && ['hide', 'delete', 'hold'].includes(action.action)) {
      await repo.lockTarget(trx, action.target_type, action.target_id);
      contentStillAffected = (await contentState(trx, action.target_type, action.target_id)).actionId === action.id;
    }
    const now = deps.clock.now();
    const note = redact(input.note.trim(), REASON_MAX);
    const outcome = await recordAction(
      deps,
      trx,
      {
        action: overturned ? 'appeal_overturned' : 'appeal_upheld',
        target_type: action.target_type,
        target_id: action.target_id,
        group_id: action.group_id,
        rule_code: action.rule_code,
        rule_title: action.rule_title,
        charter_version: action.charter_version,
        reason: note,
        excerpt: action.excerpt,
        excerpt_public: action.excerpt_public,
        ...operatorStamp(op),
        subject_member_id: action.subject_member_id,
        hours: null,
        appeal_of: action.id,
        created_at: now,
      },
      { notify: false, closeReports: false },
    );
    if (overturned) await undo(deps, trx, action, { contentStillAffected, outcomeId: outcome.id, now });

    const decided = await repo.decideAppeal(trx, found.id, {
      status: input.outcome,
      decided_by: op.displayName,
      decided_operator_id: op.operatorId,
      decided_at: now,
      decision_note: note,
      outcome_action_id: outcome.id,
    });
    await deps.notices.send(
      trx,
      appealOutcomeNotice(found.member_id, {
        outcomeId: outcome.id,
        outcome: input.outcome,
        rule: { code: action.rule_code, title: action.rule_title, version: action.charter_version },
        note,
      }),
    );
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'moderation.appeal_decided',
      target: { type: 'moderation_appeal', id: found.id },
      after: { outcome: input.outcome, note, actionId: action.id, outcomeActionId: outcome.id },
      ip,
    });
    return decided;
  });
}

/** Reverses an overturned action as far as it can be; a warning or a block leaves nothing to reverse. */
async function undo(
  deps: ModerationDeps,
  trx: Tx,
  action: repo.ActionRow,
  ctx: { contentStillAffected: boolean; outcomeId: string; now: Date },
): Promise<void> {
  const ref = { groupId: action.group_id };
  switch (action.action) {
    case 'hide':
    case 'delete':
    case 'hold': {
      if (!ctx.contentStillAffected || !action.target_type) return;
      const handler = deps.targets.handler(action.target_type);
      // Content its author has since withdrawn stays withdrawn.
      if (!handler || !(await handler.describe(trx, action.target_id!))) return;
      await handler.apply(trx, action.target_id!, action.action === 'hold' ? 'release' : 'restore', ref);
      if (action.action === 'hold') await repo.resolveHolds(trx, action.target_type, action.target_id!, 'released', ctx.outcomeId, ctx.now);
      return;
    }
    case 'mute':
      await repo.liftMutes(trx, { actionId: action.id }, ctx.now, ctx.outcomeId);
      return;
    case 'remove_from_group': {
      const members = deps.targets.handler('member');
      if (members && action.subject_member_id) await members.apply(trx, action.subject_member_id, 'restore', ref);
      return;
    }
    default:
      return;
  }
}
