import type { ThreadPage } from '@quanzi/contracts';
import { parseSeqCursor, seqCursor } from './cursor.js';
import type { ForumDeps } from './deps.js';
import { presentThreads } from './list-threads.js';
import * as repo from './repo.js';

/**
 * The member's bookmarks, newest first. Threads that have gone, and group threads of groups the
 * member can no longer read, are left out (the bookmark stays, in case access comes back).
 */
export async function listBookmarks(
  deps: ForumDeps,
  memberId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<ThreadPage> {
  const rows = await repo.listBookmarks(deps.db, memberId, parseSeqCursor(query.cursor), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const readable = await Promise.all(page.map((r) => deps.ports.canRead(memberId, r.group_id)));
  const shown = page.filter((_, i) => readable[i]);
  return {
    items: await presentThreads(deps, memberId, shown),
    nextCursor: rows.length > query.limit ? seqCursor(page.at(-1)!.bookmark_seq) : null,
  };
}
