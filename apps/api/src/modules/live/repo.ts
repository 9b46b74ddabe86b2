import { sql, type Generated, type Selectable, type Updateable } from 'kysely';
import type { LiveStatus } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';

export type Flag = 'contact' | 'promise' | 'other';

interface LiveSessionsTable {
  id: Generated<string>;
  title: string;
  description: string;
  host_member_id: string | null;
  host_operator_id: string | null;
  host_name: string;
  group_id: string | null;
  stream_url: string;
  scheduled_at: Date;
  status: LiveStatus;
  started_at: Date | null;
  ended_at: Date | null;
  recap_thread_id: string | null;
  recap_markdown: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}
interface LiveSubscriptionsTable {
  session_id: string;
  member_id: string;
  created_at: Date;
  reminded_at: Date | null;
}
interface LiveCommentsTable {
  id: Generated<string>;
  seq: Generated<bigint>;
  session_id: string;
  member_id: string;
  body: string;
  status: 'visible' | 'held' | 'hidden';
  flag: Flag | null;
  created_at: Date;
}
interface LiveQuestionsTable {
  id: Generated<string>;
  session_id: string;
  member_id: string;
  body: string;
  upvotes: Generated<number>;
  status: 'open' | 'answered' | 'held' | 'hidden';
  flag: Flag | null;
  created_at: Date;
  answered_at: Date | null;
}
interface LiveQuestionVotesTable {
  question_id: string;
  member_id: string;
  created_at: Date;
}
type LiveTables = {
  live_sessions: LiveSessionsTable;
  live_subscriptions: LiveSubscriptionsTable;
  live_comments: LiveCommentsTable;
  live_questions: LiveQuestionsTable;
  live_question_votes: LiveQuestionVotesTable;
};
export type SessionRow = Selectable<LiveSessionsTable>;
export type SessionChanges = Updateable<LiveSessionsTable>;
export type CommentRow = Selectable<LiveCommentsTable>;
export type QuestionRow = Selectable<LiveQuestionsTable>;

const t = (db: Executor) => db.withTables<LiveTables>();

// ── sessions ────────────────────────────────────────────────────────────────────────────────────

