import type { Tx } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';

export type LiveEventName = 'live.comment' | 'live.question' | 'live.state';

/**
 * Tells everyone in the room, after commit: the outbox's realtime subscriber publishes it on
 * `live:<id>` (modules/realtime/subscriptions.ts), so a rolled-back change is never heard.
 */
export async function broadcastLive(outbox: Outbox, trx: Tx, sessionId: string, name: LiveEventName, data: unknown): Promise<void> {
  await outbox.emit(trx, 'realtime.broadcast', { channel: `live:${sessionId}`, name, data });
}
