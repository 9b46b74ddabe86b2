import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { visibleThread } from './access.js';
import type { ForumDeps } from './deps.js';
import { DEFAULT_NICKNAME } from './ports.js';
import * as repo from './repo.js';
import { threadLink } from './search-sync.js';
import { excerpt } from './text.js';

/**
 * The asker accepts one answer to their question. Accepting the same answer again is a no-op;
 * another answer once one is accepted is ANSWER_STATE_CONFLICT (the asker's choice is final unless
 * the accepted answer disappears). The answer's author is told.
 */
export async function acceptAnswer(
  deps: ForumDeps,
  memberId: string,
  threadId: string,
  replyId: string,
): Promise<{ acceptedReplyId: string }> {
  return transact(deps.db, async (trx) => {
    const thread = await visibleThread(deps, memberId, threadId, trx, true);
    if (thread.kind !== 'question') throw new AppError('VALIDATION_FAILED', {}, [{ field: 'threadId', issue: 'not a question' }]);
    if (thread.author_id !== memberId) throw new AppError('FORBIDDEN');
    const reply = await repo.findReply(trx, replyId);
    if (!reply || reply.thread_id !== thread.id || reply.status === 'held')
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'replyId', issue: 'not an answer to this question' }]);
    if (reply.status !== 'visible') throw new AppError('CONTENT_GONE');
    const accepted = await repo.acceptReply(trx, thread.id, reply.id);
    if (accepted !== reply.id) throw new AppError('ANSWER_STATE_CONFLICT');
    if (thread.accepted_reply_id !== reply.id && reply.author_id !== memberId) {
      const asker = (await deps.ports.authorCards([memberId], trx)).get(memberId)?.nickname ?? DEFAULT_NICKNAME;
      await deps.notices.send(trx, {
        memberId: reply.author_id,
        kind: 'reply',
        title: `${asker} 采纳了你对「${excerpt(thread.title, 30)}」的回答`,
        body: excerpt(reply.body, 100),
        link: threadLink(thread.id),
        sourceEventId: `forum.answer.accepted:${reply.id}`,
      });
      // Growth campaigns reward accepted answers (trigger `answer_accepted`): the answer's author is the member.
      await deps.outbox.emit(trx, 'forum.answer_accepted', { memberId: reply.author_id, threadId: thread.id, replyId: reply.id });
    }
    return { acceptedReplyId: reply.id };
  });
}
