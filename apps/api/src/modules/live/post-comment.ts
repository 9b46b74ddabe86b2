import type { LiveComment } from '@quanzi/contracts';
import { broadcastLive } from './broadcast.js';
import type { LiveDeps } from './deps.js';
import { presentComment } from './present.js';
import * as repo from './repo.js';
import { postRoomText, roomText } from './room-text.js';

/**
 * A member comments in the live room (only while it is live). Everyone in the room hears it over
 * `live:<id>`; a comment the word filter holds is kept for review and heard by nobody yet.
 */
export async function postComment(deps: LiveDeps, memberId: string, sessionId: string, input: { body: string }): Promise<LiveComment> {
  const body = roomText(input.body);
  return postRoomText(deps, { memberId, sessionId, body, states: ['live'], table: 'live_comments' }, async (trx, session, screened) => {
    const row = await repo.insertComment(trx, {
      session_id: session.id,
      member_id: memberId,
      body,
      status: screened.held ? 'held' : 'visible',
      flag: screened.flag,
      created_at: deps.clock.now(),
    });
    const comment = presentComment(row, (await deps.ports.authors([memberId], trx)).get(memberId)!);
    if (!screened.held) await broadcastLive(deps.outbox, trx, session.id, 'live.comment', { action: 'created', comment });
    return { value: comment, id: row.id };
  });
}
