import { sql } from 'kysely';
import type { CharterRule } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';

export interface VersionRow {
  version: number;
  rules: CharterRule[];
  summary: string;
  published_by: string;
  published_at: Date;
}

/** Serialises publishing so version numbers have no gaps or duplicates. */
export async function lockCharter(db: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7205310016)`.execute(db);
}

export async function latestVersion(db: Executor): Promise<VersionRow | undefined> {
  const { rows } = await sql<VersionRow>`SELECT * FROM charter_versions ORDER BY version DESC LIMIT 1`.execute(db);
  return rows[0];
}

export async function findVersion(db: Executor, version: number): Promise<VersionRow | undefined> {
  const { rows } = await sql<VersionRow>`SELECT * FROM charter_versions WHERE version = ${version}`.execute(db);
  return rows[0];
}

export async function listVersions(db: Executor) {
  const { rows } = await sql<Omit<VersionRow, 'rules'>>`
    SELECT version, summary, published_by, published_at FROM charter_versions ORDER BY version DESC`.execute(db);
  return rows;
}

export async function insertVersion(db: Executor, row: VersionRow): Promise<VersionRow> {
  const { rows } = await sql<VersionRow>`
    INSERT INTO charter_versions (version, rules, summary, published_by, published_at)
    VALUES (${row.version}, ${JSON.stringify(row.rules)}::jsonb, ${row.summary}, ${row.published_by}, ${row.published_at})
    RETURNING *`.execute(db);
  return rows[0]!;
}
