import type { LiveSession, UpdateLiveRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { assertStatus, loadSession } from './access.js';
import { broadcastLive } from './broadcast.js';
import type { LiveDeps } from './deps.js';
import type { SessionChanges } from './repo.js';
import * as repo from './repo.js';
import { assertFuture } from './schedule-session.js';
import { sessionView } from './view.js';

/**
 * An operator edits a session that has not ended (audited, with the fields before and after). The
 * start time moves only before the session starts; the room hears the new state.
 */
export async function editSession(
  deps: LiveDeps,
  op: OperatorPrincipal,
  id: string,
  input: UpdateLiveRequest,
  ip: string | null,
): Promise<LiveSession> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const before = await loadSession(trx, id, 'update');
    assertStatus(before, 'scheduled', 'live');
    const changes: SessionChanges = { updated_at: now };
    if (input.title !== undefined) changes.title = input.title;
    if (input.description !== undefined) changes.description = input.description;
    if (input.hostName !== undefined) changes.host_name = input.hostName;
    if (input.streamUrl !== undefined) changes.stream_url = input.streamUrl;
    if (input.hostMemberId !== undefined) {
      // No member host means the editing operator hosts.
      changes.host_member_id = input.hostMemberId;
      changes.host_operator_id = input.hostMemberId ? null : op.operatorId;
    }
    if (input.scheduledAt !== undefined) {
      if (before.status !== 'scheduled') throw new AppError('LIVE_STATE_CONFLICT', {}, { status: before.status });
      changes.scheduled_at = new Date(input.scheduledAt);
      assertFuture(changes.scheduled_at, now);
    }
    const after = await repo.updateSession(trx, id, changes);
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'live.updated',
      target: { type: 'live_session', id },
      before: pick(before, input),
      after: pick(after, input),
      ip,
    });
    const session = await sessionView(deps, trx, after);
    await broadcastLive(deps.outbox, trx, id, 'live.state', { session });
    return session;
  });
}

/** The audited fields: only those the request touched. */
function pick(row: repo.SessionRow, input: UpdateLiveRequest) {
  const all = {
    title: row.title,
    description: row.description,
    hostName: row.host_name,
    hostMemberId: row.host_member_id,
    streamUrl: row.stream_url,
    scheduledAt: row.scheduled_at.toISOString(),
  };
  return Object.fromEntries(Object.entries(all).filter(([k]) => k in input));
}
