import type { Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isUuid } from '../../platform/ids.js';
import type { RealtimePrincipal } from '../../platform/realtime/principal.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { InvestingModule } from '../investing/index.js';
import { AppError } from '../../platform/errors.js';
import {
  assertActiveMember,
  assertCanRead,
  assertGroupStaff,
  assertVisible,
  canRead,
  canSubscribe,
  loadGroup,
  visibleScopes,
} from './access.js';
import type { CommunityDeps, ModerationPort, SearchPort } from './deps.js';
import { appointExpert, listExperts, removeExpert, setGroupRole } from './experts.js';
import {
  createGroup,
  decideJoin,
  joinGroup,
  leaveGroup,
  presentGroup,
  updateGroupSettings,
  type CreateGroupInput,
  type GroupSettings,
} from './groups.js';
import { readImage, uploadImage } from './images.js';
import { listGroupMembers, listGroups } from './list-groups.js';
import { listMessages } from './list-messages.js';
import { listBlocked, setBlocked, setGroupMuted } from './member-settings.js';
import { markRead, react, recallMessage } from './message-actions.js';
import { memberTarget, messageTarget } from './moderation-targets.js';
import { postMessage, type PostMessageInput } from './post-message.js';
import { postOfficial } from './official.js';
import { OFFICIAL_ACCOUNT_ID } from './official-account.js';
import { authorCards, presentMessages } from './present.js';
import * as repo from './repo.js';
import { seedDemoCommunity } from './seed-demo.js';
import { checkNewcomerLimits, LEVELS, recordVisit, trustLevels } from './trust.js';

export { communityMemberRoutes } from './routes.member.js';
export { communityConsoleRoutes } from './routes.console.js';

/**
 * Groups (圈子): membership and roles, real-time chat over the hub (`group:<id>`), images, product
 * cards, read markers, mutes and blocks, experts and trust levels. Moderation acts on messages and
 * memberships through the targets registered here; search indexes what members may find.
 */
