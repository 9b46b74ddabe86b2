import type { ForumAuthor } from '@quanzi/contracts';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { CommunityModule } from '../community/index.js';
import type { ModerationModule } from '../moderation/index.js';
import type { SearchModule } from '../search/index.js';

/**
 * The one place the forum reaches community, search and moderation: the calls, with the shapes the
 * forum's use cases work in.
 */

export type SearchKind = 'thread' | 'reply' | 'question' | 'answer';
export interface SearchDocument {
  kind: SearchKind;
  id: string;
  scope: string;
  title?: string | null;
  body: string;
  authorId: string | null;
  link: string;
  createdAt: Date;
}

export interface ScreenMatch {
  word: string;
  category: 'contact' | 'promise' | 'other';
  ruleCode: string;
}
export interface Screening {
  verdict: 'pass' | 'flag' | 'hold' | 'block';
  matches: ScreenMatch[];
}

export type ModerationApply = 'hide' | 'delete' | 'restore' | 'release' | 'remove_from_group';
export interface TargetHandler {
  describe(
    trx: Executor,
    id: string,
  ): Promise<{ authorId: string | null; text: string; groupId: string | null; link: string | null; held?: boolean } | undefined>;
  apply(trx: Tx, id: string, action: ModerationApply, ctx: { groupId: string | null }): Promise<void>;
}

interface ModerationSide {
  screen(text: string): Screening;
  recordFilter(
    trx: Tx,
    input: {
      verdict: 'hold' | 'block';
      /** A block has no stored content: the type alone says what it would have been. */
      target: { type: 'thread' | 'reply'; id?: string };
      authorId: string;
      text: string;
      match: ScreenMatch;
    },
  ): Promise<unknown>;
  assertCanPost(db: Executor, memberId: string, groupId: string | null): Promise<unknown>;
  registerTarget(type: 'thread' | 'reply', handler: TargetHandler): void;
}

export const DEFAULT_NICKNAME = '圈友';

export function createForumPorts(modules: { community: CommunityModule; search: SearchModule; moderation: ModerationModule }) {
  const { community, search, moderation } = modules;

  // Every read takes an optional `db`: inside a transaction pass it, so the read runs on the
  // transaction's connection instead of taking a second one from the pool (which deadlocks under load).
  const assertCanRead = async (memberId: string | null, groupId: string, db?: Executor): Promise<void> => {
    // Signed out: a public group's content asks for a login; a private group's does not exist.
    if (!memberId) throw new AppError((await community.isPublicGroup(groupId, db)) ? 'UNAUTHENTICATED' : 'NOT_FOUND');
    await community.assertCanRead(memberId, groupId, db);
  };

  return {
    /** Group content is for its members: NOT_FOUND for unknown groups, NOT_GROUP_MEMBER for private ones. */
    assertCanRead,
    async canRead(memberId: string, groupId: string | null, db?: Executor): Promise<boolean> {
      if (!groupId) return true;
      try {
        await assertCanRead(memberId, groupId, db);
        return true;
      } catch (err) {
        // Only the rule's answers are a "no"; a database failure is not a refusal.
        if (err instanceof AppError && (err.code === 'NOT_GROUP_MEMBER' || err.code === 'NOT_FOUND')) return false;
        throw err;
      }
    },
    /** Posting rights: group membership (community) and mutes (moderation, MEMBER_MUTED). */
    async assertCanPost(trx: Tx, memberId: string, groupId: string | null): Promise<void> {
      if (groupId) await community.assertCanPost(trx, memberId, groupId);
      await moderation.assertCanPost(trx, memberId, groupId);
    },
    /**
     * Day-one limits on links, mentions and posting rate (TRUST_LIMIT) and product tags, counted with
     * chat's product cards (PRODUCT_CARD_LIMIT); forum posts carry no images.
     */
    async checkNewcomerLimits(trx: Tx, memberId: string, post: { text: string; mentions: number; products?: number }): Promise<void> {
      await community.checkNewcomerLimits(trx, memberId, { ...post, image: false });
    },
    async recordActivity(trx: Tx, memberId: string, kind: 'read' | 'reply_received'): Promise<void> {
      await community.recordActivity(trx, memberId, kind);
    },
    /** Name and badges per member id; members the lookup does not know appear as 圈友. */
    async authorCards(ids: readonly string[], db?: Executor): Promise<Map<string, ForumAuthor>> {
      const unique = [...new Set(ids)];
      const cards = new Map<string, ForumAuthor>();
      if (!unique.length) return cards;
      const known = await community.authorCards(unique, db);
      for (const id of unique) {
        const card = known.get(id);
        cards.set(id, {
          id,
          nickname: card?.nickname ?? DEFAULT_NICKNAME,
          badges: card?.badges ?? [],
          badgeTitle: card?.badgeTitle ?? null,
          official: false,
        });
      }
      return cards;
    },
    /** Real members among `ids`, with their nicknames, for @mentions. */
    async knownMembers(ids: readonly string[], db?: Executor): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const cards = await community.authorCards([...new Set(ids)], db);
      return new Map([...cards.values()].map((c) => [c.id, c.nickname]));
    },
    /** The word filter's verdict. */
    screen: (text: string): Screening => moderation.screen(text),
    async recordFilter(trx: Tx, input: Parameters<ModerationSide['recordFilter']>[1]): Promise<void> {
      await moderation.recordFilter(trx, input);
    },
    registerTarget(type: 'thread' | 'reply', handler: TargetHandler): void {
      moderation.registerTarget(type, handler);
    },
    async index(trx: Tx, doc: SearchDocument): Promise<void> {
      await search.index(trx, doc);
    },
    async unindex(trx: Tx, kind: SearchKind, id: string): Promise<void> {
      await search.remove(trx, kind, id);
    },
  };
}
export type ForumPorts = ReturnType<typeof createForumPorts>;
