import type { CreateReplyRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { visibleThread } from './access.js';
import type { ForumDeps } from './deps.js';
import { announceReply, resolveMentions } from './notices.js';
import * as repo from './repo.js';
import { placementOf, recordHold, refuseBlocked } from './screen.js';
import { indexReply } from './search-sync.js';
import { assertReplyText } from './text.js';

/**
 * A member replies to a visible thread (an answer, when the thread is a question). Replies are one
 * level: replying to a reply quotes it. The word filter applies as for threads. The reply, the
 * thread's counters, its search entry and the notifications commit together.
 */
export async function createReply(deps: ForumDeps, memberId: string, threadId: string, input: CreateReplyRequest): Promise<string> {
  assertReplyText(input.body);
  const placement = placementOf(deps.ports.screen(input.body));
  const outcome = await transact(deps.db, async (trx) => {
    const thread = await visibleThread(deps, memberId, threadId, trx, true);
    await deps.ports.assertCanPost(trx, memberId, thread.group_id);
    const quoted = input.quoteReplyId ? await quotable(trx, thread.id, input.quoteReplyId) : undefined;
    const mentionIds = await resolveMentions(deps, memberId, thread.group_id, input.mentions, input.body, trx);
    await deps.ports.checkNewcomerLimits(trx, memberId, { text: input.body, mentions: mentionIds.length });
    if (placement.status === 'blocked') return { blocked: placement.match } as const;
    const now = deps.clock.now();
    const reply = await repo.insertReply(trx, {
      thread_id: thread.id,
      author_id: memberId,
      quote_reply_id: quoted?.id ?? null,
      body: input.body,
      mention_ids: mentionIds,
      status: placement.status,
      warning: placement.warning,
      created_at: now,
    });
    if (reply.status === 'visible') await repo.recountReplies(trx, thread.id, now);
    await indexReply(deps.ports, trx, thread, reply);
    await recordHold(deps, trx, placement, { type: 'reply', id: reply.id }, memberId, input.body);
    await announceReply(deps, trx, thread, reply, quoted);
    if (reply.status === 'visible' && thread.group_id)
      await deps.outbox.emit(trx, 'forum.reply_posted', {
        threadId: thread.id,
        replyId: reply.id,
        groupId: thread.group_id,
        authorId: memberId,
        createdAt: reply.created_at.toISOString(),
      });
    return { id: reply.id } as const;
  });
  if (outcome.blocked) return refuseBlocked(deps, 'reply', memberId, input.body, outcome.blocked);
  return outcome.id;
}

/** A reply can quote only a visible reply of the same thread. */
async function quotable(trx: Parameters<typeof repo.findReply>[0], threadId: string, id: string): Promise<repo.ReplyRow> {
  const quoted = await repo.findReply(trx, id);
  if (!quoted || quoted.thread_id !== threadId)
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'quoteReplyId', issue: 'not a reply in this thread' }]);
  if (quoted.status !== 'visible') throw new AppError('CONTENT_GONE');
  return quoted;
}
