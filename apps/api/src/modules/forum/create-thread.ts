import type { CreateThreadRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import type { ForumDeps } from './deps.js';
import { insertThread } from './insert-thread.js';
import { announceThread, resolveMentions } from './notices.js';
import { assertTaggableProducts } from './products.js';
import { placementOf, recordHold, refuseBlocked } from './screen.js';

/**
 * A member posts a thread or a question, in the square or a group they may post in. The word
 * filter decides first: blocked content is refused (and the refusal logged), held content is
 * stored for review and seen only by its author, flagged content is shown with a warning.
 * Everything else — the row, search entry, hold record and mention notifications — is one transaction.
 */
export async function createThread(deps: ForumDeps, memberId: string, input: CreateThreadRequest): Promise<string> {
  const groupId = input.groupId ?? null;
  const text = `${input.title}\n${input.body}`;
  const placement = placementOf(deps.ports.screen(text));
  const [productIds, mentionIds] = await Promise.all([
    assertTaggableProducts(deps, input.productIds),
    resolveMentions(deps, memberId, groupId, input.mentions, text),
  ]);
  const outcome = await transact(deps.db, async (trx) => {
    // Rights first: a muted member learns they are muted, not that a word was blocked.
    await deps.ports.assertCanPost(trx, memberId, groupId);
    await deps.ports.checkNewcomerLimits(trx, memberId, { text: input.body, mentions: mentionIds.length, products: productIds.length });
    if (placement.status === 'blocked') return { blocked: placement.match } as const;
    const thread = await insertThread(deps, trx, {
      authorId: memberId,
      groupId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      productIds,
      mentionIds,
      status: placement.status,
      warning: placement.warning,
    });
    await recordHold(deps, trx, placement, { type: 'thread', id: thread.id }, memberId, text);
    await announceThread(deps, trx, thread);
    if (thread.status === 'visible' && thread.group_id)
      await deps.outbox.emit(trx, 'forum.thread_posted', {
        threadId: thread.id,
        groupId: thread.group_id,
        authorId: memberId,
        kind: thread.kind,
        title: thread.title,
        createdAt: thread.created_at.toISOString(),
      });
    return { id: thread.id } as const;
  });
  if (outcome.blocked) return refuseBlocked(deps, 'thread', memberId, text, outcome.blocked);
  return outcome.id;
}
