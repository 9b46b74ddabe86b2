import type { ConsoleLiveSession, LiveStatus, Page } from '@quanzi/contracts';
import type { LiveDeps } from './deps.js';
import { presentConsoleSession } from './present.js';
import * as repo from './repo.js';

/** Every session for the console, latest start first, with subscriber, comment and question counts. */
export async function listConsoleSessions(
  deps: LiveDeps,
  filter: { status?: LiveStatus | undefined },
  page: number,
  pageSize: number,
): Promise<Page<ConsoleLiveSession>> {
  const { rows, total } = await repo.listSessions(deps.db, filter, (page - 1) * pageSize, pageSize);
  const ids = rows.map((r) => r.id);
  const [subscribers, room] = await Promise.all([repo.subscriberCounts(deps.db, ids), repo.roomCounts(deps.db, ids)]);
  return {
    items: rows.map((r) =>
      presentConsoleSession(
        r,
        { subscribers: subscribers.get(r.id) ?? 0, comments: room.get(r.id)!.comments, questions: room.get(r.id)!.questions },
        deps.ports.threadLink,
      ),
    ),
    total,
    page,
    pageSize,
  };
}
