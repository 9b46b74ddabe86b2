import type { LiveSessionDetail } from '@quanzi/contracts';
import { enterSession, isHost } from './access.js';
import type { LiveDeps } from './deps.js';
import * as repo from './repo.js';
import { sessionView } from './view.js';

/** One session for the live room page, with whether I booked it and whether I host it. */
export async function getSession(deps: LiveDeps, memberId: string, sessionId: string): Promise<LiveSessionDetail> {
  const row = await enterSession(deps, deps.db, sessionId, memberId);
  const [session, subscribed] = await Promise.all([sessionView(deps, deps.db, row), repo.isSubscribed(deps.db, row.id, memberId)]);
  return { ...session, subscribed, isHost: isHost(row, memberId) };
}
