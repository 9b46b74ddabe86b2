import type { ReactionEmoji } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { assertActiveMember, assertCanSeeInside } from './access.js';
import { publishToGroup } from './broadcast.js';
import type { CommunityDeps } from './deps.js';
import { presentMessages } from './present.js';
import * as repo from './repo.js';

/** A message can be withdrawn by its author for two minutes; it leaves "message withdrawn" behind. */
export const RECALL_WINDOW_MS = 2 * 60_000;

async function lockMessage(trx: Parameters<typeof repo.findMessage>[0], messageId: string) {
  const row = isUuid(messageId) ? await repo.findMessage(trx, messageId, { lock: true }) : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function recallMessage(deps: CommunityDeps, memberId: string, messageId: string) {
  const row = await transact(deps.db, async (trx) => {
    const message = await lockMessage(trx, messageId);
    if (message.author_id !== memberId) throw new AppError('NOT_FOUND');
    if (message.status === 'recalled') return message;
    if (message.status !== 'visible' && message.status !== 'held') throw new AppError('CONTENT_GONE');
    if (deps.clock.now().getTime() - message.created_at.getTime() > RECALL_WINDOW_MS) throw new AppError('RECALL_WINDOW_PASSED');
    // The text is erased, not just hidden: the author took it back.
    const recalled = (await repo.setMessageStatus(trx, message.id, 'recalled', deps.clock.now(), { clearText: true }))!;
    await deps.search.remove(trx, 'message', message.id);
    await publishChanged(deps, trx, recalled);
    return recalled;
  });
  return (await presentMessages(deps, [row], memberId))[0]!;
}

/**
 * Everyone in the group hears that a message changed (withdrawn, hidden, restored); other modules
 * hear `community.message_status_changed` (community operations drops a withdrawn question from the
 * unanswered board).
 */
export async function publishChanged(deps: CommunityDeps, trx: Parameters<CommunityDeps['outbox']['emit']>[0], row: repo.MessageRow) {
  const [presented] = await presentMessages(deps, [row], null, { db: trx });
  await publishToGroup(deps, trx, row.group_id, 'message.changed', presented);
  await deps.outbox.emit(trx, 'community.message_status_changed', { messageId: row.id, groupId: row.group_id, status: row.status });
}

export async function react(deps: CommunityDeps, memberId: string, messageId: string, input: { emoji: ReactionEmoji; on: boolean }) {
  return transact(deps.db, async (trx) => {
    const message = isUuid(messageId) ? await repo.findMessage(trx, messageId) : undefined;
    if (!message) throw new AppError('NOT_FOUND');
    await assertCanSeeInside(trx, memberId, message.group_id);
    await assertActiveMember(trx, memberId, message.group_id);
    if (message.status !== 'visible') throw new AppError('CONTENT_GONE');
    await repo.setReaction(trx, message.id, memberId, input.emoji, input.on, deps.clock.now());
    const reactions = (await repo.reactionsOf(trx, [message.id], null)).map((r) => ({ emoji: r.emoji, count: r.count }));
    await publishToGroup(deps, trx, message.group_id, 'reaction.changed', { messageId: message.id, reactions });
    return { messageId: message.id, reactions };
  });
}

/** Moves the member's read marker forward; counts what they read towards their trust level. */
export async function markRead(deps: CommunityDeps, memberId: string, groupId: string, seq: string) {
  await transact(deps.db, async (trx) => {
    await assertActiveMember(trx, memberId, groupId);
    const advanced = await repo.advanceReadMarker(trx, groupId, memberId, BigInt(seq));
    if (advanced > 0) await repo.addTrustCounters(trx, memberId, { postsRead: advanced });
  });
}
