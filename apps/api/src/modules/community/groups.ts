import { randomBytes } from 'node:crypto';
import type { Group } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isUuid } from '../../platform/ids.js';
import { assertGroupStaff, assertVisible, loadGroup } from './access.js';
import { publishToGroup } from './broadcast.js';
import type { CommunityDeps } from './deps.js';
import * as repo from './repo.js';

/** 8 characters without look-alikes (0/O, 1/I/L), easy to read out loud. */
export function newInviteCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function presentGroup(g: repo.GroupRow, m?: Pick<repo.MembershipRow, 'role' | 'state' | 'muted' | 'last_read_seq'> | null): Group {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    visibility: g.visibility,
    joinPolicy: g.join_policy,
    topic: g.topic,
    productId: g.product_id,
    memberCount: g.member_count,
    slowModeSeconds: g.slow_mode_seconds,
    announcement: g.announcement,
    lastMessageAt: g.last_message_at?.toISOString() ?? null,
    createdAt: g.created_at.toISOString(),
    me: m
      ? {
          role: m.role,
          state: m.state,
          muted: m.muted,
          unread: m.state === 'active' ? Math.max(0, Number(g.last_seq - m.last_read_seq)) : 0,
          lastReadSeq: String(m.last_read_seq),
        }
      : null,
  };
}

export interface CreateGroupInput {
  name: string;
  description: string;
  visibility: 'public' | 'private';
  joinPolicy: 'open' | 'approval' | 'invite';
  topic?: string | undefined;
  productId?: string | undefined;
  slowModeSeconds: number;
  ownerMemberId?: string | undefined;
}

/** Community managers create groups (audited); a member may be made its owner. */
export async function createGroup(deps: CommunityDeps, op: OperatorPrincipal, input: CreateGroupInput, ip: string | null) {
  if (input.visibility === 'private' && input.joinPolicy === 'open')
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'joinPolicy', issue: 'a private group needs approval or an invite code' }]);
  if (input.productId) await deps.investing.product(input.productId);
  if (input.ownerMemberId) await deps.identity.profile(input.ownerMemberId);
  return transact(deps.db, async (trx) => {
    const now = deps.clock.now();
    const group = await repo.insertGroup(trx, {
      name: input.name,
      description: input.description,
      visibility: input.visibility,
      join_policy: input.joinPolicy,
      invite_code: input.joinPolicy === 'invite' ? newInviteCode() : null,
      topic: input.topic ?? null,
      product_id: input.productId ?? null,
      slow_mode_seconds: input.slowModeSeconds,
      announcement: null,
      created_by: op.displayName,
      created_at: now,
    });
    if (input.ownerMemberId) {
      await repo.insertMembership(trx, {
        group_id: group.id,
        member_id: input.ownerMemberId,
        role: 'owner',
        state: 'active',
        joined_at: now,
        last_read_seq: 0n,
      });
      await repo.addToMemberCount(trx, group.id, 1);
    }
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'community.group_created',
      target: { type: 'group', id: group.id },
      after: { name: group.name, visibility: group.visibility, joinPolicy: group.join_policy, owner: input.ownerMemberId ?? null },
      ip,
    });
    return (await repo.findGroup(trx, group.id))!;
  });
}

/** Joins a group: open groups at once, approval groups after an admin says yes, invite groups with the code. */
export async function joinGroup(
  deps: CommunityDeps,
  memberId: string,
  groupIdOrCode: { groupId: string; inviteCode?: string | undefined },
) {
  return transact(deps.db, async (trx) => {
    const group = await loadGroup(trx, groupIdOrCode.groupId);
    const existing = await repo.membership(trx, group.id, memberId);
    if (existing) return { state: existing.state, role: existing.role };
    const code = groupIdOrCode.inviteCode?.toUpperCase();
    let state: repo.MembershipRow['state'];
    if (code) {
      if (code !== group.invite_code) {
        // A wrong code must not tell an outsider that an invite-only group has this id.
        assertVisible(group, existing);
        throw new AppError('INVITE_CODE_INVALID');
      }
      state = 'active';
    } else if (group.join_policy === 'open') state = 'active';
    else if (group.join_policy === 'approval') state = 'pending';
    else throw new AppError(group.visibility === 'private' ? 'NOT_FOUND' : 'GROUP_JOIN_REFUSED');
    const now = deps.clock.now();
    // New members start with everything before them read: unread counts what they missed since joining.
    await repo.insertMembership(trx, {
      group_id: group.id,
      member_id: memberId,
      role: 'member',
      state,
      joined_at: now,
      last_read_seq: group.last_seq,
    });
    if (state === 'active') {
      await repo.addToMemberCount(trx, group.id, 1);
      await emitJoined(deps, trx, group.id, memberId, now);
    }
    return { state, role: 'member' as const };
  });
}

