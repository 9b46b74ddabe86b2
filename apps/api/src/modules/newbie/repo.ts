import { sql, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

/** The newbie module's own tables (ARCHITECTURE.md, invariant 1). */
interface GuideEntriesTable {
  id: Generated<string>;
  kind: 'article' | 'step' | 'privilege';
  title: string;
  body: string;
  position: number;
  status: 'draft' | 'published';
  source: 'editorial' | 'customer_service';
  source_ref: string | null;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  published_at: Date | null;
  deleted_at: Date | null;
}
export type TaskCode = 'register' | 'real_name' | 'bind_card' | 'first_invest' | 'repeat_invest';
interface TasksTable {
  code: TaskCode;
  position: number;
  reward_points: number;
  enabled: boolean;
  updated_by: string | null;
  updated_at: Date;
}
interface TaskRewardsTable {
  member_id: string;
  task_code: TaskCode;
  points: number;
  decision: 'allow' | 'review' | 'deny';
  event_id: string;
  granted_at: Date;
}
type NewbieTables = {
  newbie_guide_entries: GuideEntriesTable;
  newbie_tasks: TasksTable;
  newbie_task_rewards: TaskRewardsTable;
};
export type GuideRow = Selectable<GuideEntriesTable>;
export type TaskRow = Selectable<TasksTable>;
export type RewardRow = Selectable<TaskRewardsTable>;

const t = (db: Executor) => db.withTables<NewbieTables>();

// ── guide ────────────────────────────────────────────────────────────────────────────────────
export async function listGuide(
  db: Executor,
  filter: { kind?: GuideRow['kind'] | undefined; status?: GuideRow['status'] | undefined },
): Promise<GuideRow[]> {
  let q = t(db).selectFrom('newbie_guide_entries').selectAll().where('deleted_at', 'is', null);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('kind').orderBy('position').orderBy('created_at').orderBy('id').execute();
}

export async function findGuide(db: Executor, id: string, forUpdate = false): Promise<GuideRow | undefined> {
  let q = t(db).selectFrom('newbie_guide_entries').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const insertGuide = (db: Executor, row: Omit<GuideRow, 'id' | 'deleted_at'>) =>
  t(db).insertInto('newbie_guide_entries').values(row).returningAll().executeTakeFirstOrThrow();

export const findBySourceRef = (db: Executor, source: GuideRow['source'], ref: string) =>
  t(db)
    .selectFrom('newbie_guide_entries')
    .selectAll()
    .where('source', '=', source)
    .where('source_ref', '=', ref)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** Inserts unless an entry with the same (source, source_ref) exists: undefined then. */
export const insertGuideOnce = (db: Executor, row: Omit<GuideRow, 'id' | 'deleted_at'>) =>
  t(db)
    .insertInto('newbie_guide_entries')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['source', 'source_ref']).where('source_ref', 'is not', null).where('deleted_at', 'is', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();

export const updateGuide = (db: Executor, id: string, set: Partial<Omit<GuideRow, 'id'>>) =>
  t(db).updateTable('newbie_guide_entries').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function guideCount(db: Executor): Promise<number> {
  const row = await t(db)
    .selectFrom('newbie_guide_entries')
    .select(sql<number>`COUNT(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

// ── tasks ────────────────────────────────────────────────────────────────────────────────────
export const listTasks = (db: Executor): Promise<TaskRow[]> => t(db).selectFrom('newbie_tasks').selectAll().orderBy('position').execute();

export async function findTask(db: Executor, code: TaskCode, forUpdate = false): Promise<TaskRow | undefined> {
  let q = t(db).selectFrom('newbie_tasks').selectAll().where('code', '=', code);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const updateTask = (db: Executor, code: TaskCode, set: Pick<TaskRow, 'reward_points' | 'enabled' | 'updated_by' | 'updated_at'>) =>
  t(db).updateTable('newbie_tasks').set(set).where('code', '=', code).returningAll().executeTakeFirstOrThrow();

export async function completionCounts(db: Executor): Promise<Map<TaskCode, number>> {
  const rows = await t(db)
    .selectFrom('newbie_task_rewards')
    .select(['task_code', sql<number>`COUNT(*)::int`.as('n')])
    .groupBy('task_code')
    .execute();
  return new Map(rows.map((r) => [r.task_code, r.n]));
}

/** Claims (member, task) once: undefined when an earlier event already did. */
export const claimReward = (db: Executor, row: RewardRow) =>
  t(db)
    .insertInto('newbie_task_rewards')
    .values(row)
    .onConflict((oc) => oc.columns(['member_id', 'task_code']).doNothing())
    .returningAll()
    .executeTakeFirst();

export const rewardsOf = (db: Executor, memberId: string): Promise<RewardRow[]> =>
  t(db).selectFrom('newbie_task_rewards').selectAll().where('member_id', '=', memberId).execute();
