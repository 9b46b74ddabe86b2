import type { Tx } from '../../platform/db/connect.js';
import type { CommunityDeps } from './deps.js';

export type GroupEventName = 'message.created' | 'message.changed' | 'reaction.changed' | 'group.changed';

/**
 * Tells everyone on `group:<id>` — after commit, through the outbox, so a rolled-back post is never
 * seen and every instance delivers the same ids in the same order.
 */
export async function publishToGroup(deps: Pick<CommunityDeps, 'outbox'>, trx: Tx, groupId: string, name: GroupEventName, data: unknown) {
  await deps.outbox.emit(trx, 'realtime.broadcast', { channel: `group:${groupId}`, name, data });
}
