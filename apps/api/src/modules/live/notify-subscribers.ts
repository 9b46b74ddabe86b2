import type { Tx } from '../../platform/db/connect.js';
import type { LiveDeps } from './deps.js';
import { sessionLink } from './present.js';
import * as repo from './repo.js';

/**
 * Tells every subscriber of a session something happened (it went live, it was cancelled), in the
 * caller's transaction. `occasion` keys the notification, so each member hears of it once.
 */
export async function notifySubscribers(
  deps: LiveDeps,
  trx: Tx,
  session: repo.SessionRow,
  occasion: 'started' | 'cancelled',
  text: { title: string; body: string },
): Promise<number> {
  const members = await repo.subscriberIds(trx, session.id);
  for (const memberId of members) {
    await deps.notices.send(trx, {
      memberId,
      kind: 'live_reminder',
      ...text,
      link: sessionLink(session.id),
      sourceEventId: `live-${occasion}:${session.id}:${memberId}`,
    });
  }
  return members.length;
}
