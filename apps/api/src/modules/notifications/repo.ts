import type {
  DeliveryChannel,
  DeliveryStatus,
  MarketingTopic,
  MemberChannel,
  NotificationKind,
  NoticeLocale,
  Segment,
  TemplateContent,
  TouchTopic,
} from '@quanzi/contracts';
import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { TOUCH_POLICY } from './touch-policy.js';

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
  activity_label: Generated<string | null>;
  activity_link: Generated<string | null>;
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
export type NewNotification = Omit<NotificationsTable, 'id' | 'seq' | 'read_at' | 'activity_label' | 'activity_link'>;

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

// ---- the touch layer: topics, settings, bindings, templates, sends, messages and deliveries

export interface TopicPreferenceRow {
  member_id: string;
  topic: MarketingTopic;
  channel: MemberChannel;
  enabled: boolean;
  updated_at: Date;
}
export interface MemberSettingsRow {
  member_id: string;
  quiet_start: number;
  quiet_end: number;
  /** The language the member reads notifications in. */
  locale: Generated<NoticeLocale>;
  updated_at: Date;
}
export interface BindingRow {
  member_id: string;
  channel: 'email' | 'wechat';
  address_enc: string;
  address_index: string;
  address_mask: string;
  bound_at: Date;
}
export interface PushSubscriptionRow {
  id: Generated<string>;
  member_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Date;
}
export interface ActivityLinkRow {
  id: Generated<string>;
  label: string;
  link: string;
  active: Generated<boolean>;
  created_by: string;
  created_at: Date;
  retired_at: Generated<Date | null>;
}
export interface TemplateRow {
  id: Generated<string>;
  code: string;
  name: string;
  topic: TouchTopic;
  channels: MemberChannel[];
  failover_to_in_app: boolean;
  current_version: number;
  created_at: Date;
  updated_at: Date;
}
export interface TemplateVersionRow {
  template_id: string;
  version: number;
  content: ColumnType<TemplateContent, string, string>;
  variables: string[];
  product_ids: string[];
  activity_link_id: string | null;
  wechat_template_id: string | null;
  sms_template_code: string | null;
  created_by: string;
  created_at: Date;
}
export type SendStatus = 'pending_approval' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';
export interface SendRow {
  id: Generated<string>;
  template_id: string;
  template_version: number;
  name: string;
  segment: ColumnType<Segment, string, string>;
  variables: ColumnType<Record<string, string>, string, string>;
  channels: MemberChannel[];
  status: SendStatus;
  scheduled_at: Date;
  audience_estimate: number;
  requires_approval: boolean;
  created_by: string;
  approved_by: string | null;
  approved_at: Date | null;
  cursor: string | null;
  batches: Generated<number>;
  targeted: Generated<number>;
  skipped: ColumnType<Record<string, number>, string, string>;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
}
export interface MessageRow {
  id: Generated<string>;
  member_id: string | null;
  send_id: string | null;
  dedupe_key: string | null;
  topic: TouchTopic;
  marketing: boolean;
  template_id: string | null;
  template_version: number | null;
  title: string;
  body: string;
  link: string | null;
  activity_label: string | null;
  activity_link: string | null;
  sms_text: string | null;
  sms_template_code: string | null;
  wechat_template_id: string | null;
  variables: ColumnType<Record<string, string>, string, string>;
  failover_to_in_app: boolean;
  created_at: Date;
}
export interface DeliveryRow {
  id: Generated<string>;
  seq: Generated<bigint>;
  message_id: string;
  member_id: string | null;
  send_id: string | null;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  reason: string | null;
  attempts: Generated<number>;
  next_attempt_at: Date;
  lease_until: Date | null;
  provider: string | null;
  provider_id: string | null;
  provider_code: string | null;
  error: string | null;
  folded_into: string | null;
  failover_of: string | null;
  robot_id: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
}
export interface MailOutboxRow {
  id: Generated<string>;
  delivery_id: string;
  to_enc: string;
  to_mask: string;
  subject: string;
  raw: string;
  created_at: Date;
}
export interface RobotRow {
  id: Generated<string>;
  name: string;
  webhook_enc: string;
  webhook_mask: string;
  created_by: string;
  created_at: Date;
  retired_at: Generated<Date | null>;
}
type TouchTables = {
  notification_topic_preferences: TopicPreferenceRow;
  notification_member_settings: MemberSettingsRow;
  notification_bindings: BindingRow;
  notification_push_subscriptions: PushSubscriptionRow;
  notification_settings: { key: string; value: ColumnType<unknown, string, string>; updated_at: Date };
  notification_cap_usage: { member_id: string; day: string; used: number };
  notification_activity_links: ActivityLinkRow;
  notification_templates: TemplateRow;
  notification_template_versions: TemplateVersionRow;
  notification_sends: SendRow;
  notification_messages: MessageRow;
  notification_deliveries: DeliveryRow;
  notification_mail_outbox: MailOutboxRow;
  notification_wecom_robots: RobotRow;
};
export type Delivery = Selectable<DeliveryRow>;
export type Message = Selectable<MessageRow>;
export type Send = Selectable<SendRow>;
export type Template = Selectable<TemplateRow>;
export type TemplateVersion = Selectable<TemplateVersionRow>;
export const touch = (db: Executor) => db.withTables<TouchTables & NotificationsTables>();

