import type { ThreadKind } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import type { ForumDeps } from './deps.js';
import * as repo from './repo.js';
import { indexThread } from './search-sync.js';
import { assertThreadText, topicsIn } from './text.js';

export interface ThreadInput {
  /** null: an official post with no member behind it (announcements, platform-run live recaps). */
  authorId: string | null;
  groupId: string | null;
  kind: ThreadKind;
  title: string;
  body: string;
  official?: boolean | undefined;
  /** The operator who posted an official thread, kept for the console and the audit trail. */
  operator?: { id: string; name: string } | null | undefined;
  productIds?: readonly string[] | undefined;
  mentionIds?: readonly string[] | undefined;
  status?: 'visible' | 'held' | undefined;
  warning?: string | null | undefined;
}

/**
 * Stores a thread in the caller's transaction and, when visible, indexes it for search in the same
 * transaction. No permission or word-filter checks: callers that take member input do those first
 * (create-thread.ts); the live module calls this directly for its recap threads.
 */
export async function insertThread(deps: ForumDeps, trx: Tx, input: ThreadInput): Promise<repo.ThreadRow> {
  const title = input.title.trim();
  assertThreadText(title, input.body);
  const now = deps.clock.now();
  const thread = await repo.insertThread(trx, {
    group_id: input.groupId,
    kind: input.kind,
    author_id: input.authorId,
    operator_id: input.operator?.id ?? null,
    operator_name: input.operator?.name ?? null,
    official: input.authorId === null || Boolean(input.official),
    title,
    body: input.body,
    topics: topicsIn(title, input.body),
    product_ids: [...new Set(input.productIds ?? [])],
    mention_ids: [...new Set(input.mentionIds ?? [])],
    status: input.status ?? 'visible',
    accepted_reply_id: null,
    warning: input.warning ?? null,
    created_at: now,
    last_activity_at: now,
    hot_base: now.getTime() / 1000 / 45_000,
  });
  await indexThread(deps.ports, trx, thread);
  return thread;
}
