import type { LiveSession } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { assertStatus, loadSession } from './access.js';
import { broadcastLive } from './broadcast.js';
import type { LiveDeps } from './deps.js';
import { notifySubscribers } from './notify-subscribers.js';
import * as repo from './repo.js';
import { sessionView } from './view.js';

/** An operator cancels a session before it starts (audited); those who booked it are told. */
export async function cancelSession(deps: LiveDeps, op: OperatorPrincipal, id: string, ip: string | null): Promise<LiveSession> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    assertStatus(await loadSession(trx, id, 'update'), 'scheduled');
    const row = await repo.updateSession(trx, id, { status: 'cancelled', updated_at: now });
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'live.cancelled',
      target: { type: 'live_session', id },
      before: { status: 'scheduled' },
      after: { status: 'cancelled' },
      ip,
    });
    await notifySubscribers(deps, trx, row, 'cancelled', {
      title: `直播已取消：${row.title}`,
      body: `你预约的 ${row.host_name} 的直播已取消`,
    });
    const session = await sessionView(deps, trx, row);
    await broadcastLive(deps.outbox, trx, id, 'live.state', { session });
    return session;
  });
}
