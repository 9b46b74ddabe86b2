import { transact } from '../../platform/db/transact.js';
import { assertStatus, enterSession } from './access.js';
import type { LiveDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * 预约 (on) or cancels it (off). Booking needs a session that has not ended; cancelling always
 * works and both are idempotent, so a double tap changes nothing.
 */
export async function setSubscription(deps: LiveDeps, memberId: string, sessionId: string, on: boolean) {
  return transact(deps.db, async (trx) => {
    const session = await enterSession(deps, trx, sessionId, memberId, 'share');
    if (on) {
      assertStatus(session, 'scheduled', 'live');
      await repo.subscribe(trx, session.id, memberId, deps.clock.now());
    } else {
      await repo.unsubscribe(trx, session.id, memberId);
    }
    const counts = await repo.subscriberCounts(trx, [session.id]);
    return { subscribed: on, subscriberCount: counts.get(session.id) ?? 0 };
  });
}
