import {
  FORUM_BODY_MAX_CHARS,
  THREAD_TITLE_MAX_CHARS,
  type AnnouncementRequest,
  type CreateReplyRequest,
  type CreateThreadRequest,
  type ThreadListQuery,
} from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { ModerationModule } from '../moderation/index.js';
import type { SearchModule } from '../search/index.js';
import { acceptAnswer } from './accept-answer.js';
import { createReply } from './create-reply.js';
import { createThread } from './create-thread.js';
import { deleteReply } from './delete-reply.js';
import { deleteThread } from './delete-thread.js';
import type { ForumDeps } from './deps.js';
import { getThread } from './get-thread.js';
import { hotTopics } from './hot-topics.js';
import { insertThread, type ThreadInput } from './insert-thread.js';
import { listBookmarks } from './list-bookmarks.js';
import { listReplies, replyAsSeenBy } from './list-replies.js';
import { listThreads } from './list-threads.js';
import { replyTarget, threadTarget } from './moderation-targets.js';
import { createForumPorts } from './ports.js';
import { postAnnouncement } from './post-announcement.js';
import { seedDemoForum } from './seed-demo.js';
import { setBookmark } from './set-bookmark.js';
import { setLike } from './set-like.js';
import { fit } from './text.js';
import { unansweredQuestions } from './unanswered-questions.js';
import { noticesVia } from '../../platform/events/notices.js';

export { forumMemberRoutes } from './routes.member.js';
export { forumConsoleRoutes } from './routes.console.js';
export type { ThreadInput } from './insert-thread.js';

type Page = { cursor?: string | undefined; limit: number };

/**
 * Threads (帖子) in groups and the square, one level of replies, likes, bookmarks, #话题# and
 * product tags, 官方 announcements, and Q&A (questions, answers, the accepted answer, the
 * operators' unanswered queue). Registers 'thread' and 'reply' as moderation targets.
 */
export function createForumModule(
  platform: Platform,
  modules: {
    audit: AuditModule;
    community: CommunityModule;
    search: SearchModule;
    moderation: ModerationModule;
    investing: InvestingModule;
  },
) {
  const deps: ForumDeps = {
    db: platform.db,
    clock: platform.clock,
    audit: modules.audit,
    outbox: platform.outbox,
    notices: noticesVia(platform.outbox, 'forum.notices'),
    investing: modules.investing,
    ports: createForumPorts(modules),
  };
  deps.ports.registerTarget('thread', threadTarget(deps));
  deps.ports.registerTarget('reply', replyTarget(deps));
  return {
    /** A member's new thread or question; returns the thread as its author sees it. */
    async create(memberId: string, input: CreateThreadRequest) {
      return getThread(deps, memberId, await createThread(deps, memberId, input), { countsAsRead: false });
    },
    /**
     * Stores a thread in the caller's transaction (live recaps): visible, indexed, no word filter or
     * permission checks — the caller vouches for the content. `authorId: null` makes it official.
     * An over-long title or body is cut to fit rather than refused: ending a live session must not
     * fail because its recap ran long.
     */
    async createThread(trx: Tx, input: ThreadInput): Promise<{ id: string }> {
      const title = fit(input.title.trim(), THREAD_TITLE_MAX_CHARS);
      const thread = await insertThread(deps, trx, { ...input, title, body: fit(input.body, FORUM_BODY_MAX_CHARS) });
      return { id: thread.id };
    },
    list: (viewerId: string | null, query: ThreadListQuery) => listThreads(deps, viewerId, query),
    thread: (viewerId: string | null, id: string) => getThread(deps, viewerId, id),
    replies: (viewerId: string | null, threadId: string, page: Page) => listReplies(deps, viewerId, threadId, page),
    /** Returns the new reply as its author sees it (possibly held for review). */
    async reply(memberId: string, threadId: string, input: CreateReplyRequest) {
      return replyAsSeenBy(deps, memberId, await createReply(deps, memberId, threadId, input));
    },
    like: (memberId: string, type: 'thread' | 'reply', id: string, on: boolean) => setLike(deps, memberId, { type, id }, on),
    bookmark: (memberId: string, threadId: string, on: boolean) => setBookmark(deps, memberId, threadId, on),
    bookmarks: (memberId: string, page: Page) => listBookmarks(deps, memberId, page),
    deleteThread: (memberId: string, threadId: string) => deleteThread(deps, memberId, threadId),
    deleteReply: (memberId: string, replyId: string) => deleteReply(deps, memberId, replyId),
    accept: (memberId: string, threadId: string, replyId: string) => acceptAnswer(deps, memberId, threadId, replyId),
    hotTopics: () => hotTopics(deps),
    async announce(op: OperatorPrincipal, input: AnnouncementRequest, ip: string | null) {
      return getThread(deps, null, await postAnnouncement(deps, op, input, ip));
    },
    unanswered: (page: Page) => unansweredQuestions(deps, page),
    seedDemo: (members: { regular: string; expert: string }) => seedDemoForum(deps, members),
  };
}
export type ForumModule = ReturnType<typeof createForumModule>;
