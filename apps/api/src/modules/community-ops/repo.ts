import { sql, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

/** Community operations' own tables (ARCHITECTURE.md, invariant 1). */
interface OpsGroupSettingsTable {
  group_id: string;
  alarm_minutes: number;
  working_hours_start: string | null;
  working_hours_end: string | null;
  welcome_template: string | null;
  updated_by: string;
  updated_at: Date;
}
interface OpsDutyRosterTable {
  id: Generated<string>;
  operator_id: string;
  operator_name: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
  created_by: string;
  created_at: Date;
}
interface OpsQuestionsTable {
  id: Generated<string>;
  group_id: string;
  message_id: string;
  asker_id: string;
  excerpt: string;
  asked_at: Date;
  due_at: Date;
  status: 'open' | 'alarmed' | 'answered';
  alarmed_at: Date | null;
  duty_operator_ids: Generated<string[]>;
  duty_operator_names: Generated<string[]>;
  notified_experts: Generated<number>;
  answered_at: Date | null;
  answered_by: string | null;
  answer_message_id: string | null;
  response_seconds: number | null;
  source: Generated<'chat' | 'thread'>;
}
interface OpsKeywordRepliesTable {
  id: Generated<string>;
  group_id: string;
  match_kind: 'exact' | 'contains' | 'regex';
  pattern: string;
  reply: string;
  enabled: Generated<boolean>;
  hit_count: Generated<number>;
  created_by: string;
  created_at: Date;
  deleted_at: Date | null;
}
interface OpsAutoRepliesTable {
  id: Generated<string>;
  group_id: string;
  rule_id: string;
  trigger_message_id: string;
  reply_message_id: string | null;
  replied_at: Date;
}
interface OpsWelcomesTable {
  group_id: string;
  member_id: string;
  joined_at: Date;
  message_id: string | null;
}
interface OpsCalendarEntriesTable {
  id: Generated<string>;
  group_id: string;
  title: string;
  body: string;
  repeat: 'once' | 'daily' | 'weekly';
  time_of_day: string;
  weekday: number | null;
  next_run_at: Date | null;
  status: 'scheduled' | 'paused' | 'done' | 'cancelled';
  simhash: bigint;
  sop_application_id: string | null;
  post_count: Generated<number>;
  last_posted_at: Date | null;
  created_by: string;
  created_at: Date;
}
interface OpsCalendarPostsTable {
  id: Generated<string>;
  entry_id: string;
  group_id: string;
  due_at: Date;
  text: string;
  simhash: bigint;
  message_id: string | null;
  posted_at: Date;
}
interface OpsSopTemplatesTable {
  id: Generated<string>;
  name: string;
  kind: 'stage' | 'lifecycle';
  stage: 'formation' | 'assimilation' | 'collaboration' | null;
  steps: unknown;
  created_by: string;
  created_at: Date;
  deleted_at: Date | null;
}
interface OpsSopApplicationsTable {
  id: Generated<string>;
  template_id: string;
  group_id: string;
  kind: 'stage' | 'lifecycle';
  active: Generated<boolean>;
  applied_by: string;
  applied_at: Date;
}
interface OpsLifecycleMessagesTable {
  id: Generated<string>;
  application_id: string;
  group_id: string;
  member_id: string;
  step_index: number;
  due_at: Date;
  sent_at: Date | null;
  outcome: string | null;
}
export type OpsTables = {
  ops_sop_templates: OpsSopTemplatesTable;
  ops_sop_applications: OpsSopApplicationsTable;
  ops_lifecycle_messages: OpsLifecycleMessagesTable;
  ops_calendar_entries: OpsCalendarEntriesTable;
  ops_calendar_posts: OpsCalendarPostsTable;
  ops_keyword_replies: OpsKeywordRepliesTable;
  ops_auto_replies: OpsAutoRepliesTable;
  ops_welcomes: OpsWelcomesTable;
  ops_group_settings: OpsGroupSettingsTable;
  ops_duty_roster: OpsDutyRosterTable;
  ops_questions: OpsQuestionsTable;
};
export type SettingsRow = Selectable<OpsGroupSettingsTable>;
export type DutyRow = Selectable<OpsDutyRosterTable>;
export type QuestionRow = Selectable<OpsQuestionsTable>;
export type KeywordRuleRow = Selectable<OpsKeywordRepliesTable>;
export type CalendarEntryRow = Selectable<OpsCalendarEntriesTable>;
export type CalendarPostRow = Selectable<OpsCalendarPostsTable>;
export type SopTemplateRow = Selectable<OpsSopTemplatesTable>;
export type SopApplicationRow = Selectable<OpsSopApplicationsTable>;
export type LifecycleMessageRow = Selectable<OpsLifecycleMessagesTable>;

export const t = (db: Executor) => db.withTables<OpsTables>();

export async function settings(db: Executor, groupId: string): Promise<SettingsRow | undefined> {
  return t(db).selectFrom('ops_group_settings').selectAll().where('group_id', '=', groupId).executeTakeFirst();
}

export async function upsertSettings(db: Executor, row: SettingsRow): Promise<SettingsRow> {
  return t(db)
    .insertInto('ops_group_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('group_id').doUpdateSet({
        alarm_minutes: row.alarm_minutes,
        working_hours_start: row.working_hours_start,
        working_hours_end: row.working_hours_end,
        welcome_template: row.welcome_template,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- roster
export async function roster(db: Executor): Promise<DutyRow[]> {
  return t(db).selectFrom('ops_duty_roster').selectAll().orderBy('weekday').orderBy('starts_at').orderBy('operator_name').execute();
}
export async function insertDuty(db: Executor, row: Omit<DutyRow, 'id'>): Promise<DutyRow> {
  return t(db).insertInto('ops_duty_roster').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function deleteDuty(db: Executor, id: string): Promise<DutyRow | undefined> {
  return t(db).deleteFrom('ops_duty_roster').where('id', '=', id).returningAll().executeTakeFirst();
}

// ---- questions
/** Records a question once per message (a redelivered event changes nothing). */
export async function insertQuestion(
  db: Executor,
  row: Pick<QuestionRow, 'group_id' | 'message_id' | 'asker_id' | 'excerpt' | 'asked_at' | 'due_at'> & { source?: 'chat' | 'thread' },
): Promise<QuestionRow | undefined> {
  return t(db)
    .insertInto('ops_questions')
    .values({ ...row, status: 'open' })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks pending questions answered by a message: `which` narrows them (the question it quotes, the
 * asker it mentions, or all of the group's). Only questions asked before the answer and by someone
 * else; the first response wins (answered rows are never touched again).
 */
export async function answerQuestions(
  db: Executor,
  input: {
    groupId: string;
    answererId: string;
    answerMessageId: string;
    answeredAt: Date;
    which: { messageId: string } | { askerIds: readonly string[] } | 'all';
  },
): Promise<QuestionRow[]> {
  const { groupId, answererId, answerMessageId, answeredAt, which } = input;
  if (typeof which === 'object' && 'askerIds' in which && !which.askerIds.length) return [];
  const filter =
    which === 'all'
      ? sql``
      : 'messageId' in which
        ? sql`AND message_id = ${which.messageId}`
        : sql`AND asker_id = ANY(${which.askerIds}::uuid[])`;
  const { rows } = await sql<QuestionRow>`
    UPDATE ops_questions
       SET status = 'answered', answered_at = ${answeredAt}, answered_by = ${answererId}, answer_message_id = ${answerMessageId},
           response_seconds = GREATEST(0, floor(extract(epoch FROM ${answeredAt}::timestamptz - asked_at)))::int
     WHERE group_id = ${groupId} AND status <> 'answered' AND asker_id <> ${answererId} AND asked_at <= ${answeredAt} ${filter}
     RETURNING *`.execute(db);
  return rows;
}

/** Removes a question that was not answered yet (its message is gone); returns what was removed. */
export async function deletePendingQuestion(db: Executor, messageId: string): Promise<QuestionRow[]> {
  return t(db).deleteFrom('ops_questions').where('message_id', '=', messageId).where('status', '<>', 'answered').returningAll().execute();
}

/** Whether the member already waits for an answer in the group (a follow-up starts no second clock). */
export async function hasPendingQuestion(db: Executor, groupId: string, askerId: string): Promise<boolean> {
  const row = await t(db)
    .selectFrom('ops_questions')
    .select('id')
    .where('group_id', '=', groupId)
    .where('asker_id', '=', askerId)
    .where('status', '<>', 'answered')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Open questions whose time is up, locked so two workers never alarm one twice. */
export async function dueQuestions(db: Executor, now: Date, limit: number): Promise<QuestionRow[]> {
  return t(db)
    .selectFrom('ops_questions')
    .selectAll()
    .where('status', '=', 'open')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markAlarmed(
  db: Executor,
  id: string,
  at: Date,
  duty: { ids: string[]; names: string[] },
  notifiedExperts: number,
): Promise<void> {
  await t(db)
    .updateTable('ops_questions')
    .set({
      status: 'alarmed',
      alarmed_at: at,
      duty_operator_ids: duty.ids,
      duty_operator_names: duty.names,
      notified_experts: notifiedExperts,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

export async function listQuestions(
  db: Executor,
  filter: { status: 'open' | 'alarmed' | 'answered' | 'all'; groupId?: string | undefined },
  offset: number,
  limit: number,
) {
  let q = t(db).selectFrom('ops_questions');
  if (filter.status !== 'all') q = q.where('status', '=', filter.status);
  if (filter.groupId) q = q.where('group_id', '=', filter.groupId);
  const rows = await q
    .selectAll()
    .orderBy(filter.status === 'answered' ? 'answered_at' : 'asked_at', 'desc')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
  const { total } = await q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const stats = await sql<{ answered: string; median: number | null; p90: number | null }>`
    SELECT count(*) AS answered,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY response_seconds) AS median,
           percentile_disc(0.9) WITHIN GROUP (ORDER BY response_seconds) AS p90
      FROM ops_questions
     WHERE status = 'answered' ${filter.groupId ? sql`AND group_id = ${filter.groupId}` : sql``}`.execute(db);
  const s = stats.rows[0]!;
  return {
    rows,
    total: Number(total),
    stats: { answered: Number(s.answered), medianSeconds: s.median, p90Seconds: s.p90 },
  };
}

// ---- keyword replies
export async function insertKeywordRule(
  db: Executor,
  row: Pick<KeywordRuleRow, 'group_id' | 'match_kind' | 'pattern' | 'reply' | 'created_by' | 'created_at'>,
): Promise<KeywordRuleRow> {
  return t(db)
    .insertInto('ops_keyword_replies')
    .values({ ...row, deleted_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
export async function keywordRules(db: Executor, groupId: string, onlyEnabled = false): Promise<KeywordRuleRow[]> {
  let q = t(db).selectFrom('ops_keyword_replies').selectAll().where('group_id', '=', groupId).where('deleted_at', 'is', null);
  if (onlyEnabled) q = q.where('enabled', '=', true);
  return q.orderBy('created_at').orderBy('id').execute();
}
export async function deleteKeywordRule(db: Executor, groupId: string, id: string, at: Date): Promise<KeywordRuleRow | undefined> {
  return t(db)
    .updateTable('ops_keyword_replies')
    .set({ deleted_at: at, enabled: false })
    .where('id', '=', id)
    .where('group_id', '=', groupId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
export async function setKeywordRuleEnabled(
  db: Executor,
  groupId: string,
  id: string,
  enabled: boolean,
): Promise<KeywordRuleRow | undefined> {
  return t(db)
    .updateTable('ops_keyword_replies')
    .set({ enabled })
    .where('id', '=', id)
    .where('group_id', '=', groupId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Serialises a group's automatic posts (the rate limit counts what the previous one wrote). */
export async function lockGroupAutomation(db: Executor, groupId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`ops-automation:${groupId}`}))`.execute(db);
}
export async function autoReplyExists(db: Executor, triggerMessageId: string): Promise<boolean> {
  return !!(await t(db).selectFrom('ops_auto_replies').select('id').where('trigger_message_id', '=', triggerMessageId).executeTakeFirst());
}
export async function autoRepliesSince(db: Executor, groupId: string, since: Date): Promise<number> {
  const { n } = await t(db)
    .selectFrom('ops_auto_replies')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('group_id', '=', groupId)
    .where('replied_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}
export async function recordAutoReply(
  db: Executor,
  row: { group_id: string; rule_id: string; trigger_message_id: string; reply_message_id: string | null; replied_at: Date },
): Promise<void> {
  await t(db).insertInto('ops_auto_replies').values(row).execute();
  await t(db)
    .updateTable('ops_keyword_replies')
    .set((eb) => ({ hit_count: eb('hit_count', '+', 1) }))
    .where('id', '=', row.rule_id)
    .execute();
}

// ---- welcomes
/** Claims the welcome of one membership; false when it was already sent. */
export async function claimWelcome(db: Executor, groupId: string, memberId: string, joinedAt: Date): Promise<boolean> {
  const row = await t(db)
    .insertInto('ops_welcomes')
    .values({ group_id: groupId, member_id: memberId, joined_at: joinedAt, message_id: null })
    .onConflict((oc) => oc.doNothing())
    .returning('group_id')
    .executeTakeFirst();
  return !!row;
}
export async function setWelcomeMessage(db: Executor, groupId: string, memberId: string, joinedAt: Date, messageId: string) {
  await t(db)
    .updateTable('ops_welcomes')
    .set({ message_id: messageId })
    .where('group_id', '=', groupId)
    .where('member_id', '=', memberId)
    .where('joined_at', '=', joinedAt)
    .execute();
}

// ---- content calendar
export async function insertCalendarEntry(db: Executor, row: Omit<CalendarEntryRow, 'id' | 'post_count' | 'last_posted_at'>) {
  return t(db)
    .insertInto('ops_calendar_entries')
    .values({ ...row, last_posted_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
export async function calendarEntries(db: Executor, groupId: string): Promise<CalendarEntryRow[]> {
  return t(db)
    .selectFrom('ops_calendar_entries')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('status', '<>', 'cancelled')
    .orderBy(sql`status = 'done'`)
    .orderBy('next_run_at')
    .orderBy('created_at')
    .execute();
}
export async function calendarEntry(db: Executor, groupId: string, id: string, lock = false) {
  let q = t(db).selectFrom('ops_calendar_entries').selectAll().where('id', '=', id).where('group_id', '=', groupId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export async function updateCalendarEntry(
  db: Executor,
  id: string,
  changes: Partial<Pick<CalendarEntryRow, 'status' | 'next_run_at' | 'last_posted_at'>> & { posted?: boolean },
) {
  const { posted, ...rest } = changes;
  return t(db)
    .updateTable('ops_calendar_entries')
    .set((eb) => (posted ? { ...rest, post_count: eb('post_count', '+', 1) } : rest))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
export async function dueCalendarEntries(db: Executor, now: Date, limit: number): Promise<CalendarEntryRow[]> {
  return t(db)
    .selectFrom('ops_calendar_entries')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
/** The post of one occurrence, once: false when it was already made. */
export async function insertCalendarPost(db: Executor, row: Omit<CalendarPostRow, 'id'>): Promise<string | undefined> {
  const r = await t(db)
    .insertInto('ops_calendar_posts')
    .values(row)
    .onConflict((oc) => oc.columns(['entry_id', 'due_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}
export async function setCalendarPostMessage(db: Executor, id: string, messageId: string) {
  await t(db).updateTable('ops_calendar_posts').set({ message_id: messageId }).where('id', '=', id).execute();
}
export async function recentCalendarPosts(db: Executor, groupId: string, since: Date): Promise<CalendarPostRow[]> {
  return t(db)
    .selectFrom('ops_calendar_posts')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('posted_at', '>=', since)
    .orderBy('posted_at', 'desc')
    .limit(500)
    .execute();
}

// ---- SOP templates
export async function insertSopTemplate(db: Executor, row: Omit<SopTemplateRow, 'id' | 'deleted_at'>): Promise<SopTemplateRow> {
  return t(db)
    .insertInto('ops_sop_templates')
    .values({ ...row, steps: JSON.stringify(row.steps), deleted_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
export async function sopTemplates(db: Executor): Promise<SopTemplateRow[]> {
  return t(db).selectFrom('ops_sop_templates').selectAll().where('deleted_at', 'is', null).orderBy('kind').orderBy('created_at').execute();
}
export async function sopTemplate(db: Executor, id: string): Promise<SopTemplateRow | undefined> {
  return t(db).selectFrom('ops_sop_templates').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}
export async function deleteSopTemplate(db: Executor, id: string, at: Date) {
  return t(db)
    .updateTable('ops_sop_templates')
    .set({ deleted_at: at })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
export async function insertSopApplication(db: Executor, row: Omit<SopApplicationRow, 'id' | 'active'>): Promise<SopApplicationRow> {
  return t(db).insertInto('ops_sop_applications').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function sopApplications(db: Executor, groupId: string, onlyActive = false) {
  let q = t(db)
    .selectFrom('ops_sop_applications as a')
    .innerJoin('ops_sop_templates as s', 's.id', 'a.template_id')
    .selectAll('a')
    .select(['s.name as template_name', 's.steps as template_steps'])
    .select((eb) => [
      eb
        .selectFrom('ops_calendar_entries as e')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('e.sop_application_id', '=', 'a.id')
        .as('entries'),
      eb
        .selectFrom('ops_lifecycle_messages as m')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('m.application_id', '=', 'a.id')
        .as('messages'),
      eb
        .selectFrom('ops_lifecycle_messages as m')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('m.application_id', '=', 'a.id')
        .where('m.outcome', '=', 'sent')
        .as('sent'),
      eb
        .selectFrom('ops_calendar_entries as e')
        .select((e) => e.fn.sum<string>('e.post_count').as('n'))
        .whereRef('e.sop_application_id', '=', 'a.id')
        .as('posted'),
    ])
    .where('a.group_id', '=', groupId);
  if (onlyActive) q = q.where('a.active', '=', true);
  return q.orderBy('a.applied_at', 'desc').execute();
}
export async function deactivateSopApplication(db: Executor, groupId: string, id: string) {
  return t(db)
    .updateTable('ops_sop_applications')
    .set({ active: false })
    .where('id', '=', id)
    .where('group_id', '=', groupId)
    .where('active', '=', true)
    .returningAll()
    .executeTakeFirst();
}
export async function cancelEntriesOf(db: Executor, applicationId: string) {
  await t(db)
    .updateTable('ops_calendar_entries')
    .set({ status: 'cancelled' })
    .where('sop_application_id', '=', applicationId)
    .where('status', 'in', ['scheduled', 'paused'])
    .execute();
}
export async function scheduleLifecycleMessages(
  db: Executor,
  rows: Array<Pick<LifecycleMessageRow, 'application_id' | 'group_id' | 'member_id' | 'step_index' | 'due_at'>>,
) {
  if (!rows.length) return;
  await t(db)
    .insertInto('ops_lifecycle_messages')
    .values(rows)
    .onConflict((oc) => oc.columns(['application_id', 'member_id', 'step_index']).doNothing())
    .execute();
}
export async function dueLifecycleMessages(db: Executor, now: Date, limit: number) {
  return t(db)
    .selectFrom('ops_lifecycle_messages as m')
    .innerJoin('ops_sop_applications as a', 'a.id', 'm.application_id')
    .innerJoin('ops_sop_templates as s', 's.id', 'a.template_id')
    .selectAll('m')
    .select(['a.active', 's.steps'])
    .where('m.sent_at', 'is', null)
    .where('m.due_at', '<=', now)
    .orderBy('m.due_at')
    .limit(limit)
    .forUpdate('m')
    .skipLocked()
    .execute();
}
export async function markLifecycleSent(db: Executor, id: string, at: Date, outcome: string) {
  await t(db).updateTable('ops_lifecycle_messages').set({ sent_at: at, outcome }).where('id', '=', id).execute();
}

/** Questions asked since a time, answered or not (analytics' response times per group; no member data). */
export async function questionTimes(db: Executor, since: Date, groupId?: string) {
  let q = t(db).selectFrom('ops_questions').select(['group_id', 'asked_at', 'answered_at']).where('asked_at', '>=', since);
  if (groupId) q = q.where('group_id', '=', groupId);
  return q.execute();
}
