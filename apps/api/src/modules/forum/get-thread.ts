import type { ThreadDetail } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { readableThread } from './access.js';
import type { ForumDeps } from './deps.js';
import { presentReplies, replyPage } from './list-replies.js';
import { presentThreads } from './list-threads.js';
import { productCards } from './products.js';
import * as repo from './repo.js';

/**
 * A thread with its body, tagged products, the accepted answer and the first page of replies.
 * A member's read counts toward their trust level (posts read), except the author's own look
 * right after posting.
 */
export async function getThread(
  deps: ForumDeps,
  viewerId: string | null,
  id: string,
  options: { countsAsRead?: boolean } = {},
): Promise<ThreadDetail> {
  const thread = await readableThread(deps, viewerId, id);
  const [[summary], replies, accepted, bookmarked, products] = await Promise.all([
    presentThreads(deps, viewerId, [thread]),
    replyPage(deps, thread, viewerId, { limit: 20 }),
    acceptedReply(deps, thread, viewerId),
    repo.isBookmarked(deps.db, viewerId, thread.id),
    productCards(deps, thread.product_ids),
  ]);
  if (viewerId && options.countsAsRead !== false) await transact(deps.db, (trx) => deps.ports.recordActivity(trx, viewerId, 'read'));
  return { ...summary!, body: thread.body, products, bookmarked, acceptedReply: accepted, replies };
}

async function acceptedReply(deps: ForumDeps, thread: repo.ThreadRow, viewerId: string | null) {
  if (!thread.accepted_reply_id) return null;
  const reply = await repo.findReply(deps.db, thread.accepted_reply_id);
  if (reply?.status !== 'visible') return null;
  return (await presentReplies(deps, thread, viewerId, [reply]))[0]!;
}
