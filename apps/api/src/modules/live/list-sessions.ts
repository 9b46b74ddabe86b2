import type { LiveSession } from '@quanzi/contracts';
import type { LiveDeps } from './deps.js';
import * as repo from './repo.js';
import { sessionViews } from './view.js';

const UPCOMING_LIMIT = 100;
const PAST_LIMIT = 30;

/**
 * The live tab: upcoming (live ones first, then by start time) and the most recent past sessions
 * with their recap links. Sessions of groups the member cannot read are left out.
 */
export async function listSessions(deps: LiveDeps, memberId: string): Promise<{ upcoming: LiveSession[]; past: LiveSession[] }> {
  const [upcoming, past] = await Promise.all([repo.upcomingSessions(deps.db, UPCOMING_LIMIT), repo.pastSessions(deps.db, PAST_LIMIT)]);
  const groups = [...new Set([...upcoming, ...past].map((s) => s.group_id).filter((g): g is string => g !== null))];
  const readable = new Set<string>();
  for (const group of groups) if (await deps.ports.canReadGroup(memberId, group)) readable.add(group);
  const visible = (rows: repo.SessionRow[]) => rows.filter((s) => s.group_id === null || readable.has(s.group_id));
  const [u, p] = await Promise.all([sessionViews(deps, deps.db, visible(upcoming)), sessionViews(deps, deps.db, visible(past))]);
  return { upcoming: u, past: p };
}
