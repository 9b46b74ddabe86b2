import type { LikeState } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { visibleReply, visibleThread } from './access.js';
import type { ForumDeps } from './deps.js';
import * as repo from './repo.js';

/** Likes or unlikes a visible thread or reply; repeating either changes nothing (one like per member). */
export async function setLike(
  deps: ForumDeps,
  memberId: string,
  target: { type: repo.LikeTarget; id: string },
  on: boolean,
): Promise<LikeState> {
  return transact(deps.db, async (trx) => {
    if (target.type === 'thread') await visibleThread(deps, memberId, target.id, trx);
    else await visibleReply(deps, memberId, target.id, trx);
    const likeCount = await repo.setLike(trx, memberId, target.type, target.id, on, deps.clock.now());
    return { liked: on, likeCount };
  });
}
