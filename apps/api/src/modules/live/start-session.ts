import type { LiveSession } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { assertHost, assertStatus, loadSession } from './access.js';
import { broadcastLive } from './broadcast.js';
import { auditActor, auditIp, type LiveActor, type LiveDeps } from './deps.js';
import { notifySubscribers } from './notify-subscribers.js';
import * as repo from './repo.js';
import { sessionView } from './view.js';

/** The host (or an operator) goes live (audited): subscribers are notified, the room hears the new state. */
export async function startSession(deps: LiveDeps, actor: LiveActor, id: string): Promise<LiveSession> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const before = await loadSession(trx, id, 'update');
    await assertHost(deps, before, actor, trx);
    assertStatus(before, 'scheduled');
    const row = await repo.updateSession(trx, id, { status: 'live', started_at: now, updated_at: now });
    await deps.audit.record(trx, {
      actor: auditActor(actor),
      action: 'live.started',
      target: { type: 'live_session', id },
      before: { status: 'scheduled' },
      after: { status: 'live', startedAt: now.toISOString() },
      ip: auditIp(actor),
    });
    await notifySubscribers(deps, trx, row, 'started', {
      title: `直播开始了：${row.title}`,
      body: `${row.host_name} 正在直播，点击进入直播间`,
    });
    const session = await sessionView(deps, trx, row);
    await broadcastLive(deps.outbox, trx, id, 'live.state', { session });
    return session;
  });
}
