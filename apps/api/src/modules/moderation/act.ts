import type { StaffAction } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { GROUP_RANK, groupStaffStamp, operatorStamp, SYSTEM_STAMP, type ActorStamp, type ModerationActor } from './actors.js';
import { assertTransition } from './content-state.js';
import type { ModerationDeps } from './deps.js';
import { recordAction } from './record-action.js';
import { REASON_MAX, redact } from './redact.js';
import * as repo from './repo.js';
import { citeRule } from './rules.js';
import type { TargetDescription, TargetType } from './targets.js';

export interface ActInput {
  actor: ModerationActor;
  action: StaffAction;
  target: { type: TargetType; id: string };
  ruleCode?: string | null | undefined;
  reason?: string | null | undefined;
  /** Mute length, 1–720 hours; only for mute. */
  hours?: number | null | undefined;
  /** For member targets: the group to remove them from / mute them in. Content carries its own group. */
  groupId?: string | null | undefined;
}

/** Group staff moderate their own group's members and content; releasing and restoring is the platform's call. */
const GROUP_STAFF_ACTIONS: readonly StaffAction[] = ['hide', 'delete', 'mute', 'remove_from_group', 'warn'];
/** Actions against someone: they settle the target's open reports. */
const PUNITIVE: readonly StaffAction[] = ['hide', 'delete', 'mute', 'remove_from_group', 'warn'];
const CONTENT_ONLY: readonly StaffAction[] = ['hide', 'delete', 'release'];
const invalid = (issue: string) => new AppError('VALIDATION_FAILED', {}, [{ field: 'action', issue }]);

/**
 * THE moderation use case: every hide, delete, mute, removal, warning, release and restore — by an
 * operator, a group's owner/admin/expert or the system — goes through here. It cites a charter rule
 * and a reason (refused without), carries the action out through the module that owns the target,
 * writes the append-only public log row, notifies the author with an appeal link, settles open
 * reports and, for operators, writes the audit entry — all in one transaction.
 */
export async function act(deps: ModerationDeps, trx: Tx | undefined, input: ActInput): Promise<repo.ActionRow> {
  if (!trx) return transact(deps.db, (own) => act(deps, own, input));
  const rule = await citeRule(deps, input.ruleCode, input.reason ?? null);
  const reason = redact(input.reason!.trim(), REASON_MAX);
  const { action } = input;
  const hours = input.hours ?? null;
  if ((action === 'mute') !== (hours !== null)) throw invalid(action === 'mute' ? 'mute needs hours (1–720)' : 'hours is only for mute');

  const handler = deps.targets.handler(input.target.type);
  if (!handler) throw new AppError('NOT_FOUND');
  await repo.lockTarget(trx, input.target.type, input.target.id);
  const target = await handler.describe(trx, input.target.id);
  if (!target) throw new AppError('NOT_FOUND');

  const isMember = input.target.type === 'member';
  const subjectId = isMember ? input.target.id : target.authorId;
  const groupId = isMember ? (input.groupId ?? null) : target.groupId;
  if (isMember && CONTENT_ONLY.includes(action)) throw invalid(`${action} applies to content, not to a member`);
  if (action === 'remove_from_group' && !groupId) throw invalid('remove_from_group needs a group');
  if (['mute', 'remove_from_group', 'warn'].includes(action) && !subjectId) throw invalid('this content has no author to act on');

  const stamp = await authorise(deps, input.actor, { action, groupId, subjectId, memberTarget: isMember });
  if (!isMember) await assertTransition(trx, input.target.type, input.target.id, action);

  const now = deps.clock.now();
  // Group staff can only mute in their group; an operator mutes platform-wide unless they name a group.
  const scope = input.actor.kind === 'member' ? `group:${groupId}` : input.groupId ? `group:${input.groupId}` : 'global';
  const until = action === 'mute' ? new Date(now.getTime() + hours! * 3600_000) : null;

  const liftScope = input.groupId ? scope : undefined;
  await carryOut(deps, trx, { action, target: input.target, subjectId, groupId, liftScope, now });

  const row = await recordAction(
    deps,
    trx,
    {
      action,
      target_type: input.target.type,
      target_id: input.target.id,
      group_id: groupId,
      rule_code: rule.code,
      rule_title: rule.title,
      charter_version: rule.version,
      reason,
      excerpt: isMember ? '' : redact(target.text),
      excerpt_public: !isMember && isPublic(target),
      ...stamp,
      subject_member_id: subjectId,
      hours,
      appeal_of: null,
      created_at: now,
    },
    { notify: true, closeReports: PUNITIVE.includes(action), until, muteScope: action === 'mute' ? scope : undefined },
  );

  if (action === 'mute')
    await repo.insertRestriction(trx, {
      member_id: subjectId!,
      scope,
      kind: 'mute',
      until: until!,
      rule_code: rule.code,
      action_id: row.id,
      created_at: now,
    });
  if (action === 'restore' && isMember) await repo.liftMutes(trx, { memberId: subjectId!, scope: liftScope }, now, row.id);
  if (action === 'release' || action === 'delete')
    await repo.resolveHolds(trx, input.target.type, input.target.id, action === 'release' ? 'released' : 'removed', row.id, now);

  if (input.actor.kind === 'operator') {
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: input.actor.operator.operatorId, name: input.actor.operator.displayName },
      action: `moderation.${action}`,
      target: { type: input.target.type, id: input.target.id },
      after: { actionId: row.id, ruleCode: rule.code, reason, hours, groupId, scope: action === 'mute' ? scope : undefined },
      ip: input.actor.ip ?? null,
    });
  }
  return row;
}

