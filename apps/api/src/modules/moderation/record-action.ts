import type { Tx } from '../../platform/db/connect.js';
import type { ModerationDeps } from './deps.js';
import { roleLabel } from './actors.js';
import { actionNotice } from './notices.js';
import * as repo from './repo.js';

export interface RecordOptions {
  /** Tell the subject member (the appeal outcome has its own notice). */
  notify: boolean;
  /** Mark the target's open reports actioned by this row. */
  closeReports: boolean;
  /** For the notice: when a mute ends and where it applies, and the word the filter matched. */
  until?: Date | null | undefined;
  muteScope?: string | undefined;
  word?: string | undefined;
}

/**
 * Writes one row of the public log and what comes with it, in the caller's transaction: the
 * author's notice, the reports it settles, and `moderation.action_recorded` for other modules (trust
 * levels) through the outbox.
 */
export async function recordAction(deps: ModerationDeps, trx: Tx, row: repo.NewAction, options: RecordOptions): Promise<repo.ActionRow> {
  const saved = await repo.insertAction(trx, row);
  if (options.notify && saved.subject_member_id) {
    await deps.notices.send(
      trx,
      actionNotice(saved.subject_member_id, {
        actionId: saved.id,
        action: saved.action,
        targetType: saved.target_type,
        rule: { code: saved.rule_code, title: saved.rule_title, version: saved.charter_version },
        reason: saved.reason,
        excerpt: saved.excerpt,
        hours: saved.hours,
        until: options.until ?? null,
        inGroup: options.muteScope !== undefined && options.muteScope !== 'global',
        word: options.word,
      }),
    );
  }
  if (options.closeReports && saved.target_type && saved.target_id) {
    await repo.closeOpenReports(
      trx,
      { type: saved.target_type, id: saved.target_id },
      {
        status: 'actioned',
        by: saved.actor_name ?? roleLabel(saved.actor_role),
        operatorId: saved.actor_operator_id,
        actionId: saved.id,
        at: saved.created_at,
      },
    );
  }
  await deps.outbox.emit(trx, 'moderation.action_recorded', {
    actionId: saved.id,
    action: saved.action,
    targetType: saved.target_type,
    targetId: saved.target_id,
    groupId: saved.group_id,
    memberId: saved.subject_member_id,
    ruleCode: saved.rule_code,
  });
  return saved;
}
