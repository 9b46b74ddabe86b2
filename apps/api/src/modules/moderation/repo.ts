import type {
  AppealStatus,
  ModerationActorKind,
  ModerationTargetType,
  ModlogAction,
  SensitiveWordCategory,
  SensitiveWordVerdict,
} from '@quanzi/contracts';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Executor, Tx } from '../../platform/db/connect.js';

interface ModerationActionsTable {
  id: Generated<string>;
  seq: Generated<bigint>;
  action: ModlogAction;
  target_type: ModerationTargetType | null;
  target_id: string | null;
  group_id: string | null;
  rule_code: string;
  rule_title: string;
  charter_version: number;
  reason: string;
  excerpt: string;
  excerpt_public: boolean;
  actor_kind: ModerationActorKind;
  actor_role: string;
  actor_name: string | null;
  actor_operator_id: string | null;
  actor_member_id: string | null;
  subject_member_id: string | null;
  hours: number | null;
  appeal_of: string | null;
  created_at: Date;
}
type ReportStatus = 'open' | 'actioned' | 'dismissed';
interface ModerationReportsTable {
  id: Generated<string>;
  reporter_id: string;
  target_type: ModerationTargetType;
  target_id: string;
  group_id: string | null;
  rule_code: string;
  note: string | null;
  status: Generated<ReportStatus>;
  handled_by: string | null;
  handled_operator_id: string | null;
  handled_at: Date | null;
  action_id: string | null;
  created_at: Date;
}
type HoldStatus = 'open' | 'released' | 'removed';
interface ModerationHoldsTable {
  action_id: string;
  target_type: ModerationTargetType;
  target_id: string;
  matched_word: string;
  status: Generated<HoldStatus>;
  resolved_by: string | null;
  created_at: Date;
  resolved_at: Date | null;
}
interface ModerationAppealsTable {
  id: Generated<string>;
  action_id: string;
  member_id: string;
  reason: string;
  status: Generated<AppealStatus>;
  decided_by: string | null;
  decided_operator_id: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  outcome_action_id: string | null;
  created_at: Date;
}
interface MemberRestrictionsTable {
  id: Generated<string>;
  member_id: string;
  scope: string;
  kind: 'mute';
  until: Date;
  rule_code: string;
  action_id: string;
  created_at: Date;
  lifted_at: Date | null;
  lifted_by: string | null;
}
interface SensitiveWordsTable {
  id: Generated<string>;
  word: string;
  category: SensitiveWordCategory;
  verdict: SensitiveWordVerdict;
  rule_code: string;
  created_by: string;
  created_at: Date;
  disabled_at: Date | null;
  disabled_by: string | null;
}
type ModerationTables = {
  moderation_actions: ModerationActionsTable;
  moderation_reports: ModerationReportsTable;
  moderation_holds: ModerationHoldsTable;
  moderation_appeals: ModerationAppealsTable;
  member_restrictions: MemberRestrictionsTable;
  sensitive_words: SensitiveWordsTable;
};

export type ActionRow = Selectable<ModerationActionsTable>;
export type NewAction = Omit<ModerationActionsTable, 'id' | 'seq'>;
export type ReportRow = Selectable<ModerationReportsTable>;
export type AppealRow = Selectable<ModerationAppealsTable>;
export type RestrictionRow = Selectable<MemberRestrictionsTable>;
export type WordRow = Selectable<SensitiveWordsTable>;
/** A log row with its appeal (if any) and, for a mute, when it ends or was lifted. */
export type LogRow = ActionRow & {
  appeal_id: string | null;
  appeal_status: AppealStatus | null;
  appeal_note: string | null;
  appeal_decided_at: Date | null;
  mute_until: Date | null;
  mute_lifted_at: Date | null;
};

const t = (db: Executor) => db.withTables<ModerationTables>();

// ---- the log -------------------------------------------------------------------------------------

