import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { takeDownThread } from './content-status.js';
import type { ForumDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * The author deletes their own thread: it is kept (moderation and appeals may need it) but gone for
 * readers, and leaves search with its replies in the same transaction. To anyone else the thread
 * is NOT_FOUND — whether it exists is none of their business here.
 */
export async function deleteThread(deps: ForumDeps, memberId: string, threadId: string): Promise<void> {
  await transact(deps.db, async (trx) => {
    const thread = await repo.findThread(trx, threadId, true);
    if (!thread || thread.author_id !== memberId || thread.status === 'deleted') throw new AppError('NOT_FOUND');
    // Hidden by moderation: the author's appeal, not a delete, decides what happens to it.
    if (thread.status === 'hidden') throw new AppError('CONTENT_GONE');
    await takeDownThread(deps, trx, thread, 'deleted');
  });
}
