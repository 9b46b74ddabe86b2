import type { LiveQuestion } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { assertHost, assertStatus } from './access.js';
import { broadcastLive } from './broadcast.js';
import { auditActor, auditIp, type LiveActor, type LiveDeps } from './deps.js';
import { presentQuestionState } from './present.js';
import { lockQuestion } from './question-target.js';
import * as repo from './repo.js';

/**
 * The host (or an operator) marks a question answered while the session is live; it then appears in
 * the recap. Marking it again changes nothing. The room hears the new state.
 */
export async function markAnswered(deps: LiveDeps, actor: LiveActor, questionId: string): Promise<LiveQuestion> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const { session, question } = await lockQuestion(trx, questionId, (s) => assertHost(deps, s, actor, trx));
    assertStatus(session, 'live');
    let row = question;
    if (question.status === 'open') {
      row = await repo.updateQuestion(trx, question.id, { status: 'answered', answered_at: now });
      await deps.audit.record(trx, {
        actor: auditActor(actor),
        action: 'live.question_answered',
        target: { type: 'live_question', id: question.id },
        after: { sessionId: session.id, upvotes: row.upvotes },
        ip: auditIp(actor),
      });
    }
    const state = presentQuestionState(row, (await deps.ports.authors([row.member_id], trx)).get(row.member_id)!);
    if (row !== question) await broadcastLive(deps.outbox, trx, session.id, 'live.question', { action: 'answered', question: state });
    const voted = actor.kind === 'member' && (await repo.votedQuestionIds(trx, session.id, actor.memberId)).has(row.id);
    return { ...state, upvotedByMe: voted };
  });
}