export function createCommunityModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'logger'>,
  modules: {
    audit: AuditModule;
    identity: IdentityModule;
    investing: InvestingModule;
    search: SearchPort;
    moderation: ModerationPort;
  },
) {
  const deps: CommunityDeps = { db: platform.db, clock: platform.clock, outbox: platform.outbox, logger: platform.logger, ...modules };
  modules.moderation.registerTarget('message', messageTarget(deps));
  modules.moderation.registerTarget('member', memberTarget(deps));
  modules.moderation.registerGroupRoleLookup(async (groupId, memberId) => {
    if (!isUuid(groupId) || !isUuid(memberId)) return null;
    const m = await repo.membership(deps.db, groupId, memberId);
    if (m?.state !== 'active') return null;
    if (m.role === 'member' && (await repo.expertsAmong(deps.db, [memberId])).has(memberId)) return 'expert';
    return m.role;
  });
  modules.moderation.registerGroupReaderLookup(async (groupId, memberId) => canRead(deps.db, memberId, groupId));
  return {
    // ---- for other modules
    visibleScopes: (memberId: string) => visibleScopes(deps, memberId),
    canSubscribe: (principal: RealtimePrincipal, groupId: string) => canSubscribe(deps, principal, groupId),
    /** The member's role and state in a group, or null. */
    async membership(groupId: string, memberId: string) {
      const m = isUuid(groupId) ? await repo.membership(deps.db, groupId, memberId) : undefined;
      return m ? { role: m.role, state: m.state } : null;
    },
    /** Pass the caller's transaction as `db` when inside one: a second pool connection there can deadlock under load. */
    assertCanRead: (memberId: string, groupId: string, db: Executor = deps.db) =>
      assertCanRead(db, memberId, groupId).then(() => undefined),
    assertCanPost: (db: Executor, memberId: string, groupId: string) => assertActiveMember(db, memberId, groupId).then(() => undefined),
    authorCards: (ids: readonly string[], db: Executor = deps.db) => authorCards(deps, ids, db),
    checkNewcomerLimits: (
      db: Executor,
      memberId: string,
      post: { text: string; image: boolean; mentions: number; products?: number | undefined },
    ) => checkNewcomerLimits(deps, db, memberId, post),
    /** The official account's author id (its messages are never a member's). */
    officialAccountId: OFFICIAL_ACCOUNT_ID,
    /** Posts as 圈子官方 in the caller's transaction (scheduled posts, welcomes, keyword replies). */
    postOfficial: (trx: Tx | undefined, groupId: string, input: { text: string; replyToId?: string | null | undefined }) =>
      postOfficial(deps, trx, groupId, input),
    /** Active members of the group who are appointed experts. */
    async expertsInGroup(groupId: string) {
      if (!isUuid(groupId)) return [];
      const experts = await repo.listExperts(deps.db);
      return repo.membersOfAnyGroup(
        deps.db,
        [groupId],
        experts.map((e) => e.member_id),
      );
    },
    /** Whether the group exists (any visibility). */
    groupExists: async (groupId: string) => isUuid(groupId) && !!(await repo.findGroup(deps.db, groupId)),
    /** A group's active owner and admins (member ids), e.g. for analytics' dying-group warning. */
    staffOf: async (groupId: string) => (isUuid(groupId) ? repo.staffOf(deps.db, groupId) : []),
    /** Names of groups, for console lists. */
    async groupNames(ids: readonly string[]) {
      const out = new Map<string, string>();
      for (const id of new Set(ids)) {
        const g = isUuid(id) ? await repo.findGroup(deps.db, id) : undefined;
        if (g) out.set(id, g.name);
      }
      return out;
    },
    isExpert: async (memberId: string) => isUuid(memberId) && (await repo.expertsAmong(deps.db, [memberId])).has(memberId),
    /** Activity from elsewhere (threads, Q&A) that counts towards trust levels. */
    async recordActivity(db: Executor, memberId: string, kind: 'visit' | 'read' | 'reply_received') {
      await recordVisit(deps, db, memberId);
      if (kind === 'read') await repo.addTrustCounters(db, memberId, { postsRead: 1 });
      if (kind === 'reply_received') await repo.addTrustCounters(db, memberId, { repliesReceived: 1 });
    },

    // ---- members
    groups: (memberId: string, q: { view: 'mine' | 'discover'; q?: string | undefined; cursor?: string | undefined; limit: number }) =>
      listGroups(deps, memberId, q).then(({ items, nextCursor }) => ({ items, nextCursor })),
    /** Whether a group is public (its content is for anyone signed in); false for private or unknown ones. */
    isPublicGroup: async (groupId: string, db: Executor = deps.db) =>
      isUuid(groupId) && (await repo.findGroup(db, groupId))?.visibility === 'public',
    async group(memberId: string, groupId: string) {
      const group = await loadGroup(deps.db, groupId);
      const m = await repo.membership(deps.db, groupId, memberId);
      assertVisible(group, m);
      return presentGroup(group, m);
    },
    join: (memberId: string, groupId: string, inviteCode?: string) => joinGroup(deps, memberId, { groupId, inviteCode }),
    /** Joining by the code alone (a shared invite link). */
    async joinByCode(memberId: string, code: string) {
      const group = await repo.findGroupByInvite(deps.db, code.toUpperCase());
      if (!group) throw new AppError('INVITE_CODE_INVALID');
      return { groupId: group.id, ...(await joinGroup(deps, memberId, { groupId: group.id, inviteCode: code })) };
    },
    leave: (memberId: string, groupId: string) => leaveGroup(deps, memberId, groupId),
    messages: (memberId: string, groupId: string, q: { before?: string | undefined; after?: string | undefined; limit: number }) =>
      listMessages(deps, memberId, groupId, q),
    post: (memberId: string, groupId: string, input: PostMessageInput) => postMessage(deps, memberId, groupId, input),
    recall: (memberId: string, messageId: string) => recallMessage(deps, memberId, messageId),
    react: (memberId: string, messageId: string, input: Parameters<typeof react>[3]) => react(deps, memberId, messageId, input),
    markRead: (memberId: string, groupId: string, seq: string) => markRead(deps, memberId, groupId, seq),
    uploadImage: (memberId: string, groupId: string, bytes: Buffer) => uploadImage(deps, memberId, groupId, bytes),
    image: (memberId: string, groupId: string, imageId: string) => readImage(deps, memberId, groupId, imageId),
    setMuted: (memberId: string, groupId: string, muted: boolean) => setGroupMuted(deps, memberId, groupId, muted),
    setBlocked: (memberId: string, otherId: string, blocked: boolean) => setBlocked(deps, memberId, otherId, blocked),
    blocked: (memberId: string) => listBlocked(deps, memberId),
    async members(memberId: string, groupId: string, q: { state: 'active' | 'pending'; cursor?: string | undefined; limit: number }) {
      if (q.state === 'pending') await assertGroupStaff(deps.db, memberId, groupId);
      else await assertCanRead(deps.db, memberId, groupId);
      return listGroupMembers(deps, groupId, q);
    },
    decideJoin: (memberId: string, groupId: string, input: { memberId: string; approve: boolean }) =>
      decideJoin(deps, { memberId }, groupId, input),
    updateGroup: async (memberId: string, groupId: string, input: GroupSettings & { pinnedMessageId?: string | null | undefined }) =>
      presentGroup(await updateGroupSettings(deps, { memberId }, groupId, input), await repo.membership(deps.db, groupId, memberId)),
    async rotateInviteCode(memberId: string, groupId: string) {
      const g = await updateGroupSettings(deps, { memberId }, groupId, { rotateInviteCode: true });
      return { inviteCode: g.invite_code ?? '' };
    },
    async trust(memberId: string) {
      await recordVisit(deps, deps.db, memberId);
      const [row] = [...(await repo.trustOf(deps.db, [memberId])).values()];
      const level = (await trustLevels(deps, [memberId])).get(memberId) ?? 0;
      const next = LEVELS.find((l) => l.level === level + 1);
      return {
        level,
        daysVisited: row?.days_visited ?? 0,
        postsRead: row?.posts_read ?? 0,
        repliesReceived: row?.replies_received ?? 0,
        next: next
          ? { level: next.level, daysVisited: next.daysVisited, postsRead: next.postsRead, repliesReceived: next.repliesReceived }
          : null,
      };
    },

    // ---- console
    createGroup: (op: OperatorPrincipal, input: CreateGroupInput, ip: string | null) => createGroup(deps, op, input, ip),
    async consoleGroups(q: { q?: string | undefined; cursor?: string | undefined; limit: number }) {
      const { rows, nextCursor } = await listGroups(deps, null, { view: 'all', ...q });
      const pending = await repo.countPending(
        deps.db,
        rows.map((g) => g.id),
      );
      return {
        items: rows.map((g) => ({ ...presentGroup(g, null), inviteCode: g.invite_code, pendingCount: pending.get(g.id) ?? 0 })),
        nextCursor,
      };
    },
    async consoleGroup(groupId: string) {
      const g = await loadGroup(deps.db, groupId);
      const pending = await repo.countPending(deps.db, [g.id]);
      const { me: _me, ...rest } = presentGroup(g, null);
      return { ...rest, inviteCode: g.invite_code, pendingCount: pending.get(g.id) ?? 0 };
    },
    consoleMembers: (groupId: string, q: { state: 'active' | 'pending'; cursor?: string | undefined; limit: number }) =>
      loadGroup(deps.db, groupId).then(() => listGroupMembers(deps, groupId, q)),
    consoleMessages: async (groupId: string, q: { before?: string | undefined; limit: number }) => {
      await loadGroup(deps.db, groupId);
      const page = await repo.listMessages(deps.db, {
        groupId,
        viewerId: null,
        before: q.before === undefined ? undefined : BigInt(q.before),
        limit: q.limit,
      });
      return { items: await presentMessages(deps, page.rows, null), hasMore: page.hasMore, pinned: null };
    },
    consoleUpdateGroup: (
      op: OperatorPrincipal,
      groupId: string,
      input: GroupSettings & { pinnedMessageId?: string | null | undefined; rotateInviteCode?: boolean },
      ip: string | null,
    ) => updateGroupSettings(deps, { operator: op, ip }, groupId, input),
    consoleDecideJoin: (op: OperatorPrincipal, groupId: string, input: { memberId: string; approve: boolean }, ip: string | null) =>
      decideJoin(deps, { operator: op, ip }, groupId, input),
    setGroupRole: (op: OperatorPrincipal, groupId: string, input: { memberId: string; role: 'admin' | 'member' }, ip: string | null) =>
      setGroupRole(deps, op, groupId, input, ip),
    experts: () => listExperts(deps),
    appointExpert: (op: OperatorPrincipal, input: { memberId: string; title: string }, ip: string | null) =>
      appointExpert(deps, op, input, ip),
    removeExpert: (op: OperatorPrincipal, memberId: string, ip: string | null) => removeExpert(deps, op, memberId, ip),
    /** Of `memberIds`, those active in any of `groupIds` (for notification segments). */
    membersOfAnyGroup: (groupIds: readonly string[], memberIds: readonly string[]) => repo.membersOfAnyGroup(deps.db, groupIds, memberIds),
    seedDemo: (members: { regular: string; expert: string; newcomer: string }, productId: string | null) =>
      seedDemoCommunity(deps, members, productId),
  };
}
export type CommunityModule = ReturnType<typeof createCommunityModule>;
