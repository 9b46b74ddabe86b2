import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { assertActiveMember } from './access.js';
import type { CommunityDeps } from './deps.js';
import { authorCards } from './present.js';
import * as repo from './repo.js';

/** 免打扰: no mention or reply notifications from this group. */
export async function setGroupMuted(deps: CommunityDeps, memberId: string, groupId: string, muted: boolean) {
  await assertActiveMember(deps.db, memberId, groupId);
  await repo.updateMembership(deps.db, groupId, memberId, { muted });
  return { muted };
}

/** Blocking hides the other member's messages from me and stops their mentions reaching me. */
export async function setBlocked(deps: CommunityDeps, memberId: string, otherId: string, blocked: boolean) {
  if (!isUuid(otherId) || otherId === memberId) throw new AppError('NOT_FOUND');
  const names = await deps.identity.nicknames([otherId]);
  if (!names.has(otherId)) throw new AppError('NOT_FOUND');
  await transact(deps.db, (trx) => repo.setBlock(trx, memberId, otherId, blocked, deps.clock.now()));
  return { memberId: otherId, blocked };
}

export async function listBlocked(deps: CommunityDeps, memberId: string) {
  const ids = await repo.blockedIds(deps.db, memberId);
  const cards = await authorCards(deps, ids);
  return { items: ids.map((id) => cards.get(id)!) };
}
