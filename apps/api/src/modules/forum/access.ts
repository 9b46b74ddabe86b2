import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { ForumDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * The thread as `viewerId` may read it: a group's threads need the group's permission (login
 * first), held ones exist only for their author, and hidden or deleted ones are CONTENT_GONE.
 */
export async function readableThread(
  deps: ForumDeps,
  viewerId: string | null,
  id: string,
  options: { db?: Executor; lock?: boolean } = {},
): Promise<repo.ThreadRow> {
  const thread = await repo.findThread(options.db ?? deps.db, id, options.lock);
  if (!thread) throw new AppError('NOT_FOUND');
  // A thread of a group the viewer may not read does not exist for them (no existence oracles).
  if (thread.group_id)
    await deps.ports.assertCanRead(viewerId, thread.group_id, options.db).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_GROUP_MEMBER') throw new AppError('NOT_FOUND');
      throw err;
    });
  if (thread.status === 'held' && (viewerId === null || thread.author_id !== viewerId)) throw new AppError('NOT_FOUND');
  if (thread.status === 'hidden' || thread.status === 'deleted') throw new AppError('CONTENT_GONE');
  return thread;
}

/** Likes, bookmarks and replies need a thread everyone can see, not one still under review. */
export async function visibleThread(deps: ForumDeps, viewerId: string, id: string, db: Executor, lock = false): Promise<repo.ThreadRow> {
  const thread = await readableThread(deps, viewerId, id, { db, lock });
  if (thread.status !== 'visible') throw new AppError('CONTENT_GONE');
  return thread;
}

/** A reply `viewerId` may act on: in a thread they can see, and itself visible. */
export async function visibleReply(
  deps: ForumDeps,
  viewerId: string,
  id: string,
  db: Executor,
): Promise<{ thread: repo.ThreadRow; reply: repo.ReplyRow }> {
  const reply = await repo.findReply(db, id);
  if (!reply) throw new AppError('NOT_FOUND');
  const thread = await visibleThread(deps, viewerId, reply.thread_id, db);
  if (reply.status === 'held' && reply.author_id !== viewerId) throw new AppError('NOT_FOUND');
  if (reply.status !== 'visible') throw new AppError('CONTENT_GONE');
  return { thread, reply };
}