/** Fail closed: content of a group is private unless its owner says the group is public. */
const isPublic = (t: TargetDescription) => (t.visibility ?? (t.groupId ? 'private' : 'public')) === 'public';

/**
 * Who may do this: operators with community.moderate anywhere; group owners/admins/experts only in
 * their group, only the actions group staff have, and only to members below them.
 */
async function authorise(
  deps: ModerationDeps,
  actor: ModerationActor,
  ctx: { action: StaffAction; groupId: string | null; subjectId: string | null; memberTarget: boolean },
): Promise<ActorStamp> {
  // Removing or group-muting someone who is not in that group would be a log row about nothing.
  const subjectRole = ctx.groupId && ctx.subjectId ? await deps.targets.groupRole(ctx.groupId, ctx.subjectId) : null;
  if (ctx.memberTarget && ctx.groupId && !subjectRole) throw new AppError('NOT_FOUND');
  if (actor.kind === 'system') return SYSTEM_STAMP;
  if (actor.kind === 'operator') {
    if (!actor.operator.permissions.has('community.moderate')) throw new AppError('FORBIDDEN');
    return operatorStamp(actor.operator);
  }
  if (!GROUP_STAFF_ACTIONS.includes(ctx.action)) throw new AppError('FORBIDDEN');
  if (!ctx.groupId) throw new AppError('GROUP_ROLE_REQUIRED');
  const role = await deps.targets.groupRole(ctx.groupId, actor.memberId);
  if (!role || role === 'member') throw new AppError('GROUP_ROLE_REQUIRED');
  if (ctx.subjectId && ctx.subjectId !== actor.memberId && GROUP_RANK[subjectRole ?? 'member'] >= GROUP_RANK[role])
    throw new AppError('GROUP_ROLE_REQUIRED');
  return groupStaffStamp(actor.memberId, role);
}

/** The effect itself, through the module that owns the target (mutes are moderation's own rows). */
async function carryOut(
  deps: ModerationDeps,
  trx: Tx,
  c: {
    action: StaffAction;
    target: { type: TargetType; id: string };
    subjectId: string | null;
    groupId: string | null;
    liftScope: string | undefined;
    now: Date;
  },
): Promise<void> {
  switch (c.action) {
    case 'hide':
    case 'delete':
    case 'release':
      return deps.targets.handler(c.target.type)!.apply(trx, c.target.id, c.action, { groupId: c.groupId });
    case 'restore':
      if (c.target.type !== 'member')
        return deps.targets.handler(c.target.type)!.apply(trx, c.target.id, 'restore', { groupId: c.groupId });
      // Restoring a member lifts their mutes (in the named group, or all); nothing to lift is a conflict.
      if (!(await repo.countActiveMutes(trx, c.subjectId!, c.liftScope, c.now))) throw new AppError('MODERATION_STATE_CONFLICT');
      return;
    case 'remove_from_group': {
      const members = deps.targets.handler('member');
      if (!members) throw new AppError('NOT_FOUND');
      return members.apply(trx, c.subjectId!, 'remove_from_group', { groupId: c.groupId });
    }
    case 'mute':
    case 'warn':
      return;
  }
}
