import type { Db } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal, RequestMeta } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';

/** An operator's announcement to a channel: audited, and published after commit like any event. */
export async function broadcast(
  deps: { db: Db; outbox: Outbox; audit: AuditModule },
  operator: OperatorPrincipal,
  input: { channel: string; name: string; data: unknown },
  meta: RequestMeta,
): Promise<{ eventId: string }> {
  return transact(deps.db, async (trx) => {
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: operator.operatorId, name: operator.displayName },
      action: 'realtime.broadcast',
      target: { type: 'channel', id: input.channel },
      after: { name: input.name },
      ip: meta.ip,
    });
    const eventId = await deps.outbox.emit(trx, 'realtime.broadcast', {
      channel: input.channel,
      name: input.name,
      data: input.data ?? null,
    });
    return { eventId };
  });
}