export async function topicPreferences(db: Executor, memberIds: readonly string[], topic?: MarketingTopic) {
  if (!memberIds.length) return [];
  let q = touch(db).selectFrom('notification_topic_preferences').selectAll().where('member_id', 'in', memberIds);
  if (topic) q = q.where('topic', '=', topic);
  return q.execute();
}

export async function upsertTopicPreference(db: Executor, row: TopicPreferenceRow): Promise<void> {
  await touch(db)
    .insertInto('notification_topic_preferences')
    .values(row)
    .onConflict((oc) => oc.columns(['member_id', 'topic', 'channel']).doUpdateSet({ enabled: row.enabled, updated_at: row.updated_at }))
    .execute();
}

export async function memberSettings(db: Executor, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return touch(db).selectFrom('notification_member_settings').selectAll().where('member_id', 'in', memberIds).execute();
}

export async function upsertMemberSettings(db: Executor, row: Omit<MemberSettingsRow, 'locale'>): Promise<void> {
  await touch(db)
    .insertInto('notification_member_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('member_id').doUpdateSet({ quiet_start: row.quiet_start, quiet_end: row.quiet_end, updated_at: row.updated_at }),
    )
    .execute();
}

/** A member's notification language; a member without settings row gets one with the default quiet hours. */
export async function setLocale(db: Executor, memberId: string, locale: NoticeLocale, now: Date): Promise<void> {
  await touch(db)
    .insertInto('notification_member_settings')
    .values({ member_id: memberId, quiet_start: TOUCH_POLICY.quietStart, quiet_end: TOUCH_POLICY.quietEnd, locale, updated_at: now })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ locale, updated_at: now }))
    .execute();
}

/** The members among these who read notifications in English (everyone else reads zh-CN). */
export async function englishReaders(db: Executor, memberIds: readonly string[]): Promise<Set<string>> {
  if (!memberIds.length) return new Set();
  const rows = await touch(db)
    .selectFrom('notification_member_settings')
    .select('member_id')
    .where('member_id', 'in', memberIds)
    .where('locale', '=', 'en')
    .execute();
  return new Set(rows.map((r) => r.member_id));
}

export async function bindings(db: Executor, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return touch(db).selectFrom('notification_bindings').selectAll().where('member_id', 'in', memberIds).execute();
}

export async function pushSubscriptions(db: Executor, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return touch(db).selectFrom('notification_push_subscriptions').selectAll().where('member_id', 'in', memberIds).execute();
}

/** Members among `memberIds` reachable on `channel` (bound email/WeChat, or a push subscription). */
export async function boundAmong(db: Executor, channel: 'email' | 'wechat' | 'push', memberIds: readonly string[]): Promise<string[]> {
  if (!memberIds.length) return [];
  const rows =
    channel === 'push'
      ? await touch(db)
          .selectFrom('notification_push_subscriptions')
          .select('member_id')
          .distinct()
          .where('member_id', 'in', memberIds)
          .execute()
      : await touch(db)
          .selectFrom('notification_bindings')
          .select('member_id')
          .where('channel', '=', channel)
          .where('member_id', 'in', memberIds)
          .execute();
  return rows.map((r) => r.member_id);
}

