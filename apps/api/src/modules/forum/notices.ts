import type { Executor, Tx } from '../../platform/db/connect.js';
import type { ForumDeps } from './deps.js';
import { DEFAULT_NICKNAME } from './ports.js';
import type * as repo from './repo.js';
import { threadLink } from './search-sync.js';
import { excerpt } from './text.js';

/**
 * The members a post may notify as @mentions: real members (the community lookup knows them) whose
 * "@昵称" is in the text — so nobody is pinged by an id the readers cannot see — other than the
 * author, and able to read the group the post is in.
 */
export async function resolveMentions(
  deps: ForumDeps,
  authorId: string,
  groupId: string | null,
  ids: readonly string[],
  text: string,
  db?: Executor,
): Promise<string[]> {
  const known = await deps.ports.knownMembers(
    ids.filter((id) => id !== authorId),
    db,
  );
  const named = [...known].filter(([, nickname]) => text.includes(`@${nickname}`)).map(([id]) => id);
  // One after another: inside a transaction `db` is a single connection.
  const readable: boolean[] = [];
  for (const id of named) readable.push(await deps.ports.canRead(id, groupId, db));
  return named.filter((_, i) => readable[i]);
}

const nicknameOf = async (deps: ForumDeps, memberId: string, db?: Executor) =>
  (await deps.ports.authorCards([memberId], db)).get(memberId)?.nickname ?? DEFAULT_NICKNAME;

/** Tells the thread's @mentioned members, once it is visible (`sourceEventId` keeps it to once). */
export async function announceThread(deps: ForumDeps, trx: Tx, thread: repo.ThreadRow): Promise<void> {
  if (thread.status !== 'visible' || !thread.author_id || !thread.mention_ids.length) return;
  const who = await nicknameOf(deps, thread.author_id, trx);
  for (const memberId of thread.mention_ids)
    await deps.notices.send(trx, {
      memberId,
      kind: 'mention',
      title: `${who} 在帖子「${excerpt(thread.title, 30)}」中提到了你`,
      body: excerpt(thread.body, 100),
      link: threadLink(thread.id),
      sourceEventId: `forum.thread.mention:${thread.id}:${memberId}`,
    });
}

/**
 * Tells the thread's author (an answer to a question, or a reply), the author of the quoted reply,
 * and the @mentioned members — each once — and counts a reply received toward the author's trust.
 */
export async function announceReply(
  deps: ForumDeps,
  trx: Tx,
  thread: repo.ThreadRow,
  reply: repo.ReplyRow,
  quoted?: repo.ReplyRow,
): Promise<void> {
  if (thread.status !== 'visible' || reply.status !== 'visible') return;
  const who = await nicknameOf(deps, reply.author_id, trx);
  const title = excerpt(thread.title, 30);
  const body = excerpt(reply.body, 100);
  const link = threadLink(thread.id);
  const told = new Set([reply.author_id]);
  const tell = async (memberId: string | null, kind: 'reply' | 'mention', text: string, tag: string) => {
    if (!memberId || told.has(memberId)) return;
    told.add(memberId);
    await deps.notices.send(trx, {
      memberId,
      kind,
      title: text,
      body,
      link,
      sourceEventId: `forum.reply.${tag}:${reply.id}:${memberId}`,
    });
  };
  if (thread.author_id && thread.author_id !== reply.author_id) {
    await tell(
      thread.author_id,
      'reply',
      thread.kind === 'question' ? `${who} 回答了你的问题「${title}」` : `${who} 回复了你的帖子「${title}」`,
      'thread',
    );
    await deps.ports.recordActivity(trx, thread.author_id, 'reply_received');
  }
  if (quoted?.status === 'visible') await tell(quoted.author_id, 'reply', `${who} 回复了你在「${title}」中的发言`, 'quote');
  for (const memberId of reply.mention_ids) await tell(memberId, 'mention', `${who} 在「${title}」中提到了你`, 'mention');
}
