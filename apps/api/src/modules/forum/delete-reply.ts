import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { takeDownReply } from './content-status.js';
import type { ForumDeps } from './deps.js';
import * as repo from './repo.js';

/** The author deletes their own reply: the thread's count drops, an accepted answer is no longer accepted, search forgets it. */
export async function deleteReply(deps: ForumDeps, memberId: string, replyId: string): Promise<void> {
  await transact(deps.db, async (trx) => {
    const found = await repo.findReply(trx, replyId);
    if (!found || found.author_id !== memberId || found.status === 'deleted') throw new AppError('NOT_FOUND');
    // Hidden by moderation: the author's appeal, not a delete, decides what happens to it.
    if (found.status === 'hidden') throw new AppError('CONTENT_GONE');
    const thread = (await repo.findThread(trx, found.thread_id, true))!;
    await takeDownReply(deps, trx, thread, found.id, 'deleted');
  });
}
