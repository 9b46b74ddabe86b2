import type { SearchKind } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { indexDocument, type SearchDocument } from './index-document.js';
import { reindexStale } from './reindex.js';
import * as repo from './repo.js';
import { search, type SearchInput } from './search.js';
import { tokenize } from './tokenizer.js';

export { searchMemberRoutes } from './routes.member.js';
export type { SearchDocument } from './index-document.js';
export type { SearchInput } from './search.js';

/**
 * Chinese full-text search over community content: jieba (with a finance dictionary) cuts text
 * into words, and CJK runs into character bigrams, held in a GIN-indexed tsvector; exact-word hits
 * rank before hits inside longer words. Content modules call `index` / `remove` inside the
 * transaction that creates, edits, hides or deletes the content; `query` only ever looks inside
 * the scopes it is given, so visibility is decided in SQL, not by filtering results afterwards.
 */
export function createSearchModule(platform: Pick<Platform, 'db' | 'clock'>) {
  const deps = { db: platform.db, clock: platform.clock };
  return {
    /** Adds or replaces (kind, id) in the caller's transaction. */
    index: (trx: Tx, doc: SearchDocument): Promise<void> => indexDocument(trx, doc),
    /** Takes a hidden, recalled or deleted item out of search in the caller's transaction. */
    remove: (trx: Tx, kind: SearchKind, id: string): Promise<void> => repo.deleteDocument(trx, kind, id),
    /** Takes everything in a scope out of search (a group was deleted); returns how many documents left. */
    removeScope: (trx: Tx, scope: string): Promise<number> => repo.deleteScope(trx, scope),
    /** Ranked hits with highlighted snippets; SEARCH_QUERY_INVALID unless q is 1–50 characters after trimming. */
    query: (input: SearchInput) => search(deps, input),
    /** jieba search-mode lexemes of `text`, distinct and space-separated: the words the index holds for it. */
    tokenize: (text: string): string => tokenize(text),
    /** Rewrites documents indexed by an older format (the search-reindex job, every minute until none is left). */
    reindex: () => reindexStale(deps),
  };
}
export type SearchModule = ReturnType<typeof createSearchModule>;
