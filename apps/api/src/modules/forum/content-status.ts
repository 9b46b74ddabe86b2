import type { Tx } from '../../platform/db/connect.js';
import type { ForumDeps } from './deps.js';
import { announceReply, announceThread } from './notices.js';
import * as repo from './repo.js';
import { indexReply, reindexThread, unindexReply, unindexThread } from './search-sync.js';

/**
 * Status changes of threads and replies, shared by authors' deletes and moderation. Each keeps the
 * counters, the accepted answer and the search index consistent in the caller's transaction.
 * Callers lock the thread first (repo.findThread(trx, id, true)).
 */

/** Hidden or deleted: gone for readers, with its replies, and out of search. */
export async function takeDownThread(deps: ForumDeps, trx: Tx, thread: repo.ThreadRow, status: 'hidden' | 'deleted'): Promise<void> {
  await repo.setThreadStatus(trx, thread.id, status);
  await unindexThread(deps.ports, trx, thread);
  // Community operations stops waiting for an answer to a question that is gone.
  await deps.outbox.emit(trx, 'forum.thread_removed', { threadId: thread.id, groupId: thread.group_id, status });
}

/**
 * Visible again: restored after an overturned decision, or released from review. A release is the
 * first time readers see it, so its @mentions are told now.
 */
export async function bringBackThread(deps: ForumDeps, trx: Tx, thread: repo.ThreadRow, released: boolean): Promise<void> {
  await repo.setThreadStatus(trx, thread.id, 'visible');
  const visible = { ...thread, status: 'visible' as const };
  await reindexThread(deps.ports, trx, visible);
  if (released) await announceThread(deps, trx, visible);
}

export async function takeDownReply(
  deps: ForumDeps,
  trx: Tx,
  thread: repo.ThreadRow,
  replyId: string,
  status: 'hidden' | 'deleted',
): Promise<void> {
  await repo.setReplyStatus(trx, replyId, status);
  await repo.recountReplies(trx, thread.id);
  await repo.clearAccepted(trx, thread.id, replyId);
  await unindexReply(deps.ports, trx, thread, replyId);
}

/** A released reply is news to the thread's author, the quoted author and the mentioned, as a new one would be. */
export async function bringBackReply(
  deps: ForumDeps,
  trx: Tx,
  thread: repo.ThreadRow,
  reply: repo.ReplyRow,
  released: boolean,
): Promise<void> {
  await repo.setReplyStatus(trx, reply.id, 'visible');
  const visible = { ...reply, status: 'visible' as const };
  await repo.recountReplies(trx, thread.id, released ? deps.clock.now() : undefined);
  await indexReply(deps.ports, trx, thread, visible);
  if (released) {
    const quoted = visible.quote_reply_id ? await repo.findReply(trx, visible.quote_reply_id) : undefined;
    await announceReply(deps, trx, thread, visible, quoted);
  }
}
