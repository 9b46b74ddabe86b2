import type { ReplyPage } from '@quanzi/contracts';
import { readableThread } from './access.js';
import { parseSeqCursor, seqCursor } from './cursor.js';
import type { ForumDeps } from './deps.js';
import { presentReply } from './present.js';
import * as repo from './repo.js';

/** A page of a thread's replies (oldest first) for whoever may read the thread. */
export async function listReplies(
  deps: ForumDeps,
  viewerId: string | null,
  threadId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<ReplyPage> {
  const thread = await readableThread(deps, viewerId, threadId);
  return replyPage(deps, thread, viewerId, query);
}

export async function replyPage(
  deps: ForumDeps,
  thread: repo.ThreadRow,
  viewerId: string | null,
  query: { cursor?: string | undefined; limit: number },
): Promise<ReplyPage> {
  const rows = await repo.listReplies(deps.db, thread.id, viewerId, parseSeqCursor(query.cursor), query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await presentReplies(deps, thread, viewerId, page),
    nextCursor: rows.length > query.limit ? seqCursor(page.at(-1)!.seq) : null,
  };
}

/** Replies with their authors' cards, the viewer's likes and the replies they quote. */
export async function presentReplies(deps: ForumDeps, thread: repo.ThreadRow, viewerId: string | null, rows: readonly repo.ReplyRow[]) {
  const quoted = await repo.repliesByIds(deps.db, [...new Set(rows.flatMap((r) => (r.quote_reply_id ? [r.quote_reply_id] : [])))]);
  const [cards, liked] = await Promise.all([
    deps.ports.authorCards([...rows, ...quoted].map((r) => r.author_id)),
    repo.likedAmong(
      deps.db,
      viewerId,
      'reply',
      rows.map((r) => r.id),
    ),
  ]);
  const quotes = new Map(quoted.map((q) => [q.id, q]));
  return rows.map((r) => presentReply(r, thread, cards, liked, quotes));
}

/** One reply as `viewerId` sees it (the author right after posting, even while it is held). */
export async function replyAsSeenBy(deps: ForumDeps, viewerId: string, replyId: string) {
  const reply = (await repo.findReply(deps.db, replyId))!;
  const thread = (await repo.findThread(deps.db, reply.thread_id))!;
  return (await presentReplies(deps, thread, viewerId, [reply]))[0]!;
}
