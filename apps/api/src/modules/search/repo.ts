import type { SearchKind } from '@quanzi/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

export interface DocumentRow {
  kind: SearchKind;
  id: string;
  scope: string;
  title: string | null;
  body: string;
  author_id: string | null;
  link: string;
  created_at: Date;
}

/** Inserts or replaces a document; `tsv` is a tsvector literal written by `index_version` (see tsvector.ts). */
export async function upsertDocument(db: Executor, row: DocumentRow & { tsv: string; index_version: number }): Promise<void> {
  await sql`
    INSERT INTO search_documents (kind, id, scope, title, body, author_id, link, created_at, tsv, index_version)
    VALUES (${row.kind}, ${row.id}, ${row.scope}, ${row.title}, ${row.body}, ${row.author_id}, ${row.link}, ${row.created_at},
            CAST(${row.tsv} AS tsvector), ${row.index_version})
    ON CONFLICT (kind, id) DO UPDATE SET
      scope = excluded.scope, title = excluded.title, body = excluded.body, author_id = excluded.author_id,
      link = excluded.link, created_at = excluded.created_at, tsv = excluded.tsv, index_version = excluded.index_version`.execute(db);
}

/**
 * Up to `limit` documents written by an index version older than `version`, locked for re-indexing.
 * SKIP LOCKED: two workers re-index different documents, and a document being edited is left for
 * the next batch rather than waited for.
 */
export async function lockStaleDocuments(db: Executor, version: number, limit: number) {
  const { rows } = await sql<Pick<DocumentRow, 'kind' | 'id' | 'title' | 'body'>>`
    SELECT kind, id, title, body FROM search_documents
    WHERE index_version < ${version}
    ORDER BY index_version, kind, id
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`.execute(db);
  return rows;
}

export async function rewriteVector(db: Executor, kind: SearchKind, id: string, tsv: string, version: number): Promise<void> {
  await sql`UPDATE search_documents SET tsv = CAST(${tsv} AS tsvector), index_version = ${version}
            WHERE kind = ${kind} AND id = ${id}`.execute(db);
}

/** How many documents still wait for the current index version. */
export async function countStale(db: Executor, version: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM search_documents WHERE index_version < ${version}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function deleteDocument(db: Executor, kind: SearchKind, id: string): Promise<void> {
  await sql`DELETE FROM search_documents WHERE kind = ${kind} AND id = ${id}`.execute(db);
}

export async function deleteScope(db: Executor, scope: string): Promise<number> {
  const result = await sql`DELETE FROM search_documents WHERE scope = ${scope}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface SearchFilter {
  /** tsquery literals (see tsvector.ts): every query word as a word, and every query word anywhere. */
  words: string;
  substrings: string;
  scopes: readonly string[];
  kinds?: readonly SearchKind[] | undefined;
  asOf: Date;
  offset: number;
  limit: number;
}

/**
 * Each tier ranks at most this many of its newest matches. Ranking reads every candidate's
 * tsvector, so a query matching most of the index (a single common character) would otherwise cost
 * time in proportion to the whole index; the newest thousand of each tier is far more than the
 * 200 hits anyone can page to, and finding them needs only the GIN index and the heap rows.
 */
export const CANDIDATES_PER_TIER = 1000;

/*
 * Exact-word hits (every query word is one of the document's words) come first, then documents
 * that hold the query only inside longer words. Within each tier, score = cover density of that
 * tier's query (title matches weigh 1.0, body 0.1; divided by 1 + log(length) so a long post does
 * not win on size alone) × a mild recency factor: 1.0 for new content, easing towards 0.75 with a
 * 30-day time constant, so relevance leads and freshness breaks near-ties.
 */
const score = (query: ReturnType<typeof sql>) => sql`
  ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, ${query}, 1)
  * (0.75 + 0.25 * exp(-GREATEST(extract(epoch FROM (q.as_of - d.created_at)), 0) / (30 * 86400.0)))`;

/** Matching documents in the given scopes (visibility is decided here, in SQL), best first. */
export async function searchDocuments(db: Executor, f: SearchFilter): Promise<DocumentRow[]> {
  const kinds = f.kinds && f.kinds.length > 0 ? sql`AND d.kind = ANY(${[...f.kinds]}::text[])` : sql``;
  const visible = sql`d.scope = ANY(${[...f.scopes]}::text[]) ${kinds} AND d.created_at <= q.as_of`;
  const { rows } = await sql<DocumentRow>`
    WITH q AS (
      SELECT CAST(${f.words} AS tsquery) AS words, CAST(${f.substrings} AS tsquery) AS substrings,
             CAST(${f.asOf} AS timestamptz) AS as_of
    ), exact AS (
      SELECT d.kind, d.id FROM search_documents d, q
      WHERE d.tsv @@ q.words AND ${visible}
      ORDER BY d.created_at DESC LIMIT ${CANDIDATES_PER_TIER}
    ), inside AS (
      SELECT d.kind, d.id FROM search_documents d, q
      WHERE d.tsv @@ q.substrings AND ${visible}
        AND NOT EXISTS (SELECT 1 FROM exact e WHERE e.kind = d.kind AND e.id = d.id)
      ORDER BY d.created_at DESC LIMIT ${CANDIDATES_PER_TIER}
    ), ranked AS (
      SELECT d.*, 1 AS tier, ${score(sql`q.words`)} AS score
      FROM exact JOIN search_documents d USING (kind, id), q
      UNION ALL
      SELECT d.*, 2 AS tier, ${score(sql`q.substrings`)} AS score
      FROM inside JOIN search_documents d USING (kind, id), q
    )
    SELECT d.kind, d.id, d.scope, d.title, d.body, d.author_id, d.link, d.created_at
    FROM ranked d
    ORDER BY d.tier, d.score DESC, d.created_at DESC, d.kind, d.id
    OFFSET ${f.offset} LIMIT ${f.limit}`.execute(db);
  return rows;
}
