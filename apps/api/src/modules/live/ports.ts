import type { LiveAuthor } from '@quanzi/contracts';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { CommunityModule } from '../community/index.js';
import type { ForumModule } from '../forum/index.js';
import type { ModerationModule } from '../moderation/index.js';

/**
 * The one place live reaches other community modules. They are written in parallel with this one,
 * so each call is guarded: it uses the method from the shared design when the module has it, else
 * a fallback that keeps live working on its own. Integration replaces the guards with plain calls.
 */

export interface ScreenMatch {
  word: string;
  category: 'contact' | 'promise' | 'other';
  ruleCode: string;
}
export interface ScreenResult {
  verdict: 'pass' | 'flag' | 'hold' | 'block';
  matches: ScreenMatch[];
}
export type TargetAction = 'hide' | 'delete' | 'restore' | 'release' | 'remove_from_group';
export interface TargetHandler {
  describe(
    trx: Tx,
    id: string,
  ): Promise<{ authorId: string | null; text: string; groupId: string | null; link: string | null } | undefined>;
  apply(trx: Tx, id: string, action: TargetAction, ctx: { groupId: string | null }): Promise<void>;
}

/** The shapes the shared design promises (docs: /tmp/design/community.md, "Cross-module interfaces"). */
interface ModerationApi {
  screen(text: string): ScreenResult | Promise<ScreenResult>;
  recordFilter(
    trx: Tx,
    input: {
      verdict: 'hold' | 'block';
      target?: { type: 'live_comment'; id: string };
      authorId: string;
      text: string;
      match: ScreenMatch;
    },
  ): Promise<unknown>;
  assertCanPost(trx: Executor, memberId: string, groupId: string | null): Promise<unknown>;
  registerTarget(type: 'live_comment', handler: TargetHandler): void;
}
interface CommunityApi {
  assertCanRead(memberId: string, groupId: string): Promise<unknown>;
  membership(groupId: string, memberId: string): Promise<{ role: string; state: 'active' | 'pending' } | null>;
  authorCards(
    memberIds: string[],
  ): Promise<Map<string, { id: string; nickname: string; badges: Array<'staff' | 'expert'>; trustLevel: number }>>;
}
interface ForumApi {
  createThread(
    trx: Tx,
    input: {
      authorId: string | null;
      groupId: string | null;
      kind: 'live_recap';
      title: string;
      body: string;
      official?: boolean;
      operator?: { id: string; name: string } | null;
    },
  ): Promise<{ id: string } | string>;
}

export interface LivePorts {
  screen(text: string): Promise<ScreenResult>;
  /** Writes the filter's modlog entry (and for 'hold' its queue item); no-op until moderation has it. */
  recordFilter(trx: Tx, input: Parameters<ModerationApi['recordFilter']>[1]): Promise<void>;
  /** Throws MEMBER_MUTED when a mute covers the member. */
  assertCanPost(trx: Tx, memberId: string, groupId: string | null): Promise<void>;
  registerTarget(type: 'live_comment', handler: TargetHandler): void;
  /** Whether the member may read a group's content (its live sessions included). */
  canReadGroup(memberId: string, groupId: string): Promise<boolean>;
  authors(memberIds: readonly string[]): Promise<Map<string, LiveAuthor>>;
  /** Makes the official recap thread in the caller's transaction; null when the forum cannot yet. */
  createRecapThread(
    trx: Tx,
    input: { groupId: string | null; title: string; body: string; operator: { id: string; name: string } | null },
  ): Promise<string | null>;
  threadLink(threadId: string): string;
}

/** What members see as a name until community provides author cards. */
export const FALLBACK_NICKNAME = '圈友';

export function createLivePorts(modules: { community: CommunityModule; forum: ForumModule; moderation: ModerationModule }): LivePorts {
  const moderation = modules.moderation as Partial<ModerationApi>;
  const community = modules.community as Partial<CommunityApi>;
  const forum = modules.forum as Partial<ForumApi>;
  return {
    async screen(text) {
      return moderation.screen ? await moderation.screen(text) : { verdict: 'pass', matches: [] };
    },
    async recordFilter(trx, input) {
      await moderation.recordFilter?.(trx, input);
    },
    async assertCanPost(trx, memberId, groupId) {
      await moderation.assertCanPost?.(trx, memberId, groupId);
    },
    registerTarget(type, handler) {
      moderation.registerTarget?.(type, handler);
    },
    async canReadGroup(memberId, groupId) {
      if (community.assertCanRead) {
        try {
          await community.assertCanRead(memberId, groupId);
          return true;
        } catch (err) {
          if (err instanceof AppError && (err.code === 'NOT_GROUP_MEMBER' || err.code === 'NOT_FOUND')) return false;
          throw err;
        }
      }
      if (community.membership) return (await community.membership(groupId, memberId))?.state === 'active';
      // Until community can say who is in a group, a group's session is open to every member.
      return true;
    },
    async authors(memberIds) {
      const ids = [...new Set(memberIds)];
      const cards = community.authorCards && ids.length ? await community.authorCards(ids) : new Map();
      return new Map(
        ids.map((id) => {
          const card = cards.get(id);
          return [id, { id, nickname: card?.nickname ?? FALLBACK_NICKNAME, badges: card?.badges ?? [] }];
        }),
      );
    },
    async createRecapThread(trx, input) {
      if (!forum.createThread) return null;
      const thread = await forum.createThread(trx, { authorId: null, kind: 'live_recap', official: true, ...input });
      return typeof thread === 'string' ? thread : thread.id;
    },
    threadLink: (threadId) => `/community/threads/${threadId}`,
  };
}
