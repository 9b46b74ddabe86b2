import type { LiveQuestion } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { assertCanEnter, assertStatus } from './access.js';
import { broadcastLive } from './broadcast.js';
import type { LiveDeps } from './deps.js';
import { presentQuestionState } from './present.js';
import { lockQuestion } from './question-target.js';
import * as repo from './repo.js';

/**
 * A member upvotes a question once: the vote's primary key is the rule, so a second tap (or a
 * concurrent one) leaves the count alone and answers with the current state. Upvotes order the
 * queue and the recap, so they close when the session ends.
 */
export async function upvoteQuestion(deps: LiveDeps, memberId: string, questionId: string): Promise<LiveQuestion> {
  return transact(deps.db, async (trx) => {
    const { session, question } = await lockQuestion(trx, questionId, (s) => assertCanEnter(deps, s, memberId, trx));
    assertStatus(session, 'scheduled', 'live');
    const counted = await repo.insertVote(trx, question.id, memberId, deps.clock.now());
    const row = counted ? await repo.incrementUpvotes(trx, question.id) : question;
    const state = presentQuestionState(row, (await deps.ports.authors([row.member_id], trx)).get(row.member_id)!);
    if (counted) await broadcastLive(deps.outbox, trx, session.id, 'live.question', { action: 'upvoted', question: state });
    return { ...state, upvotedByMe: true };
  });
}
