import { SEARCH_QUERY_MAX, type SearchHit, type SearchKind, type SearchPage } from '@quanzi/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, MAX_RESULTS } from './cursor.js';
import { highlightTerms, queryLexemes, substringUnits } from './query-terms.js';
import * as repo from './repo.js';
import { highlight, snippet } from './snippet.js';
import { displayText } from './display.js';
import { queryExpression, substringExpression } from './tsvector.js';

export interface SearchInput {
  q: string;
  /** What the searcher may see ('public', 'group:<id>'); nothing outside them is ever returned. */
  scopes: readonly string[];
  kinds?: readonly SearchKind[] | undefined;
  limit: number;
  cursor?: string | undefined;
}

const MAX_PAGE = 50;

/** The query as searched: trimmed, 1–50 characters (code points, so 50 汉字 fit), else SEARCH_QUERY_INVALID. */
export function checkQuery(q: string): string {
  const trimmed = q.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > SEARCH_QUERY_MAX) throw new AppError('SEARCH_QUERY_INVALID');
  return trimmed;
}

/** Ranked hits with highlighted snippets, a page at a time, from the given scopes only. */
export async function search(deps: { db: Db; clock: Clock }, input: SearchInput): Promise<SearchPage> {
  const q = checkQuery(input.q);
  const page = input.cursor === undefined ? { offset: 0, asOf: deps.clock.now() } : decodeCursor(input.cursor);
  if (!page) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', issue: 'not a cursor from this search' }]);
  const lexemes = queryLexemes(q);
  const limit = Math.min(Math.max(1, Math.trunc(input.limit)), MAX_PAGE, MAX_RESULTS - page.offset);
  // A query of only punctuation or emoji has nothing to match; no scopes means nothing to see.
  if (lexemes.length === 0 || input.scopes.length === 0 || limit <= 0) return { items: [], nextCursor: null };

  const rows = await repo.searchDocuments(deps.db, {
    words: queryExpression(lexemes),
    substrings: substringExpression(substringUnits(q)),
    scopes: input.scopes,
    kinds: input.kinds,
    asOf: page.asOf,
    offset: page.offset,
    limit: limit + 1,
  });
  const terms = highlightTerms(q, lexemes);
  const next = page.offset + limit;
  return {
    items: rows.slice(0, limit).map((row) => present(row, terms)),
    nextCursor: rows.length > limit && next < MAX_RESULTS ? encodeCursor({ offset: next, asOf: page.asOf }) : null,
  };
}

function present(row: repo.DocumentRow, terms: readonly string[]): SearchHit {
  const body = displayText(row.kind, row.body);
  return {
    kind: row.kind,
    id: row.id,
    scope: row.scope,
    title: row.title,
    titleHighlight: row.title === null ? null : highlight(row.title, terms),
    snippet: snippet(body.text, terms, undefined, body.styles),
    link: row.link,
    authorId: row.author_id,
    createdAt: row.created_at.toISOString(),
  };
}
