import type { Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { bringBackReply, bringBackThread, takeDownReply, takeDownThread } from './content-status.js';
import type { ForumDeps } from './deps.js';
import type { ModerationApply, TargetHandler } from './ports.js';
import * as repo from './repo.js';
import { replyLink, threadLink } from './search-sync.js';

/**
 * How moderation's one `act` use case sees and changes forum content. Every decision (by an
 * operator, a group admin or the word filter) lands here, so status, counters and search change
 * together in moderation's transaction. Actions that do not apply to the content's state (releasing
 * something not held, restoring something visible) change nothing.
 */
export function threadTarget(deps: ForumDeps): TargetHandler {
  return {
    async describe(trx, id) {
      const thread = await repo.findThread(trx, id);
      if (!thread) return undefined;
      return {
        authorId: thread.author_id,
        text: `${thread.title}\n${thread.body}`,
        groupId: thread.group_id,
        link: threadLink(thread.id),
        held: thread.status === 'held',
      };
    },
    async apply(trx, id, action) {
      const thread = await repo.findThread(trx, id, true);
      if (!thread) throw new AppError('NOT_FOUND');
      await applyToThread(deps, trx, thread, action);
    },
  };
}

async function applyToThread(deps: ForumDeps, trx: Tx, thread: repo.ThreadRow, action: ModerationApply): Promise<void> {
  if ((action === 'hide' || action === 'delete') && thread.status !== 'deleted')
    await takeDownThread(deps, trx, thread, action === 'hide' ? 'hidden' : 'deleted');
  else if (action === 'restore' && (thread.status === 'hidden' || thread.status === 'deleted'))
    await bringBackThread(deps, trx, thread, false);
  else if (action === 'release' && thread.status === 'held') await bringBackThread(deps, trx, thread, true);
  // remove_from_group concerns members, not posts.
}

export function replyTarget(deps: ForumDeps): TargetHandler {
  return {
    async describe(trx, id) {
      const reply = await repo.findReply(trx, id);
      if (!reply) return undefined;
      const thread = (await repo.findThread(trx, reply.thread_id))!;
      return {
        authorId: reply.author_id,
        text: reply.body,
        groupId: thread.group_id,
        link: replyLink(thread.id, reply.id),
        held: reply.status === 'held' || thread.status === 'held',
      };
    },
    async apply(trx, id, action) {
      const found = await repo.findReply(trx, id);
      if (!found) throw new AppError('NOT_FOUND');
      // The thread is locked first, as every reply change does, so counts never race.
      const thread = (await repo.findThread(trx, found.thread_id, true))!;
      const reply = (await repo.findReply(trx, id))!;
      if ((action === 'hide' || action === 'delete') && reply.status !== 'deleted')
        await takeDownReply(deps, trx, thread, reply.id, action === 'hide' ? 'hidden' : 'deleted');
      else if (action === 'restore' && (reply.status === 'hidden' || reply.status === 'deleted'))
        await bringBackReply(deps, trx, thread, reply, false);
      else if (action === 'release' && reply.status === 'held') await bringBackReply(deps, trx, thread, reply, true);
    },
  };
}
