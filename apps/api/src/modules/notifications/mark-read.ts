import type { InboxReadResponse } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import type { NotificationsDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * Marks the member's own notifications read: `ids` (anyone else's are silently left alone) or all.
 * When something changed, the member's other devices hear of it after commit (`notification.read`).
 */
export async function markRead(deps: NotificationsDeps, memberId: string, ids: readonly string[] | 'all'): Promise<InboxReadResponse> {
  return transact(deps.db, async (trx) => {
    const marked = ids === 'all' || ids.length ? await repo.markRead(trx, memberId, ids, deps.clock.now()) : 0;
    if (marked > 0) await deps.outbox.emit(trx, 'notification.read', { memberId, count: marked });
    return { marked, unread: await repo.countUnread(trx, memberId) };
  });
}
