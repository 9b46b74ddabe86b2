import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

interface SmsCodesTable {
  id: Generated<string>;
  phone_index: string;
  purpose: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  attempts: Generated<number>;
  consumed_at: Generated<Date | null>;
}
interface SmsMessagesTable {
  id: Generated<string>;
  phone_enc: string;
  phone_index: string;
  purpose: string;
  content: string;
  channel: string;
  sent_at: Date;
  out_id: Generated<string | null>;
}
type SmsTables = {
  sms_codes: SmsCodesTable;
  sms_messages: SmsMessagesTable;
};
export type SmsCodeRow = Selectable<SmsCodesTable>;
export type SmsMessageRow = Selectable<SmsMessagesTable>;

const t = (db: Executor) => db.withTables<SmsTables>();

/** Serialises code requests per phone so the 60-second and daily limits hold under concurrency. */
export async function lockPhone(db: Executor, phoneIndex: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'sms:' + phoneIndex}))`.execute(db);
}

/**
 * Today's codes for the phone across every purpose (the daily cap) and the last one of this purpose
 * (the cooldown is per purpose: registering and then binding a card at once must not wait a minute).
 */
export async function codeStats(db: Executor, phoneIndexes: readonly string[], purpose: string, dayStart: Date, cooldownStart: Date) {
  const row = await t(db)
    .selectFrom('sms_codes')
    .where('phone_index', 'in', phoneIndexes)
    .where('created_at', '>=', cooldownStart < dayStart ? cooldownStart : dayStart)
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('created_at', '>=', dayStart).as('today'),
      eb.fn.max('created_at').filterWhere('purpose', '=', purpose).as('last'),
    ])
    .executeTakeFirstOrThrow();
  return { today: Number(row.today), last: row.last as Date | null };
}

export async function insertCode(db: Executor, row: Insertable<SmsCodesTable>): Promise<void> {
  await t(db).insertInto('sms_codes').values(row).execute();
}

export async function latestOpenCode(db: Executor, phoneIndexes: readonly string[], purpose: string): Promise<SmsCodeRow | undefined> {
  return t(db)
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone_index', 'in', phoneIndexes)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function countFailedAttempt(db: Executor, id: string): Promise<void> {
  await t(db)
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Marks the code used; false when it was already used (a replay, or a concurrent request that won). */
export async function consumeCode(db: Executor, id: string, at: Date): Promise<boolean> {
  const result = await t(db)
    .updateTable('sms_codes')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deleteCodesExpiredBefore(db: Executor, before: Date): Promise<number> {
  const result = await t(db).deleteFrom('sms_codes').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertMessage(db: Executor, row: Insertable<SmsMessagesTable>): Promise<void> {
  await t(db).insertInto('sms_messages').values(row).execute();
}

export async function findMessages(db: Executor, phoneIndexes: readonly string[] | undefined, offset: number, limit: number) {
  let q = t(db).selectFrom('sms_messages');
  if (phoneIndexes) q = q.where('phone_index', 'in', phoneIndexes);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('sent_at', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Records a notification text once per OutId (a retried delivery changes nothing); false when it was there. */
export async function insertTextOnce(db: Executor, row: Insertable<SmsMessagesTable> & { out_id: string }): Promise<boolean> {
  const r = await t(db)
    .insertInto('sms_messages')
    .values(row)
    .onConflict((oc) => oc.column('out_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}