/** `community.member_joined`: a member became active in a group (welcome messages, lifecycle SOPs listen). */
async function emitJoined(deps: CommunityDeps, trx: Tx, groupId: string, memberId: string, at: Date) {
  await deps.outbox.emit(trx, 'community.member_joined', { groupId, memberId, joinedAt: at.toISOString() });
}

export async function leaveGroup(deps: CommunityDeps, memberId: string, groupId: string) {
  await transact(deps.db, async (trx) => {
    const group = await loadGroup(trx, groupId);
    const m = await repo.membership(trx, group.id, memberId);
    // Leaving a group one is not in is a no-op, but an invite-only group does not exist for outsiders.
    assertVisible(group, m);
    if (!m) return;
    if (m.role === 'owner') throw new AppError('GROUP_ROLE_REQUIRED');
    await removeMember(trx, group.id, memberId);
  });
}

/** Removes a membership and keeps the member count right (leaving, refusal, moderation). */
export async function removeMember(trx: Tx, groupId: string, memberId: string) {
  const removed = await repo.deleteMembership(trx, groupId, memberId);
  if (removed?.state === 'active') await repo.addToMemberCount(trx, groupId, -1);
  return removed;
}

/** Owner/admin (or an operator) lets a pending member in, or turns them away. */
export async function decideJoin(
  deps: CommunityDeps,
  by: { memberId: string } | { operator: OperatorPrincipal; ip: string | null },
  groupId: string,
  input: { memberId: string; approve: boolean },
) {
  return transact(deps.db, async (trx) => {
    if ('memberId' in by) await assertGroupStaff(trx, by.memberId, groupId);
    else await loadGroup(trx, groupId);
    const pending = isUuid(input.memberId) ? await repo.membership(trx, groupId, input.memberId) : undefined;
    if (!pending || pending.state !== 'pending') throw new AppError('NOT_FOUND');
    if (input.approve) {
      const now = deps.clock.now();
      await repo.updateMembership(trx, groupId, input.memberId, { state: 'active', joined_at: now });
      await repo.addToMemberCount(trx, groupId, 1);
      await emitJoined(deps, trx, groupId, input.memberId, now);
    } else await repo.deleteMembership(trx, groupId, input.memberId);
    if ('operator' in by)
      await deps.audit.record(trx, {
        actor: { type: 'operator', id: by.operator.operatorId, name: by.operator.displayName },
        action: input.approve ? 'community.join_approved' : 'community.join_refused',
        target: { type: 'group', id: groupId },
        after: { memberId: input.memberId },
        ip: by.ip,
      });
    return { approved: input.approve };
  });
}

export interface GroupSettings {
  slowModeSeconds?: number | undefined;
  announcement?: string | null | undefined;
  description?: string | undefined;
}

/** Slow mode, the announcement and the description: group staff or operators. */
export async function updateGroupSettings(
  deps: CommunityDeps,
  by: { memberId: string } | { operator: OperatorPrincipal; ip: string | null },
  groupId: string,
  input: GroupSettings & { pinnedMessageId?: string | null | undefined; rotateInviteCode?: boolean },
) {
  return transact(deps.db, async (trx) => {
    const before = 'memberId' in by ? (await assertGroupStaff(trx, by.memberId, groupId)).group : await loadGroup(trx, groupId);
    if (input.pinnedMessageId) {
      const m = isUuid(input.pinnedMessageId) ? await repo.findMessage(trx, input.pinnedMessageId) : undefined;
      if (!m || m.group_id !== groupId) throw new AppError('NOT_FOUND');
      if (m.status !== 'visible') throw new AppError('CONTENT_GONE');
    }
    const after = (await repo.updateGroup(trx, groupId, {
      slow_mode_seconds: input.slowModeSeconds,
      announcement: input.announcement,
      description: input.description,
      pinned_message_id: input.pinnedMessageId,
      invite_code: input.rotateInviteCode ? newInviteCode() : undefined,
    }))!;
    if ('operator' in by)
      await deps.audit.record(trx, {
        actor: { type: 'operator', id: by.operator.operatorId, name: by.operator.displayName },
        action: 'community.group_updated',
        target: { type: 'group', id: groupId },
        before: { slowModeSeconds: before.slow_mode_seconds, announcement: before.announcement, pinned: before.pinned_message_id },
        after: { slowModeSeconds: after.slow_mode_seconds, announcement: after.announcement, pinned: after.pinned_message_id },
        ip: by.ip,
      });
    await publishToGroup(deps, trx, groupId, 'group.changed', {
      slowModeSeconds: after.slow_mode_seconds,
      announcement: after.announcement,
      pinnedMessageId: after.pinned_message_id,
    });
    return after;
  });
}
