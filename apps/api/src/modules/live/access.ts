import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { UUID } from '../../platform/ids.js';
import type { RealtimePrincipal } from '../../platform/realtime/principal.js';
import type { LiveActor, LiveDeps } from './deps.js';
import * as repo from './repo.js';

/** The session, or NOT_FOUND (also for ids that are not UUIDs, before they reach a uuid column). */
export async function loadSession(db: Executor, id: string, lock?: 'update' | 'share'): Promise<repo.SessionRow> {
  const row = UUID.test(id) ? await repo.findSession(db, id, lock) : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * A session of a group is for those who can read the group; every other session is open to all
 * members. Inside a transaction pass it as `db`: the check then runs on its connection.
 */
export async function canEnter(deps: LiveDeps, session: repo.SessionRow, memberId: string, db?: Executor): Promise<boolean> {
  return session.group_id === null || deps.ports.canReadGroup(memberId, session.group_id, db);
}

/** A session the member may not enter does not exist for them: NOT_FOUND, as for an unknown id (no existence oracles). */
export async function assertCanEnter(deps: LiveDeps, session: repo.SessionRow, memberId: string, db?: Executor): Promise<void> {
  if (!(await canEnter(deps, session, memberId, db))) throw new AppError('NOT_FOUND');
}

/** The session for a member who wants in, or NOT_FOUND. */
export async function enterSession(deps: LiveDeps, db: Executor, id: string, memberId: string, lock?: 'update' | 'share') {
  const session = await loadSession(db, id, lock);
  await assertCanEnter(deps, session, memberId, db);
  return session;
}

/**
 * Operators reach these use cases only through console routes that require community.manage, so
 * any of them may run a session; a member must be the session's host.
 */
export async function assertHost(deps: LiveDeps, session: repo.SessionRow, actor: LiveActor, db?: Executor): Promise<void> {
  if (actor.kind === 'member' && session.host_member_id !== actor.memberId)
    throw new AppError((await canEnter(deps, session, actor.memberId, db)) ? 'FORBIDDEN' : 'NOT_FOUND');
}

export const isHost = (session: repo.SessionRow, memberId: string) => session.host_member_id === memberId;

/** Who may hear `live:<id>`: operators always; members when they may enter the session. */
export async function canSubscribe(deps: LiveDeps, principal: RealtimePrincipal, id: string): Promise<boolean> {
  const session = UUID.test(id) ? await repo.findSession(deps.db, id) : undefined;
  if (!session) return false;
  return principal.kind === 'operator' || canEnter(deps, session, principal.memberId);
}

/** Throws LIVE_STATE_CONFLICT unless the session is in one of `states`. */
export function assertStatus(session: repo.SessionRow, ...states: repo.SessionRow['status'][]): void {
  if (!states.includes(session.status)) throw new AppError('LIVE_STATE_CONFLICT', {}, { status: session.status });
}
