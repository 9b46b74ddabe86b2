import type { Tx } from '../../platform/db/connect.js';
import type { ForumPorts, SearchKind } from './ports.js';
import * as repo from './repo.js';

/**
 * Keeps the search index equal to what readers can see, in the transaction that changes it:
 * visible threads and their visible replies are indexed; anything held, hidden or deleted is not.
 * Square threads are 'public'; a group's are scoped to 'group:<id>' so only its members find them.
 */
export const threadLink = (threadId: string): string => `/community/threads/${threadId}`;
export const replyLink = (threadId: string, replyId: string): string => `${threadLink(threadId)}#reply-${replyId}`;
export const scopeOf = (groupId: string | null): string => (groupId ? `group:${groupId}` : 'public');

const threadKind = (thread: repo.ThreadRow): SearchKind => (thread.kind === 'question' ? 'question' : 'thread');
const replyKind = (thread: repo.ThreadRow): SearchKind => (thread.kind === 'question' ? 'answer' : 'reply');

export async function indexThread(ports: ForumPorts, trx: Tx, thread: repo.ThreadRow): Promise<void> {
  if (thread.status !== 'visible') return;
  await ports.index(trx, {
    kind: threadKind(thread),
    id: thread.id,
    scope: scopeOf(thread.group_id),
    title: thread.title,
    body: thread.body,
    authorId: thread.author_id,
    link: threadLink(thread.id),
    createdAt: thread.created_at,
  });
}

export async function indexReply(ports: ForumPorts, trx: Tx, thread: repo.ThreadRow, reply: repo.ReplyRow): Promise<void> {
  if (thread.status !== 'visible' || reply.status !== 'visible') return;
  await ports.index(trx, {
    kind: replyKind(thread),
    id: reply.id,
    scope: scopeOf(thread.group_id),
    title: null,
    body: reply.body,
    authorId: reply.author_id,
    link: replyLink(thread.id, reply.id),
    createdAt: reply.created_at,
  });
}

export const unindexReply = (ports: ForumPorts, trx: Tx, thread: repo.ThreadRow, replyId: string): Promise<void> =>
  ports.unindex(trx, replyKind(thread), replyId);

/** A thread leaving readers' sight takes its replies out of search with it (their links would lead nowhere). */
export async function unindexThread(ports: ForumPorts, trx: Tx, thread: repo.ThreadRow): Promise<void> {
  await ports.unindex(trx, threadKind(thread), thread.id);
  for (const reply of await repo.repliesOfThread(trx, thread.id, ['visible'])) await unindexReply(ports, trx, thread, reply.id);
}

/** A thread back in sight (restored or released) brings its visible replies back into search. */
export async function reindexThread(ports: ForumPorts, trx: Tx, thread: repo.ThreadRow): Promise<void> {
  await indexThread(ports, trx, thread);
  for (const reply of await repo.repliesOfThread(trx, thread.id, ['visible'])) await indexReply(ports, trx, thread, reply);
}
