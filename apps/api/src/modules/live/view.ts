import type { LiveSession } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import type { LiveDeps } from './deps.js';
import { presentSession } from './present.js';
import * as repo from './repo.js';

/** Sessions as members see them, with their subscriber counts (one query for the lot). */
export async function sessionViews(deps: LiveDeps, db: Executor, rows: repo.SessionRow[]): Promise<LiveSession[]> {
  const counts = await repo.subscriberCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentSession(r, counts.get(r.id) ?? 0, deps.ports.threadLink));
}

export async function sessionView(deps: LiveDeps, db: Executor, row: repo.SessionRow): Promise<LiveSession> {
  return (await sessionViews(deps, db, [row]))[0]!;
}

/** `HH:mm` in Asia/Shanghai (China has no daylight saving), for notification text. */
export const shanghaiTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