export async function setting<T>(db: Executor, key: string): Promise<T | undefined> {
  const row = await touch(db).selectFrom('notification_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}

export async function putSetting(db: Executor, key: string, value: unknown, at: Date): Promise<void> {
  await touch(db)
    .insertInto('notification_settings')
    .values({ key, value: JSON.stringify(value), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
    .execute();
}

/**
 * Takes one marketing touch from each member's cap for the Shanghai `day`, atomically: the upsert
 * adds one only while `used < cap`, and concurrent takers queue on the row lock. Returns the
 * members that got one (the others are at the cap).
 */
export async function takeCap(db: Executor, memberIds: readonly string[], day: string, cap: number): Promise<Set<string>> {
  if (!memberIds.length || cap <= 0) return new Set();
  const { rows } = await sql<{ member_id: string }>`
    INSERT INTO notification_cap_usage (member_id, day, used)
    SELECT m, ${day}::date, 1 FROM unnest(${[...memberIds]}::uuid[]) AS m
    ON CONFLICT (member_id, day) DO UPDATE SET used = notification_cap_usage.used + 1
      WHERE notification_cap_usage.used < ${cap}
    RETURNING member_id`.execute(db);
  return new Set(rows.map((r) => r.member_id));
}

/** Gives a touch back (the channel failed for good: nothing reached the member). */
export async function returnCap(db: Executor, memberId: string, day: string): Promise<void> {
  await sql`UPDATE notification_cap_usage SET used = used - 1 WHERE member_id = ${memberId} AND day = ${day}::date AND used > 0`.execute(
    db,
  );
}

export async function capUsed(db: Executor, memberId: string, day: string): Promise<number> {
  const { rows } = await sql<{ used: number }>`
    SELECT used FROM notification_cap_usage WHERE member_id = ${memberId} AND day = ${day}::date`.execute(db);
  return rows[0]?.used ?? 0;
}

/** Bulk inbox rows (a send's batch): one statement; a repeated source id is skipped. */
export async function insertNotifications(
  db: Executor,
  rows: ReadonlyArray<NewNotification & { activity_label: string | null; activity_link: string | null }>,
) {
  if (!rows.length) return [];
  const { rows: out } = await sql<{ id: string; member_id: string }>`
    INSERT INTO notifications (member_id, kind, title, body, link, source_event_id, created_at, activity_label, activity_link)
    SELECT * FROM unnest(
      ${rows.map((r) => r.member_id)}::uuid[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.title)}::text[],
      ${rows.map((r) => r.body)}::text[], ${rows.map((r) => r.link)}::text[], ${rows.map((r) => r.source_event_id)}::text[],
      ${rows.map((r) => r.created_at)}::timestamptz[], ${rows.map((r) => r.activity_label)}::text[], ${rows.map((r) => r.activity_link)}::text[])
    ON CONFLICT (source_event_id) DO NOTHING
    RETURNING id, member_id`.execute(db);
  return out;
}

export type NewMessage = Omit<MessageRow, 'id' | 'variables'> & { variables: string };

/** Messages of a send batch (or one message); members that already have one for the send are skipped. */
export async function insertMessages(db: Executor, rows: readonly NewMessage[]): Promise<Array<{ id: string; member_id: string | null }>> {
  if (!rows.length) return [];
  const [first] = rows;
  const same = rows.every(
    (r) =>
      r.send_id === first!.send_id &&
      r.title === first!.title &&
      r.body === first!.body &&
      r.sms_text === first!.sms_text &&
      r.variables === first!.variables &&
      r.dedupe_key === null,
  );
  if (same && rows.length > 1) {
    // A send's batch: one text for every member, so only the member ids travel as an array.
    const f = first!;
    const { rows: out } = await sql<{ id: string; member_id: string | null }>`
      INSERT INTO notification_messages (member_id, send_id, dedupe_key, topic, marketing, template_id, template_version, title, body, link,
        activity_label, activity_link, sms_text, sms_template_code, wechat_template_id, variables, failover_to_in_app, created_at)
      SELECT m, ${f.send_id}::uuid, NULL, ${f.topic}, ${f.marketing}, ${f.template_id}::uuid, ${f.template_version}::int, ${f.title}, ${f.body}, ${f.link},
        ${f.activity_label}, ${f.activity_link}, ${f.sms_text}, ${f.sms_template_code}, ${f.wechat_template_id}, ${f.variables}::jsonb,
        ${f.failover_to_in_app}, ${f.created_at}::timestamptz
      FROM unnest(${rows.map((r) => r.member_id)}::uuid[]) AS m
      ON CONFLICT DO NOTHING
      RETURNING id, member_id`.execute(db);
    return out;
  }
  const col = <K extends keyof NewMessage>(k: K) => rows.map((r) => r[k]);
  const { rows: out } = await sql<{ id: string; member_id: string | null }>`
    INSERT INTO notification_messages (member_id, send_id, dedupe_key, topic, marketing, template_id, template_version, title, body, link,
      activity_label, activity_link, sms_text, sms_template_code, wechat_template_id, variables, failover_to_in_app, created_at)
    SELECT * FROM unnest(
      ${col('member_id')}::uuid[], ${col('send_id')}::uuid[], ${col('dedupe_key')}::text[], ${col('topic')}::text[], ${col('marketing')}::bool[],
      ${col('template_id')}::uuid[], ${col('template_version')}::int[], ${col('title')}::text[], ${col('body')}::text[], ${col('link')}::text[],
      ${col('activity_label')}::text[], ${col('activity_link')}::text[], ${col('sms_text')}::text[], ${col('sms_template_code')}::text[],
      ${col('wechat_template_id')}::text[], ${col('variables')}::jsonb[], ${col('failover_to_in_app')}::bool[], ${col('created_at')}::timestamptz[])
    ON CONFLICT DO NOTHING
    RETURNING id, member_id`.execute(db);
  return out;
}

export type NewDelivery = Pick<
  DeliveryRow,
  | 'message_id'
  | 'member_id'
  | 'send_id'
  | 'channel'
  | 'status'
  | 'reason'
  | 'next_attempt_at'
  | 'created_at'
  | 'updated_at'
  | 'delivered_at'
  | 'provider'
  | 'failover_of'
  | 'robot_id'
>;

export async function insertDeliveries(
  db: Executor,
  rows: readonly NewDelivery[],
): Promise<Array<{ id: string; message_id: string; channel: DeliveryChannel }>> {
  if (!rows.length) return [];
  const col = <K extends keyof NewDelivery>(k: K) => rows.map((r) => r[k]);
  const { rows: out } = await sql<{ id: string; message_id: string; channel: DeliveryChannel }>`
    INSERT INTO notification_deliveries (message_id, member_id, send_id, channel, status, reason, next_attempt_at, created_at, updated_at,
      delivered_at, provider, failover_of, robot_id)
    SELECT * FROM unnest(
      ${col('message_id')}::uuid[], ${col('member_id')}::uuid[], ${col('send_id')}::uuid[], ${col('channel')}::text[], ${col('status')}::text[],
      ${col('reason')}::text[], ${col('next_attempt_at')}::timestamptz[], ${col('created_at')}::timestamptz[], ${col('updated_at')}::timestamptz[],
      ${col('delivered_at')}::timestamptz[], ${col('provider')}::text[], ${col('failover_of')}::uuid[], ${col('robot_id')}::uuid[])
    ON CONFLICT (message_id, channel) DO NOTHING
    RETURNING id, message_id, channel`.execute(db);
  return out;
}

/**
 * Claims due deliveries for this worker: queued or deferred ones whose time came, and `sending`
 * ones whose lease ran out (the worker that held them died). SKIP LOCKED: workers never share one.
 * Ordered so a member's deferred messages of one topic come together (digests fold them).
 */
export async function claimDue(db: Executor, now: Date, leaseMs: number, limit: number): Promise<Delivery[]> {
  const { rows } = await sql<Delivery>`
    UPDATE notification_deliveries d SET status = 'sending', attempts = d.attempts + 1,
      lease_until = ${new Date(now.getTime() + leaseMs)}, updated_at = ${now}
    WHERE d.id IN (
      SELECT id FROM notification_deliveries
      WHERE (status IN ('queued', 'deferred') AND next_attempt_at <= ${now}) OR (status = 'sending' AND lease_until < ${now})
      ORDER BY next_attempt_at, member_id, channel
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING d.*`.execute(db);
  return rows;
}

export async function finishDelivery(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<
      DeliveryRow,
      | 'status'
      | 'reason'
      | 'provider'
      | 'provider_id'
      | 'provider_code'
      | 'error'
      | 'next_attempt_at'
      | 'sent_at'
      | 'delivered_at'
      | 'folded_into'
    >
  > & {
    updated_at: Date;
  },
): Promise<void> {
  await touch(db)
    .updateTable('notification_deliveries')
    .set({ ...patch, lease_until: null })
    .where('id', '=', id)
    .execute();
}

export async function messagesByIds(db: Executor, ids: readonly string[]): Promise<Message[]> {
  if (!ids.length) return [];
  return touch(db).selectFrom('notification_messages').selectAll().where('id', 'in', ids).execute();
}
