import type { LiveSession, ScheduleLiveRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { LiveDeps } from './deps.js';
import * as repo from './repo.js';
import { sessionView } from './view.js';

/** A start time must still lie ahead, or nobody could be reminded of it. */
export function assertFuture(at: Date, now: Date): void {
  if (at.getTime() <= now.getTime())
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'body.scheduledAt', issue: 'must be in the future' }]);
}

/** An operator schedules a session (audited). Without a member host, the operator hosts it. */
export async function scheduleSession(
  deps: LiveDeps,
  op: OperatorPrincipal,
  input: ScheduleLiveRequest,
  ip: string | null,
): Promise<LiveSession> {
  const now = deps.clock.now();
  const scheduledAt = new Date(input.scheduledAt);
  assertFuture(scheduledAt, now);
  return transact(deps.db, async (trx) => {
    const row = await repo.insertSession(trx, {
      title: input.title,
      description: input.description,
      host_member_id: input.hostMemberId ?? null,
      host_operator_id: input.hostMemberId ? null : op.operatorId,
      host_name: input.hostName,
      group_id: input.groupId ?? null,
      stream_url: input.streamUrl,
      scheduled_at: scheduledAt,
      created_by: op.operatorId,
      created_at: now,
      updated_at: now,
    });
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'live.scheduled',
      target: { type: 'live_session', id: row.id },
      after: { title: row.title, hostName: row.host_name, hostMemberId: row.host_member_id, groupId: row.group_id, scheduledAt },
      ip,
    });
    return sessionView(deps, trx, row);
  });
}
