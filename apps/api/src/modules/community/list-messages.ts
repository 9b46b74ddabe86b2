import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { assertCanRead } from './access.js';
import type { CommunityDeps } from './deps.js';
import { presentMessages } from './present.js';
import * as repo from './repo.js';
import { recordVisit } from './trust.js';

/** A page of a group's history, oldest first, with the pinned message. */
export async function listMessages(
  deps: CommunityDeps,
  memberId: string,
  groupId: string,
  q: { before?: string | undefined; after?: string | undefined; limit: number },
) {
  const { group } = await assertCanRead(deps.db, memberId, groupId);
  await transact(deps.db, (trx: Tx) => recordVisit(deps, trx, memberId));
  const page = await repo.listMessages(deps.db, {
    groupId,
    viewerId: memberId,
    before: q.before === undefined ? undefined : BigInt(q.before),
    after: q.after === undefined ? undefined : BigInt(q.after),
    limit: q.limit,
  });
  const pinnedRow = group.pinned_message_id ? await repo.findMessage(deps.db, group.pinned_message_id) : undefined;
  const pinned = pinnedRow?.status === 'visible' ? pinnedRow : undefined;
  const items = await presentMessages(deps, pinned ? [...page.rows, pinned] : page.rows, memberId);
  return { items: pinned ? items.slice(0, -1) : items, hasMore: page.hasMore, pinned: pinned ? items.at(-1)! : null };
}
