import type { ThreadListQuery, ThreadPage } from '@quanzi/contracts';
import { parseThreadCursor, threadCursor } from './cursor.js';
import type { ForumDeps } from './deps.js';
import { presentThreadSummary } from './present.js';
import * as repo from './repo.js';

/**
 * The square's threads (no login needed) or a group's (its readers only), latest activity or hot
 * first, optionally one #话题# or kind, a keyset page at a time. The viewer also sees their own
 * threads waiting for review.
 */
export async function listThreads(deps: ForumDeps, viewerId: string | null, query: ThreadListQuery): Promise<ThreadPage> {
  const groupId = query.groupId ?? null;
  if (groupId) await deps.ports.assertCanRead(viewerId, groupId);
  const after = parseThreadCursor(query.cursor, query.sort);
  const rows = await repo.listThreads(
    deps.db,
    { groupId, viewerId, topic: query.topic, kind: query.kind },
    query.sort,
    after,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: await presentThreads(deps, viewerId, page),
    nextCursor: rows.length > query.limit ? keyOf(page.at(-1)!, query.sort) : null,
  };
}

const keyOf = (row: repo.ThreadRow, sort: 'latest' | 'hot') =>
  threadCursor(sort === 'latest' ? { sort, at: row.last_activity_at, id: row.id } : { sort, score: row.hot_score, id: row.id });

/** Summaries of a page of threads with their authors' cards and the viewer's likes. */
export async function presentThreads(deps: ForumDeps, viewerId: string | null, rows: readonly repo.ThreadRow[]) {
  const [cards, liked] = await Promise.all([
    deps.ports.authorCards(rows.flatMap((r) => (r.author_id ? [r.author_id] : []))),
    repo.likedAmong(
      deps.db,
      viewerId,
      'thread',
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => presentThreadSummary(r, cards, liked));
}
