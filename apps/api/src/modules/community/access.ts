import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { RealtimePrincipal } from '../../platform/realtime/principal.js';
import type { CommunityDeps } from './deps.js';
import * as repo from './repo.js';

/** Operators with these roles may read every group (moderation needs to see what was reported). */
const STAFF_READERS = ['admin', 'community_manager', 'compliance', 'customer_service'];

export async function loadGroup(db: Executor, groupId: string): Promise<repo.GroupRow> {
  const group = isUuid(groupId) ? await repo.findGroup(db, groupId) : undefined;
  if (!group) throw new AppError('NOT_FOUND');
  return group;
}

/** An invite-only group does not exist for anyone it has not let in (nor asked to join). */
export function assertVisible(group: repo.GroupRow, membership: repo.MembershipRow | undefined): void {
  if (group.visibility === 'private' && group.join_policy === 'invite' && !membership) throw new AppError('NOT_FOUND');
}

/**
 * Who may read a group's messages and images: anyone signed in for a public group (to look before
 * joining), only active members for a private one. A private group is reported as missing to
 * outsiders only if it is not discoverable; otherwise NOT_GROUP_MEMBER tells them to ask to join.
 */
export async function assertCanRead(db: Executor, memberId: string, groupId: string) {
  const group = await loadGroup(db, groupId);
  const membership = await repo.membership(db, groupId, memberId);
  if (group.visibility === 'private' && membership?.state !== 'active') {
    assertVisible(group, membership);
    throw new AppError('NOT_GROUP_MEMBER');
  }
  return { group, membership };
}

/** Whether the member may read the group's content (the rule of `assertCanRead`, as a yes or no). */
export async function canRead(db: Executor, memberId: string, groupId: string): Promise<boolean> {
  if (!isUuid(groupId) || !isUuid(memberId)) return false;
  const group = await repo.findGroup(db, groupId);
  if (!group) return false;
  if (group.visibility === 'public') return true;
  return (await repo.membership(db, groupId, memberId))?.state === 'active';
}

/**
 * For a route that names something *inside* a group (a message): what the member may not read does
 * not exist for them — NOT_FOUND, exactly as for an id that was never issued (no existence oracles).
 */
export async function assertCanSeeInside(db: Executor, memberId: string, groupId: string) {
  if (!(await canRead(db, memberId, groupId))) throw new AppError('NOT_FOUND');
}

/** Posting, reacting and reading markers need an active membership. */
export async function assertActiveMember(db: Executor, memberId: string, groupId: string) {
  const group = await loadGroup(db, groupId);
  const membership = await repo.membership(db, groupId, memberId);
  if (membership?.state !== 'active') {
    assertVisible(group, membership);
    throw new AppError('NOT_GROUP_MEMBER');
  }
  return { group, membership };
}

/** Owner or admin of the group. */
export async function assertGroupStaff(db: Executor, memberId: string, groupId: string) {
  const found = await assertActiveMember(db, memberId, groupId);
  if (found.membership.role === 'member') throw new AppError('GROUP_ROLE_REQUIRED');
  return found;
}

/** Search and notifications scopes the member can see: the public square and the groups they joined. */
export async function visibleScopes(deps: Pick<CommunityDeps, 'db'>, memberId: string): Promise<string[]> {
  return ['public', ...(await repo.activeGroupIds(deps.db, memberId)).map((id) => `group:${id}`)];
}

/**
 * `group:<id>` on the socket: the same rule as reading its history. Only the rule's own answers
 * (missing, not a member) are a refusal; anything else (the database failing) propagates, and the
 * hub answers UNAVAILABLE so the client retries instead of taking it for a permission change.
 */
export async function canSubscribe(deps: Pick<CommunityDeps, 'db'>, principal: RealtimePrincipal, groupId: string): Promise<boolean> {
  if (!isUuid(groupId)) return false;
  if (principal.kind === 'operator')
    return principal.roles.some((r) => STAFF_READERS.includes(r)) && !!(await repo.findGroup(deps.db, groupId));
  try {
    await assertCanRead(deps.db, principal.memberId, groupId);
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'NOT_GROUP_MEMBER')) return false;
    throw err;
  }
}