export async function insertAction(db: Executor, row: NewAction): Promise<ActionRow> {
  return t(db).insertInto('moderation_actions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAction(db: Executor, id: string): Promise<ActionRow | undefined> {
  return t(db).selectFrom('moderation_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Serialises every moderation write on one target: two staff clicking "hide" together make one action. */
export async function lockTarget(trx: Tx, type: string, id: string): Promise<void> {
  await lockKey(trx, `moderation:${type}:${id}`);
}

const lockKey = async (trx: Tx, key: string) => {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 7205310019))`.execute(trx);
};

/**
 * The latest action that changed whether the content is visible: hide, delete, hold, release,
 * restore, or an overturned appeal of a hide/delete/hold. Undefined when none (it is visible).
 */
export async function latestStateAction(
  db: Executor,
  type: string,
  id: string,
): Promise<{ id: string; action: ModlogAction; original: ModlogAction | null } | undefined> {
  const { rows } = await sql<{ id: string; action: ModlogAction; original: ModlogAction | null }>`
    SELECT a.id, a.action, o.action AS original
    FROM moderation_actions a LEFT JOIN moderation_actions o ON o.id = a.appeal_of
    WHERE a.target_type = ${type} AND a.target_id = ${id}
      AND (a.action IN ('hide', 'delete', 'hold', 'release', 'restore')
           OR (a.action = 'appeal_overturned' AND o.action IN ('hide', 'delete', 'hold')))
    ORDER BY a.seq DESC LIMIT 1`.execute(db);
  return rows[0];
}

export interface LogFilter {
  before?: bigint | undefined;
  action?: ModlogAction | undefined;
  rule?: string | undefined;
  subjectId?: string | undefined;
  targetType?: ModerationTargetType | undefined;
  targetId?: string | undefined;
  /** Only actions (no appeal outcome rows): a member's own list shows outcomes on the action itself. */
  actionsOnly?: boolean;
}

const logSelect = (db: Executor) =>
  t(db)
    .selectFrom('moderation_actions as a')
    .leftJoin('moderation_appeals as ap', 'ap.action_id', 'a.id')
    .leftJoin('member_restrictions as r', 'r.action_id', 'a.id')
    .selectAll('a')
    .select([
      'ap.id as appeal_id',
      'ap.status as appeal_status',
      'ap.decision_note as appeal_note',
      'ap.decided_at as appeal_decided_at',
      'r.until as mute_until',
      'r.lifted_at as mute_lifted_at',
    ]);

/** Newest first; `before` is the seq of the previous page's last row. */
export async function listLog(db: Executor, filter: LogFilter, limit: number): Promise<LogRow[]> {
  let q = logSelect(db);
  if (filter.before !== undefined) q = q.where('a.seq', '<', filter.before);
  if (filter.action) q = q.where('a.action', '=', filter.action);
  if (filter.rule) q = q.where('a.rule_code', '=', filter.rule);
  if (filter.subjectId) q = q.where('a.subject_member_id', '=', filter.subjectId);
  if (filter.targetType) q = q.where('a.target_type', '=', filter.targetType);
  if (filter.targetId) q = q.where('a.target_id', '=', filter.targetId);
  if (filter.actionsOnly) q = q.where('a.appeal_of', 'is', null);
  return q.orderBy('a.seq', 'desc').limit(limit).execute();
}

export async function findLogRow(db: Executor, id: string): Promise<LogRow | undefined> {
  return logSelect(db).where('a.id', '=', id).executeTakeFirst();
}

/**
 * Violations that stand against a member: human actions (the filter's verdicts are only
 * suspicions) that were not overturned, are not waiting on an appeal, and whose content was not
 * restored or released afterwards.
 */
export async function countStandingViolations(db: Executor, memberId: string, since: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT COUNT(*)::int AS n
    FROM moderation_actions a LEFT JOIN moderation_appeals ap ON ap.action_id = a.id
    WHERE a.subject_member_id = ${memberId}
      AND a.action IN ('hide', 'delete', 'mute', 'remove_from_group', 'warn')
      AND a.actor_kind <> 'filter'
      AND a.created_at >= ${since}
      AND (ap.status IS NULL OR ap.status = 'upheld')
      AND NOT (a.action IN ('hide', 'delete') AND EXISTS (
        SELECT 1 FROM moderation_actions l
        WHERE l.target_type = a.target_type AND l.target_id = a.target_id AND l.seq > a.seq AND l.action IN ('restore', 'release')))`.execute(
    db,
  );
  return rows[0]!.n;
}

// ---- mutes ---------------------------------------------------------------------------------------

export async function insertRestriction(db: Executor, row: Omit<MemberRestrictionsTable, 'id' | 'lifted_at' | 'lifted_by'>) {
  await t(db).insertInto('member_restrictions').values(row).execute();
}

/** The mute covering a member in any of `scopes` that runs longest, if one is in force at `now`. */
export async function activeMute(db: Executor, memberId: string, scopes: string[], now: Date): Promise<RestrictionRow | undefined> {
  return t(db)
    .selectFrom('member_restrictions')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('kind', '=', 'mute')
    .where('lifted_at', 'is', null)
    .where('until', '>', now)
    .where('scope', 'in', scopes)
    .orderBy('until', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** How many mutes are in force for a member (in one scope, or any). */
export async function countActiveMutes(db: Executor, memberId: string, scope: string | undefined, now: Date): Promise<number> {
  let q = t(db)
    .selectFrom('member_restrictions')
    .select(sql<number>`COUNT(*)::int`.as('n'))
    .where('member_id', '=', memberId)
    .where('lifted_at', 'is', null)
    .where('until', '>', now);
  if (scope) q = q.where('scope', '=', scope);
  return (await q.executeTakeFirstOrThrow()).n;
}

/** Lifts mutes still in force: the one an action imposed, or a member's (in one scope, or all). */
export async function liftMutes(
  trx: Tx,
  which: { actionId: string } | { memberId: string; scope?: string | undefined },
  now: Date,
  liftedBy: string | null,
): Promise<number> {
  let q = t(trx)
    .updateTable('member_restrictions')
    .set({ lifted_at: now, lifted_by: liftedBy })
    .where('lifted_at', 'is', null)
    .where('until', '>', now);
  if ('actionId' in which) q = q.where('action_id', '=', which.actionId);
  else {
    q = q.where('member_id', '=', which.memberId);
    if (which.scope) q = q.where('scope', '=', which.scope);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** False once the mute an action imposed was lifted early (an expired mute can still be appealed). */
export async function muteStillRecorded(db: Executor, actionId: string): Promise<boolean> {
  const row = await t(db).selectFrom('member_restrictions').select('lifted_at').where('action_id', '=', actionId).executeTakeFirst();
  return row !== undefined && row.lifted_at === null;
}

// ---- held content --------------------------------------------------------------------------------

export async function insertHold(db: Executor, row: Omit<ModerationHoldsTable, 'status' | 'resolved_by' | 'resolved_at'>) {
  await t(db).insertInto('moderation_holds').values(row).execute();
}

export async function resolveHolds(trx: Tx, type: string, id: string, status: 'released' | 'removed', actionId: string, now: Date) {
  await t(trx)
    .updateTable('moderation_holds')
    .set({ status, resolved_by: actionId, resolved_at: now })
    .where('target_type', '=', type as ModerationTargetType)
    .where('target_id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

export async function openHolds(db: Executor, limit: number) {
  return t(db)
    .selectFrom('moderation_holds as h')
    .innerJoin('moderation_actions as a', 'a.id', 'h.action_id')
    .select(['h.action_id', 'h.target_type', 'h.target_id', 'h.matched_word', 'h.created_at', 'a.group_id', 'a.rule_code'])
    .where('h.status', '=', 'open')
    .orderBy('h.created_at')
    .limit(limit)
    .execute();
}

// ---- reports -------------------------------------------------------------------------------------

/** Undefined when the reporter already has an open report on this target. */
export async function insertReport(
  db: Executor,
  row: Pick<ReportRow, 'reporter_id' | 'target_type' | 'target_id' | 'group_id' | 'rule_code' | 'note' | 'created_at'>,
): Promise<ReportRow | undefined> {
  const { rows } = await sql<ReportRow>`
    INSERT INTO moderation_reports (reporter_id, target_type, target_id, group_id, rule_code, note, created_at)
    VALUES (${row.reporter_id}, ${row.target_type}, ${row.target_id}, ${row.group_id}, ${row.rule_code}, ${row.note}, ${row.created_at})
    ON CONFLICT (reporter_id, target_type, target_id) WHERE status = 'open' DO NOTHING
    RETURNING *`.execute(db);
  return rows[0];
}

export async function findReport(db: Executor, id: string): Promise<ReportRow | undefined> {
  return t(db).selectFrom('moderation_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes every open report on a target (actioned by an action, or dismissed); returns how many. */
export async function closeOpenReports(
  trx: Tx,
  target: { type: string; id: string },
  close: { status: 'actioned' | 'dismissed'; by: string | null; operatorId: string | null; actionId: string | null; at: Date },
): Promise<number> {
  const res = await t(trx)
    .updateTable('moderation_reports')
    .set({
      status: close.status,
      handled_by: close.by,
      handled_operator_id: close.operatorId,
      action_id: close.actionId,
      handled_at: close.at,
    })
    .where('target_type', '=', target.type as ModerationTargetType)
    .where('target_id', '=', target.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export interface ReportGroupRow {
  target_type: ModerationTargetType;
  target_id: string;
  group_id: string | null;
  first_at: Date;
  reports: Array<{ id: string; reporterId: string; ruleCode: string; note: string | null; createdAt: string }>;
}

/** Open reports grouped by target, the target reported first coming first. */
export async function openReportGroups(db: Executor, limit: number): Promise<ReportGroupRow[]> {
  const { rows } = await sql<ReportGroupRow>`
    SELECT target_type, target_id, (array_agg(group_id))[1] AS group_id, MIN(created_at) AS first_at,
           json_agg(json_build_object('id', id, 'reporterId', reporter_id, 'ruleCode', rule_code, 'note', note,
                                      'createdAt', created_at) ORDER BY created_at) AS reports
    FROM moderation_reports WHERE status = 'open'
    GROUP BY target_type, target_id ORDER BY first_at LIMIT ${limit}`.execute(db);
  return rows;
}

// ---- appeals -------------------------------------------------------------------------------------

/** Undefined when the action was already appealed. */
export async function insertAppeal(
  db: Executor,
  row: Pick<AppealRow, 'action_id' | 'member_id' | 'reason' | 'created_at'>,
): Promise<AppealRow | undefined> {
  return t(db)
    .insertInto('moderation_appeals')
    .values(row)
    .onConflict((oc) => oc.column('action_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function lockAppeal(trx: Tx, id: string): Promise<AppealRow | undefined> {
  return t(trx).selectFrom('moderation_appeals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideAppeal(
  trx: Tx,
  id: string,
  decision: Pick<AppealRow, 'status' | 'decided_by' | 'decided_operator_id' | 'decided_at' | 'decision_note' | 'outcome_action_id'>,
): Promise<AppealRow> {
  return t(trx).updateTable('moderation_appeals').set(decision).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Pending ones oldest first (a queue); decided ones newest first (a history). */
export async function listAppeals(
  db: Executor,
  filter: { status?: AppealStatus | undefined; memberId?: string | undefined },
  limit: number,
): Promise<AppealRow[]> {
  let q = t(db).selectFrom('moderation_appeals').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
  return q
    .orderBy('created_at', filter.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findAppeal(db: Executor, id: string): Promise<AppealRow | undefined> {
  return t(db).selectFrom('moderation_appeals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function logRowsByIds(db: Executor, ids: string[]): Promise<Map<string, LogRow>> {
  if (!ids.length) return new Map();
  const rows = await logSelect(db).where('a.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- the word list -------------------------------------------------------------------------------

/** Serialises changes to one word, so adding it twice at once replaces rather than collides. */
export async function lockWord(trx: Tx, word: string): Promise<void> {
  await lockKey(trx, `moderation:word:${word}`);
}

export async function activeWords(db: Executor): Promise<WordRow[]> {
  return t(db).selectFrom('sensitive_words').selectAll().where('disabled_at', 'is', null).orderBy('category').orderBy('word').execute();
}

export async function insertWord(db: Executor, row: Omit<WordRow, 'id' | 'disabled_at' | 'disabled_by'>): Promise<WordRow> {
  return t(db).insertInto('sensitive_words').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Takes a word off the list (by id or by word); the row stays as history. */
export async function disableWord(trx: Tx, which: { id: string } | { word: string }, by: string, at: Date): Promise<WordRow | undefined> {
  let q = t(trx).updateTable('sensitive_words').set({ disabled_at: at, disabled_by: by }).where('disabled_at', 'is', null);
  q = 'id' in which ? q.where('id', '=', which.id) : q.where('word', '=', which.word);
  return q.returningAll().executeTakeFirst();
}
