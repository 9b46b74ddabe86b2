import { transact } from '../../platform/db/transact.js';
import { readableThread, visibleThread } from './access.js';
import type { ForumDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * Bookmarks a visible thread, or removes a bookmark (also from a thread that has since gone, so a
 * member can always tidy their list). Repeating either changes nothing.
 */
export async function setBookmark(deps: ForumDeps, memberId: string, threadId: string, on: boolean): Promise<{ bookmarked: boolean }> {
  return transact(deps.db, async (trx) => {
    if (on) await visibleThread(deps, memberId, threadId, trx);
    else if (!(await repo.isBookmarked(trx, memberId, threadId))) await readableThread(deps, memberId, threadId, { db: trx });
    await repo.setBookmark(trx, memberId, threadId, on, deps.clock.now());
    return { bookmarked: on };
  });
}
