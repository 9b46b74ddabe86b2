import type { AnnouncementRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { ForumDeps } from './deps.js';
import { insertThread } from './insert-thread.js';
import { assertTaggableProducts } from './products.js';

/**
 * An operator posts an official announcement (官方) in the square. It is signed by the platform,
 * not the operator; who posted it is kept on the row and in the audit log, written in the same
 * transaction. Not word-filtered: operators are accountable through the audit log instead.
 */
export async function postAnnouncement(
  deps: ForumDeps,
  op: OperatorPrincipal,
  input: AnnouncementRequest,
  ip: string | null,
): Promise<string> {
  const productIds = await assertTaggableProducts(deps, input.productIds);
  return transact(deps.db, async (trx) => {
    const thread = await insertThread(deps, trx, {
      authorId: null,
      groupId: null,
      kind: 'post',
      title: input.title,
      body: input.body,
      official: true,
      operator: { id: op.operatorId, name: op.displayName },
      productIds,
    });
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'forum.announcement_posted',
      target: { type: 'thread', id: thread.id },
      after: { title: thread.title, topics: thread.topics, productIds },
      ip,
    });
    return thread.id;
  });
}
