import type { ForumAuthor } from '@quanzi/contracts';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { CommunityModule } from '../community/index.js';
import type { ModerationModule } from '../moderation/index.js';
import type { SearchModule } from '../search/index.js';

/**
 * What the forum needs from community, search and moderation (issue 7's shared design). Those
 * modules are written alongside this one, so each method below is used when its owner exports it
 * and otherwise falls back to the safe answer for today: group content is NOT_FOUND (no group can
 * be checked), everyone is a 圈友 without badges, nothing is filtered, indexed or muted. Once the
 * owners' methods exist, the integrator calls them directly and deletes the `typeof` guards.
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
  ): Promise<{ authorId: string | null; text: string; groupId: string | null; link: string | null } | undefined>;
  apply(trx: Tx, id: string, action: ModerationApply, ctx: { groupId: string | null }): Promise<void>;
}

export interface AuthorCard {
  id: string;
  nickname: string;
  badges: Array<'staff' | 'expert'>;
  badgeTitle?: string | null;
}

interface CommunitySide {
  assertCanRead(memberId: string, groupId: string): Promise<unknown>;
  assertCanPost(db: Executor, memberId: string, groupId: string): Promise<unknown>;
  authorCards(memberIds: readonly string[]): Promise<Map<string, AuthorCard>>;
  /** Counts the links in `text` itself; TRUST_LIMIT when a newcomer goes past a limit. */
  checkNewcomerLimits(db: Executor, memberId: string, post: { text: string; image: boolean; mentions: number }): Promise<unknown>;
  isExpert(memberId: string): Promise<boolean>;
  recordActivity(db: Executor, memberId: string, kind: 'read' | 'reply_received'): Promise<unknown>;
}
interface SearchSide {
  index(trx: Tx, doc: SearchDocument): Promise<void>;
  remove(trx: Tx, kind: SearchKind, id: string): Promise<void>;
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

/** Views a module as possibly having the methods it is about to gain. */
const partial = <T extends object>(module: object): Partial<T> => module as Partial<T>;

export const DEFAULT_NICKNAME = '圈友';

export function createForumPorts(modules: { community: CommunityModule; search: SearchModule; moderation: ModerationModule }) {
  const community = partial<CommunitySide>(modules.community);
  const search = partial<SearchSide>(modules.search);
  const moderation = partial<ModerationSide>(modules.moderation);

  const assertCanRead = async (memberId: string | null, groupId: string): Promise<void> => {
    if (!community.assertCanRead) throw new AppError('NOT_FOUND');
    if (!memberId) throw new AppError('UNAUTHENTICATED');
    await community.assertCanRead(memberId, groupId);
  };

  return {
    /** Group content is for its members: NOT_FOUND for unknown groups, NOT_GROUP_MEMBER for private ones. */
    assertCanRead,
    async canRead(memberId: string, groupId: string | null): Promise<boolean> {
      if (!groupId) return true;
      return assertCanRead(memberId, groupId).then(
        () => true,
        () => false,
      );
    },
    /** Posting rights: group membership (community) and mutes (moderation, MEMBER_MUTED). */
    async assertCanPost(trx: Tx, memberId: string, groupId: string | null): Promise<void> {
      if (groupId) {
        if (!community.assertCanPost) throw new AppError('NOT_FOUND');
        await community.assertCanPost(trx, memberId, groupId);
      }
      if (moderation.assertCanPost) await moderation.assertCanPost(trx, memberId, groupId);
    },
    /** Day-one limits on links, mentions and posting rate (TRUST_LIMIT); forum posts carry no images. */
    async checkNewcomerLimits(trx: Tx, memberId: string, post: { text: string; mentions: number }): Promise<void> {
      if (community.checkNewcomerLimits) await community.checkNewcomerLimits(trx, memberId, { ...post, image: false });
    },
    async recordActivity(trx: Tx, memberId: string, kind: 'read' | 'reply_received'): Promise<void> {
      if (community.recordActivity) await community.recordActivity(trx, memberId, kind);
    },
    /** Whether `recordActivity` does anything: a read need not open a transaction otherwise. */
    tracksActivity: () => Boolean(community.recordActivity),
    /** Name and badges per member id; members the lookup does not know appear as 圈友. */
    async authorCards(ids: readonly string[]): Promise<Map<string, ForumAuthor>> {
      const unique = [...new Set(ids)];
      const cards = new Map<string, ForumAuthor>();
      if (!unique.length) return cards;
      const known = community.authorCards ? await community.authorCards(unique) : new Map<string, AuthorCard>();
      const experts = !community.authorCards && community.isExpert ? await expertsAmong(community.isExpert, unique) : new Set<string>();
      for (const id of unique) {
        const card = known.get(id);
        cards.set(id, {
          id,
          nickname: card?.nickname ?? DEFAULT_NICKNAME,
          badges: card?.badges ?? (experts.has(id) ? ['expert'] : []),
          badgeTitle: card?.badgeTitle ?? null,
          official: false,
        });
      }
      return cards;
    },
    /**
     * Real members among `ids`, with their nicknames, for @mentions. Without the community lookup
     * no id can be verified, so mentions notify nobody rather than anybody.
     */
    async knownMembers(ids: readonly string[]): Promise<Map<string, string>> {
      if (!community.authorCards || !ids.length) return new Map();
      const cards = await community.authorCards([...new Set(ids)]);
      return new Map([...cards.values()].map((c) => [c.id, c.nickname]));
    },
    /** The word filter's verdict; everything passes until moderation provides one. */
    screen: (text: string): Screening => (moderation.screen ? moderation.screen(text) : { verdict: 'pass', matches: [] }),
    async recordFilter(trx: Tx, input: Parameters<ModerationSide['recordFilter']>[1]): Promise<void> {
      if (moderation.recordFilter) await moderation.recordFilter(trx, input);
    },
    registerTarget(type: 'thread' | 'reply', handler: TargetHandler): void {
      if (moderation.registerTarget) moderation.registerTarget(type, handler);
    },
    async index(trx: Tx, doc: SearchDocument): Promise<void> {
      if (search.index) await search.index(trx, doc);
    },
    async unindex(trx: Tx, kind: SearchKind, id: string): Promise<void> {
      if (search.remove) await search.remove(trx, kind, id);
    },
  };
}
export type ForumPorts = ReturnType<typeof createForumPorts>;

async function expertsAmong(isExpert: (id: string) => Promise<boolean>, ids: readonly string[]): Promise<Set<string>> {
  const flags = await Promise.all(ids.map((id) => isExpert(id)));
  return new Set(ids.filter((_, i) => flags[i]));
}
