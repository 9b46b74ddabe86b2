import type { LiveQuestion } from '@quanzi/contracts';
import { broadcastLive } from './broadcast.js';
import type { LiveDeps } from './deps.js';
import { presentQuestionState } from './present.js';
import * as repo from './repo.js';
import { postRoomText, roomText } from './room-text.js';

/**
 * A member puts a question in the queue — before the session (collected in advance) or while it is
 * live. The room hears it; one the word filter holds waits for review instead.
 */
export async function askQuestion(deps: LiveDeps, memberId: string, sessionId: string, input: { body: string }): Promise<LiveQuestion> {
  const body = roomText(input.body);
  return postRoomText(
    deps,
    { memberId, sessionId, body, states: ['scheduled', 'live'], table: 'live_questions' },
    async (trx, session, screened) => {
      const row = await repo.insertQuestion(trx, {
        session_id: session.id,
        member_id: memberId,
        body,
        status: screened.held ? 'held' : 'open',
        flag: screened.flag,
        created_at: deps.clock.now(),
      });
      const question = presentQuestionState(row, (await deps.ports.authors([memberId], trx)).get(memberId)!);
      if (!screened.held) await broadcastLive(deps.outbox, trx, session.id, 'live.question', { action: 'created', question });
      return { value: { ...question, upvotedByMe: false }, id: row.id };
    },
  );
}