export async function insertSession(
  db: Executor,
  row: Omit<LiveSessionsTable, 'id' | 'status' | 'started_at' | 'ended_at' | 'recap_thread_id' | 'recap_markdown'>,
): Promise<SessionRow> {
  return t(db)
    .insertInto('live_sessions')
    .values({ ...row, status: 'scheduled' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** `lock`: 'update' for state changes, 'share' for writes that must not cross a state change. */
export async function findSession(db: Executor, id: string, lock?: 'update' | 'share'): Promise<SessionRow | undefined> {
  let q = t(db).selectFrom('live_sessions').selectAll().where('id', '=', id);
  if (lock === 'update') q = q.forUpdate();
  if (lock === 'share') q = q.forShare();
  return q.executeTakeFirst();
}

export async function updateSession(db: Executor, id: string, changes: SessionChanges): Promise<SessionRow> {
  return t(db).updateTable('live_sessions').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Live ones first, then scheduled by start time. */
export async function upcomingSessions(db: Executor, limit: number): Promise<SessionRow[]> {
  return t(db)
    .selectFrom('live_sessions')
    .selectAll()
    .where('status', 'in', ['scheduled', 'live'])
    .orderBy(sql`status = 'live'`, 'desc')
    .orderBy('scheduled_at')
    .limit(limit)
    .execute();
}

/** Ended or cancelled, most recent first. */
export async function pastSessions(db: Executor, limit: number): Promise<SessionRow[]> {
  return t(db)
    .selectFrom('live_sessions')
    .selectAll()
    .where('status', 'in', ['ended', 'cancelled'])
    .orderBy(sql`coalesce(ended_at, scheduled_at)`, 'desc')
    .limit(limit)
    .execute();
}

export async function listSessions(db: Executor, filter: { status?: LiveStatus | undefined }, offset: number, limit: number) {
  let q = t(db).selectFrom('live_sessions');
  if (filter.status) q = q.where('status', '=', filter.status);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('scheduled_at', 'desc').orderBy('id').offset(offset).limit(limit).execute(),
    q.select(sql<number>`COUNT(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** Visible comments and not-hidden questions per session, for the console. */
export async function roomCounts(db: Executor, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { comments: number; questions: number }>();
  const [comments, questions] = await Promise.all([
    t(db)
      .selectFrom('live_comments')
      .select(['session_id', sql<number>`COUNT(*)::int`.as('n')])
      .where('session_id', 'in', ids)
      .where('status', '=', 'visible')
      .groupBy('session_id')
      .execute(),
    t(db)
      .selectFrom('live_questions')
      .select(['session_id', sql<number>`COUNT(*)::int`.as('n')])
      .where('session_id', 'in', ids)
      .where('status', 'in', ['open', 'answered'])
      .groupBy('session_id')
      .execute(),
  ]);
  const c = new Map(comments.map((r) => [r.session_id, r.n]));
  const q = new Map(questions.map((r) => [r.session_id, r.n]));
  return new Map(ids.map((id) => [id, { comments: c.get(id) ?? 0, questions: q.get(id) ?? 0 }]));
}

// ── subscriptions ───────────────────────────────────────────────────────────────────────────────

export async function subscribe(db: Executor, sessionId: string, memberId: string, at: Date): Promise<void> {
  await t(db)
    .insertInto('live_subscriptions')
    .values({ session_id: sessionId, member_id: memberId, created_at: at, reminded_at: null })
    .onConflict((oc) => oc.columns(['session_id', 'member_id']).doNothing())
    .execute();
}

export async function unsubscribe(db: Executor, sessionId: string, memberId: string): Promise<void> {
  await t(db).deleteFrom('live_subscriptions').where('session_id', '=', sessionId).where('member_id', '=', memberId).execute();
}

export async function isSubscribed(db: Executor, sessionId: string, memberId: string): Promise<boolean> {
  const row = await t(db)
    .selectFrom('live_subscriptions')
    .select('member_id')
    .where('session_id', '=', sessionId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function subscriberCounts(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await t(db)
    .selectFrom('live_subscriptions')
    .select(['session_id', sql<number>`COUNT(*)::int`.as('n')])
    .where('session_id', 'in', ids)
    .groupBy('session_id')
    .execute();
  return new Map(rows.map((r) => [r.session_id, r.n]));
}

export async function subscriberIds(db: Executor, sessionId: string): Promise<string[]> {
  const rows = await t(db).selectFrom('live_subscriptions').select('member_id').where('session_id', '=', sessionId).execute();
  return rows.map((r) => r.member_id);
}

/**
 * Subscriptions of scheduled sessions starting before `until` that were not reminded yet, locked
 * (SKIP LOCKED: two workers running the job together remind each member once).
 */
export async function claimDueReminders(db: Executor, until: Date, limit: number) {
  return t(db)
    .selectFrom('live_subscriptions as s')
    .innerJoin('live_sessions as l', 'l.id', 's.session_id')
    .select(['s.session_id', 's.member_id', 'l.title', 'l.host_name', 'l.scheduled_at'])
    .where('s.reminded_at', 'is', null)
    .where('l.status', '=', 'scheduled')
    .where('l.scheduled_at', '<=', until)
    .orderBy('l.scheduled_at')
    .limit(limit)
    .forUpdate('s')
    .skipLocked()
    .execute();
}

export async function markReminded(db: Executor, sessionId: string, memberIds: readonly string[], at: Date): Promise<void> {
  await t(db)
    .updateTable('live_subscriptions')
    .set({ reminded_at: at })
    .where('session_id', '=', sessionId)
    .where('member_id', 'in', memberIds)
    .execute();
}

// ── comments ────────────────────────────────────────────────────────────────────────────────────

/** Serialises one member's posts so slow mode holds under concurrent requests. */
export async function lockMemberPosting(db: Executor, memberId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`live-post:${memberId}`}, 0))`.execute(db);
}

export async function lastPostAt(db: Executor, table: 'live_comments' | 'live_questions', memberId: string): Promise<Date | undefined> {
  const row = await t(db)
    .selectFrom(table)
    .select('created_at')
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at;
}

export async function insertComment(db: Executor, row: Omit<LiveCommentsTable, 'id' | 'seq'>): Promise<CommentRow> {
  return t(db).insertInto('live_comments').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The newest visible comments before `before` (a seq), newest first. */
export async function visibleComments(db: Executor, sessionId: string, before: bigint | undefined, limit: number): Promise<CommentRow[]> {
  let q = t(db).selectFrom('live_comments').selectAll().where('session_id', '=', sessionId).where('status', '=', 'visible');
  if (before !== undefined) q = q.where('seq', '<', before);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}

export async function findComment(db: Executor, id: string, lock = false): Promise<CommentRow | undefined> {
  const q = t(db).selectFrom('live_comments').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function setCommentStatus(db: Executor, id: string, status: CommentRow['status']): Promise<CommentRow> {
  return t(db).updateTable('live_comments').set({ status }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// ── questions ───────────────────────────────────────────────────────────────────────────────────

export async function insertQuestion(db: Executor, row: Omit<LiveQuestionsTable, 'id' | 'upvotes' | 'answered_at'>): Promise<QuestionRow> {
  return t(db)
    .insertInto('live_questions')
    .values({ ...row, answered_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findQuestion(db: Executor, id: string, lock = false): Promise<QuestionRow | undefined> {
  const q = t(db).selectFrom('live_questions').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Open and answered questions, most upvoted first, then oldest first. */
export async function shownQuestions(db: Executor, sessionId: string): Promise<QuestionRow[]> {
  return t(db)
    .selectFrom('live_questions')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', 'in', ['open', 'answered'])
    .orderBy('upvotes', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** What the recap lists: answered questions in queue order (most upvoted first, then oldest first). */
export async function answeredQuestions(db: Executor, sessionId: string): Promise<QuestionRow[]> {
  return t(db)
    .selectFrom('live_questions')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '=', 'answered')
    .orderBy('upvotes', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function updateQuestion(
  db: Executor,
  id: string,
  changes: Partial<Pick<QuestionRow, 'status' | 'answered_at'>>,
): Promise<QuestionRow> {
  return t(db).updateTable('live_questions').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Records the member's vote; false when they had already voted (the count is then left alone). */
export async function insertVote(db: Executor, questionId: string, memberId: string, at: Date): Promise<boolean> {
  const row = await t(db)
    .insertInto('live_question_votes')
    .values({ question_id: questionId, member_id: memberId, created_at: at })
    .onConflict((oc) => oc.columns(['question_id', 'member_id']).doNothing())
    .returning('question_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function incrementUpvotes(db: Executor, id: string): Promise<QuestionRow> {
  return t(db)
    .updateTable('live_questions')
    .set((eb) => ({ upvotes: eb('upvotes', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function votedQuestionIds(db: Executor, sessionId: string, memberId: string): Promise<Set<string>> {
  const rows = await t(db)
    .selectFrom('live_question_votes as v')
    .innerJoin('live_questions as q', 'q.id', 'v.question_id')
    .select('v.question_id')
    .where('q.session_id', '=', sessionId)
    .where('v.member_id', '=', memberId)
    .execute();
  return new Set(rows.map((r) => r.question_id));
}
