import type { NotificationKind } from '@quanzi/contracts';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

interface NotificationsTable {
  id: Generated<string>;
  seq: Generated<bigint>;
  member_id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  source_event_id: string | null;
  created_at: Date;
  read_at: Date | null;
}
interface NotificationPreferencesTable {
  member_id: string;
  kind: NotificationKind;
  in_app: boolean;
  updated_at: Date;
}
interface NotificationOrderAmountsTable {
  order_id: string;
  amount: bigint;
  created_at: Date;
}
type NotificationsTables = {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_order_amounts: NotificationOrderAmountsTable;
};
export type NotificationRow = Selectable<NotificationsTable>;
export type NewNotification = Omit<NotificationsTable, 'id' | 'seq' | 'read_at'>;

const t = (db: Executor) => db.withTables<NotificationsTables>();

/** Inserts unless a notification from the same source event exists; undefined when it did. */
export async function insertNotification(db: Executor, row: NewNotification): Promise<NotificationRow | undefined> {
  return t(db)
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('source_event_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export interface InboxFilter {
  memberId: string;
  kind?: NotificationKind | undefined;
  unread?: boolean | undefined;
  before?: bigint | undefined;
}

/** Newest first; `before` is the seq of the previous page's last row. */
export async function listNotifications(db: Executor, filter: InboxFilter, limit: number): Promise<NotificationRow[]> {
  let q = t(db).selectFrom('notifications').selectAll().where('member_id', '=', filter.memberId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.unread === true) q = q.where('read_at', 'is', null);
  if (filter.unread === false) q = q.where('read_at', 'is not', null);
  if (filter.before !== undefined) q = q.where('seq', '<', filter.before);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}

export async function countUnread(db: Executor, memberId: string): Promise<number> {
  const row = await t(db)
    .selectFrom('notifications')
    .select(sql<number>`COUNT(*)::int`.as('n'))
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks the member's own unread notifications read (all of them, or those in `ids`); returns how many changed. */
export async function markRead(db: Executor, memberId: string, ids: readonly string[] | 'all', at: Date): Promise<number> {
  let q = t(db).updateTable('notifications').set({ read_at: at }).where('member_id', '=', memberId).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function preferences(db: Executor, memberId: string): Promise<Array<{ kind: NotificationKind; in_app: boolean }>> {
  return t(db).selectFrom('notification_preferences').select(['kind', 'in_app']).where('member_id', '=', memberId).execute();
}

export async function preference(db: Executor, memberId: string, kind: NotificationKind): Promise<boolean | undefined> {
  const row = await t(db)
    .selectFrom('notification_preferences')
    .select('in_app')
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.in_app;
}

export async function upsertPreference(db: Executor, row: NotificationPreferencesTable): Promise<void> {
  await t(db)
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) => oc.columns(['member_id', 'kind']).doUpdateSet({ in_app: row.in_app, updated_at: row.updated_at }))
    .execute();
}

export async function rememberOrderAmount(db: Executor, orderId: string, amount: bigint, at: Date): Promise<void> {
  await t(db)
    .insertInto('notification_order_amounts')
    .values({ order_id: orderId, amount, created_at: at })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
}

export async function orderAmount(db: Executor, orderId: string): Promise<bigint | undefined> {
  const row = await t(db).selectFrom('notification_order_amounts').select('amount').where('order_id', '=', orderId).executeTakeFirst();
  return row?.amount;
}

export async function forgetOrderAmount(db: Executor, orderId: string): Promise<void> {
  await t(db).deleteFrom('notification_order_amounts').where('order_id', '=', orderId).execute();
}
