import type { LiveAuthor } from '@quanzi/contracts';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { CommunityModule } from '../community/index.js';
import type { ForumModule } from '../forum/index.js';
import type { ModerationModule } from '../moderation/index.js';

/** The one place live reaches other community modules, in the shapes live's use cases work in. */

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
  ): Promise<{ authorId: string | null; text: string; groupId: string | null; link: string | null; held?: boolean } | undefined>;
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

export interface LivePorts {
  screen(text: string): Promise<ScreenResult>;
  /** Writes the filter's modlog entry (and for 'hold' its queue item). */
  recordFilter(trx: Tx, input: Parameters<ModerationApi['recordFilter']>[1]): Promise<void>;
  /** Throws MEMBER_MUTED when a mute covers the member. */
  assertCanPost(trx: Tx, memberId: string, groupId: string | null): Promise<void>;
  registerTarget(type: 'live_comment', handler: TargetHandler): void;
  /**
   * Whether the member may read a group's content (its live sessions included). Inside a
   * transaction pass it as `db` (here and in `authors`): never a second pool connection there.
   */
  canReadGroup(memberId: string, groupId: string, db?: Executor): Promise<boolean>;
  authors(memberIds: readonly string[], db?: Executor): Promise<Map<string, LiveAuthor>>;
  /** Makes the official recap thread in the caller's transaction. */
  createRecapThread(
    trx: Tx,
    input: { groupId: string | null; title: string; body: string; operator: { id: string; name: string } | null },
  ): Promise<string>;
  threadLink(threadId: string): string;
}

/** The name shown for a member the community lookup does not know. */
export const FALLBACK_NICKNAME = '圈友';

export function createLivePorts(modules: { community: CommunityModule; forum: ForumModule; moderation: ModerationModule }): LivePorts {
  const { community, forum, moderation } = modules;
  return {
    async screen(text) {
      return moderation.screen(text);
    },
    async recordFilter(trx, input) {
      await moderation.recordFilter(trx, input);
    },
    async assertCanPost(trx, memberId, groupId) {
      await moderation.assertCanPost(trx, memberId, groupId);
    },
    registerTarget(type, handler) {
      moderation.registerTarget(type, handler);
    },
    async canReadGroup(memberId, groupId, db) {
      try {
        await community.assertCanRead(memberId, groupId, db);
        return true;
      } catch (err) {
        if (err instanceof AppError && (err.code === 'NOT_GROUP_MEMBER' || err.code === 'NOT_FOUND')) return false;
        throw err;
      }
    },
    async authors(memberIds, db) {
      const ids = [...new Set(memberIds)];
      const cards = ids.length
        ? await community.authorCards(ids, db)
        : new Map<string, { nickname: string; badges: Array<'staff' | 'expert'> }>();
      return new Map(
        ids.map((id) => {
          const card = cards.get(id);
          return [id, { id, nickname: card?.nickname ?? FALLBACK_NICKNAME, badges: card?.badges ?? [] }];
        }),
      );
    },
    async createRecapThread(trx, input) {
      const thread = await forum.createThread(trx, { authorId: null, kind: 'live_recap', official: true, ...input });
      return thread.id;
    },
    threadLink: (threadId) => `/community/threads/${threadId}`,
  };
}
