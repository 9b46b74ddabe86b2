import type { UnansweredPage } from '@quanzi/contracts';
import { parseTimeCursor, timeCursor } from './cursor.js';
import type { ForumDeps } from './deps.js';
import { authorOf } from './present.js';
import * as repo from './repo.js';
import { excerpt } from './text.js';

/**
 * For operators: visible questions (square and groups) nobody has replied to, oldest first — the
 * ones waiting longest need an answer most ("where there is no response there is despair").
 */
export async function unansweredQuestions(deps: ForumDeps, query: { cursor?: string | undefined; limit: number }): Promise<UnansweredPage> {
  const rows = await repo.unansweredQuestions(deps.db, parseTimeCursor(query.cursor), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const cards = await deps.ports.authorCards(page.flatMap((r) => (r.author_id ? [r.author_id] : [])));
  return {
    items: page.map((r) => ({
      id: r.id,
      groupId: r.group_id,
      title: r.title,
      excerpt: excerpt(r.body),
      author: authorOf(r.author_id, r.official, cards),
      topics: r.topics,
      replyCount: r.reply_count,
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? timeCursor(page.at(-1)!.created_at, page.at(-1)!.id) : null,
  };
}
