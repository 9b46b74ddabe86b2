import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { Level } from './questionnaire.js';

export interface Answer {
  questionId: string;
  optionId: string;
}

interface SuitabilityAssessmentsTable {
  id: Generated<string>;
  seq: Generated<bigint>;
  member_id: string;
  version: string;
  /** As submitted, in questionnaire order; written as JSON text, read back parsed. */
  answers: ColumnType<Answer[], string, never>;
  score: number;
  level: Level;
  assessed_at: Date;
  expires_at: Date;
}
type SuitabilityTables = { suitability_assessments: SuitabilityAssessmentsTable };
export type AssessmentRow = Selectable<SuitabilityAssessmentsTable>;

const t = (db: Executor) => db.withTables<SuitabilityTables>();

export async function insertAssessment(
  db: Executor,
  row: Omit<SuitabilityAssessmentsTable, 'id' | 'seq' | 'answers'> & { answers: Answer[] },
): Promise<AssessmentRow> {
  return t(db)
    .insertInto('suitability_assessments')
    .values({ ...row, answers: JSON.stringify(row.answers) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The member's latest submission, expired or not. */
export async function latestAssessment(db: Executor, memberId: string): Promise<AssessmentRow | undefined> {
  return t(db)
    .selectFrom('suitability_assessments')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Serialises one member's submissions so the daily limit holds under concurrent requests. */
export async function lockMemberAssessments(db: Executor, memberId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`suitability:${memberId}`}, 0))`.execute(db);
}

/** How many times the member submitted since `since` (the start of their Asia/Shanghai day). */
export async function attemptsSince(db: Executor, memberId: string, since: Date): Promise<number> {
  const row = await t(db)
    .selectFrom('suitability_assessments')
    .select(sql<number>`COUNT(*)::int`.as('n'))
    .where('member_id', '=', memberId)
    .where('assessed_at', '>=', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Every attempt, newest first (kept for compliance). */
export async function listAssessments(db: Executor, memberId: string, limit: number): Promise<AssessmentRow[]> {
  return t(db)
    .selectFrom('suitability_assessments')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/** Of `memberIds`, those whose latest assessment is unexpired at `now` and at least `level`. */
export async function membersAtLeast(db: Executor, memberIds: readonly string[], level: Level, now: Date): Promise<string[]> {
  if (!memberIds.length) return [];
  const rows = await sql<{ member_id: string }>`
    SELECT member_id FROM (
      SELECT DISTINCT ON (member_id) member_id, level, expires_at
      FROM suitability_assessments
      WHERE member_id = ANY(${[...memberIds]}::uuid[])
      ORDER BY member_id, seq DESC
    ) latest
    WHERE level >= ${level} AND expires_at > ${now}`.execute(db);
  return rows.rows.map((r) => r.member_id);
}
