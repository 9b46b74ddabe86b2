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

/** Inserts or replaces a document; `tsv` is a tsvector literal (see tsvector.ts). */
export async function upsertDocument(db: Executor, row: DocumentRow & { tsv: string }): Promise<void> {
  await sql`
    INSERT INTO search_documents (kind, id, scope, title, body, author_id, link, created_at, tsv)
    VALUES (${row.kind}, ${row.id}, ${row.scope}, ${row.title}, ${row.body}, ${row.author_id}, ${row.link}, ${row.created_at},
            CAST(${row.tsv} AS tsvector))
    ON CONFLICT (kind, id) DO UPDATE SET
      scope = excluded.scope, title = excluded.title, body = excluded.body, author_id = excluded.author_id,
      link = excluded.link, created_at = excluded.created_at, tsv = excluded.tsv`.execute(db);
}

export async function deleteDocument(db: Executor, kind: SearchKind, id: string): Promise<void> {
  await sql`DELETE FROM search_documents WHERE kind = ${kind} AND id = ${id}`.execute(db);
}

export async function deleteScope(db: Executor, scope: string): Promise<number> {
  const result = await sql`DELETE FROM search_documents WHERE scope = ${scope}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface SearchFilter {
  /** A tsquery literal (see tsvector.ts). */
  query: string;
  scopes: readonly string[];
  kinds?: readonly SearchKind[] | undefined;
  asOf: Date;
  offset: number;
  limit: number;
}

/*
 * Score = cover density (title matches weigh 1.0, body 0.1; divided by 1 + log(length) so a long
 * post does not win on size alone) × a mild recency factor: 1.0 for new content, easing towards
 * 0.75 with a 30-day time constant, so relevance leads and freshness breaks near-ties.
 */
const SCORE = sql`
  ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.query, 1)
  * (0.75 + 0.25 * exp(-GREATEST(extract(epoch FROM (a.as_of - d.created_at)), 0) / (30 * 86400.0)))`;

/** Matching documents in the given scopes (visibility is decided here, in SQL), best first. */
export async function searchDocuments(db: Executor, f: SearchFilter): Promise<DocumentRow[]> {
  const kinds = f.kinds && f.kinds.length > 0 ? sql`AND d.kind = ANY(${[...f.kinds]}::text[])` : sql``;
  const { rows } = await sql<DocumentRow>`
    SELECT d.kind, d.id, d.scope, d.title, d.body, d.author_id, d.link, d.created_at
    FROM search_documents d,
         CAST(${f.query} AS tsquery) AS q(query),
         CAST(${f.asOf} AS timestamptz) AS a(as_of)
    WHERE d.tsv @@ q.query
      AND d.scope = ANY(${[...f.scopes]}::text[])
      ${kinds}
      AND d.created_at <= a.as_of
    ORDER BY ${SCORE} DESC, d.created_at DESC, d.kind, d.id
    OFFSET ${f.offset} LIMIT ${f.limit}`.execute(db);
  return rows;
}
