import type { LiveComment } from '@quanzi/contracts';
import { enterSession } from './access.js';
import type { LiveDeps } from './deps.js';
import { presentComment } from './present.js';
import * as repo from './repo.js';

/**
 * The room's history a page at a time: the newest `limit` visible comments before the cursor,
 * returned oldest first (as a chat shows them); `nextBefore` pages further back.
 */
export async function listComments(
  deps: LiveDeps,
  memberId: string,
  sessionId: string,
  query: { before?: string | undefined; limit: number },
): Promise<{ items: LiveComment[]; nextBefore: string | null }> {
  const session = await enterSession(deps, deps.db, sessionId, memberId);
  const before = query.before === undefined ? undefined : BigInt(query.before);
  const rows = await repo.visibleComments(deps.db, session.id, before, query.limit + 1);
  const oldestFirst = rows.slice(0, query.limit).reverse();
  const authors = await deps.ports.authors(oldestFirst.map((r) => r.member_id));
  return {
    items: oldestFirst.map((r) => presentComment(r, authors.get(r.member_id)!)),
    nextBefore: rows.length > query.limit ? String(oldestFirst[0]!.seq) : null,
  };
}
