import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Generated, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

export interface MembersTable {
  id: Generated<string>;
  phone_enc: string | null;
  phone_index: string | null;
  phone_last4: string;
  password_hash: string | null;
  nickname: string;
  status: Generated<'active' | 'closed'>;
  agreement_version: string;
  agreement_accepted_at: Date;
  failed_logins: Generated<number>;
  locked_until: Generated<Date | null>;
  payment_password_hash: Generated<string | null>;
  payment_failed: Generated<number>;
  payment_locked_until: Generated<Date | null>;
  reset_failed: Generated<number>;
  reset_locked_until: Generated<Date | null>;
  pii_key_id: Generated<string | null>;
  real_name_enc: Generated<string | null>;
  id_number_enc: Generated<string | null>;
  id_number_index: Generated<string | null>;
  real_name_verified_at: Generated<Date | null>;
  channel: Generated<string | null>;
  utm_source: Generated<string | null>;
  utm_medium: Generated<string | null>;
  utm_campaign: Generated<string | null>;
  registered_ip: Generated<string | null>;
  registered_device: Generated<string | null>;
  created_at: Date;
  closed_at: Generated<Date | null>;
}
interface MemberSessionsTable {
  id: Generated<string>;
  member_id: string;
  token_hash: string;
  device_id: string | null;
  user_agent: string | null;
  ip: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Generated<Date | null>;
}
interface LoginEventsTable {
  id: Generated<string>;
  member_id: string;
  outcome: 'success' | 'wrong_password' | 'locked';
  ip: string | null;
  device_id: string | null;
  user_agent: string | null;
  at: Date;
}
interface BankCardsTable {
  id: Generated<string>;
  member_id: string;
  card_enc: string;
  card_index: string;
  card_last4: string;
  bank_code: string;
  bank_name: string;
  reserved_phone_enc: string;
  reserved_phone_last4: string;
  bound_at: Date;
  unbound_at: Generated<Date | null>;
  pii_key_id: Generated<string | null>;
}
type IdentityTables = {
  members: MembersTable;
  member_sessions: MemberSessionsTable;
  member_login_events: LoginEventsTable;
  bank_cards: BankCardsTable;
};
export type MemberRow = Selectable<MembersTable>;
export type SessionRow = Selectable<MemberSessionsTable>;
export type BankCardRow = Selectable<BankCardsTable>;
export type LoginEventRow = Selectable<LoginEventsTable>;

const t = (db: Executor) => db.withTables<IdentityTables>();

/** PostgreSQL's unique_violation, raised when a concurrent request took the same phone, ID or card. */
export const isUniqueViolation = (err: unknown, constraint?: string): boolean =>
  (err as { code?: string }).code === '23505' && (!constraint || (err as { constraint?: string }).constraint === constraint);

// members

export const insertMember = (db: Executor, row: Insertable<MembersTable>) =>
  t(db).insertInto('members').values(row).returningAll().executeTakeFirstOrThrow();

export const memberById = (db: Executor, id: string) => t(db).selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();

export const memberByIdForUpdate = (db: Executor, id: string) =>
  t(db).selectFrom('members').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

// Lookups by blind index take the value's index under every known key (`vault.blindIndexes`): after
// a QUANZI_SECRET rotation, rows the pii-reindex job has not reached yet still match.
type Indexes = readonly string[];

export const memberByPhoneIndex = (db: Executor, phoneIndexes: Indexes) =>
  t(db).selectFrom('members').selectAll().where('phone_index', 'in', phoneIndexes).executeTakeFirst();

export const phoneIndexTaken = async (db: Executor, phoneIndexes: Indexes) =>
  !!(await t(db).selectFrom('members').select('id').where('phone_index', 'in', phoneIndexes).executeTakeFirst());

export const idNumberIndexTaken = async (db: Executor, idIndexes: Indexes) =>
  !!(await t(db).selectFrom('members').select('id').where('id_number_index', 'in', idIndexes).executeTakeFirst());

export async function updateMember(db: Executor, id: string, patch: Updateable<MembersTable>): Promise<MemberRow> {
  return t(db).updateTable('members').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listMembers(db: Executor, filter: { phoneIndexes?: Indexes; id?: string }, offset: number, limit: number) {
  let q = t(db).selectFrom('members');
  if (filter.phoneIndexes) q = q.where('phone_index', 'in', filter.phoneIndexes);
  if (filter.id) q = q.where('id', '=', filter.id);
  const [rows, count] = await Promise.all([
    q
      .selectAll('members')
      .select((eb) =>
        eb
          .selectFrom('bank_cards')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('bank_cards.member_id', '=', 'members.id')
          .where('bank_cards.unbound_at', 'is', null)
          .as('card_count'),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// sessions

export const insertSession = (db: Executor, row: Insertable<MemberSessionsTable>) =>
  t(db).insertInto('member_sessions').values(row).returningAll().executeTakeFirstOrThrow();

/** The live session for a token, with its member's status, in one round trip (hot path of every request). */
export const liveSessionByTokenHash = (db: Executor, tokenHash: string, now: Date) =>
  t(db)
    .selectFrom('member_sessions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['s.id', 's.member_id', 's.last_seen_at', 'm.status'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();

/** Of these sessions, the ids of those still live on an active account (open sockets are checked with it). */
export const liveSessionIds = (db: Executor, ids: readonly string[], now: Date) =>
  t(db)
    .selectFrom('member_sessions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['s.id', 's.member_id'])
    .where('s.id', 'in', ids)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('m.status', '=', 'active')
    .execute();

export const touchSession = (db: Executor, id: string, now: Date) =>
  t(db).updateTable('member_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

export const liveSessionsOf = (db: Executor, memberId: string, now: Date) =>
  t(db)
    .selectFrom('member_sessions')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();

export async function revokeSession(db: Executor, memberId: string, sessionId: string, now: Date): Promise<SessionRow | undefined> {
  return t(db)
    .updateTable('member_sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export const revokeAllSessions = (db: Executor, memberId: string, now: Date) =>
  t(db).updateTable('member_sessions').set({ revoked_at: now }).where('member_id', '=', memberId).where('revoked_at', 'is', null).execute();

export async function deleteSessionsExpiredBefore(db: Executor, before: Date): Promise<number> {
  const result = await t(db)
    .deleteFrom('member_sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// login history

export const insertLoginEvent = (db: Executor, row: Insertable<LoginEventsTable>) =>
  t(db).insertInto('member_login_events').values(row).execute();

export async function loginEventsOf(db: Executor, memberId: string, offset: number, limit: number) {
  const q = t(db).selectFrom('member_login_events').where('member_id', '=', memberId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// bank cards

export const activeCardsOf = (db: Executor, memberId: string) =>
  t(db)
    .selectFrom('bank_cards')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('unbound_at', 'is', null)
    .orderBy('bound_at')
    .execute();

export const allCardsOf = (db: Executor, memberId: string) =>
  t(db).selectFrom('bank_cards').selectAll().where('member_id', '=', memberId).orderBy('bound_at').execute();

export const cardIndexBound = async (db: Executor, cardIndexes: Indexes) =>
  !!(await t(db)
    .selectFrom('bank_cards')
    .select('id')
    .where('card_index', 'in', cardIndexes)
    .where('unbound_at', 'is', null)
    .executeTakeFirst());

export const insertCard = (db: Executor, row: Insertable<BankCardsTable>) =>
  t(db).insertInto('bank_cards').values(row).returningAll().executeTakeFirstOrThrow();

export const unbindCard = (db: Executor, memberId: string, cardId: string, now: Date) =>
  t(db)
    .updateTable('bank_cards')
    .set({ unbound_at: now })
    .where('id', '=', cardId)
    .where('member_id', '=', memberId)
    .where('unbound_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export const unbindAllCards = (db: Executor, memberId: string, now: Date) =>
  t(db).updateTable('bank_cards').set({ unbound_at: now }).where('member_id', '=', memberId).where('unbound_at', 'is', null).execute();

export const cardById = (db: Executor, memberId: string, cardId: string) =>
  t(db).selectFrom('bank_cards').selectAll().where('id', '=', cardId).where('member_id', '=', memberId).executeTakeFirst();

/** A member with their active cards in one round trip: GET /me is the hottest member read. */
export async function memberWithActiveCards(db: Executor, id: string): Promise<{ member: MemberRow; cards: BankCardRow[] } | undefined> {
  const row = await t(db)
    .selectFrom('members as m')
    .selectAll('m')
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('bank_cards as c')
          .selectAll('c')
          .whereRef('c.member_id', '=', 'm.id')
          .where('c.unbound_at', 'is', null)
          .orderBy('c.bound_at'),
      ).as('cards'),
    )
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { cards, ...member } = row;
  // json_agg returns timestamps as strings; restore the Dates the rest of the module expects.
  const revived = cards.map((c) => ({ ...c, bound_at: new Date(c.bound_at), unbound_at: c.unbound_at ? new Date(c.unbound_at) : null }));
  return { member: member as MemberRow, cards: revived as BankCardRow[] };
}

// ---- for the touch layer (notifications): audiences and contact points, read through index.ts

/** Active members after `after` in id order, optionally only those seen (a session used) since `activeSince`. */
export async function audiencePage(
  db: Executor,
  q: { after: string | null; limit: number; activeSince?: Date | undefined; among?: readonly string[] | undefined },
): Promise<string[]> {
  let query = t(db).selectFrom('members').select('id').where('status', '=', 'active');
  if (q.after) query = query.where('id', '>', q.after);
  if (q.among) query = query.where('id', 'in', q.among.length ? [...q.among] : ['00000000-0000-0000-0000-000000000000']);
  if (q.activeSince) {
    const since = q.activeSince;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('member_sessions')
          .select('member_sessions.id')
          .whereRef('member_sessions.member_id', '=', 'members.id')
          .where('member_sessions.last_seen_at', '>=', since),
      ),
    );
  }
  return (await query.orderBy('id').limit(q.limit).execute()).map((r) => r.id);
}

export async function phonesOf(db: Executor, ids: readonly string[]): Promise<Array<{ id: string; phone_enc: string | null }>> {
  if (!ids.length) return [];
  return t(db).selectFrom('members').select(['id', 'phone_enc']).where('id', 'in', ids).where('status', '=', 'active').execute();
}

export async function memberIdByPhoneIndex(db: Executor, phoneIndexes: Indexes): Promise<string | undefined> {
  return (await t(db).selectFrom('members').select('id').where('phone_index', 'in', phoneIndexes).executeTakeFirst())?.id;
}

// ---- re-indexing after a key rotation (the pii-reindex job)

/** The next rows not yet written under `keyId`, locked (SKIP LOCKED: two workers share the work). */
export const membersToReindex = (db: Executor, keyId: string, limit: number) =>
  t(db)
    .selectFrom('members')
    .select(['id', 'phone_enc', 'phone_index', 'real_name_enc', 'id_number_enc', 'id_number_index'])
    .where((eb) => eb.or([eb('pii_key_id', 'is', null), eb('pii_key_id', '<>', keyId)]))
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const cardsToReindex = (db: Executor, keyId: string, limit: number) =>
  t(db)
    .selectFrom('bank_cards')
    .select(['id', 'card_enc', 'card_index', 'reserved_phone_enc'])
    .where((eb) => eb.or([eb('pii_key_id', 'is', null), eb('pii_key_id', '<>', keyId)]))
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const updateCard = (db: Executor, id: string, patch: Updateable<BankCardsTable>) =>
  t(db).updateTable('bank_cards').set(patch).where('id', '=', id).execute();

// ---- for referral checks (hashed facts only)

export async function referralFactRows(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return { members: [], devices: [], cards: [] };
  const members = await t(db)
    .selectFrom('members')
    .select(['id', 'phone_enc', 'id_number_index', 'registered_device', 'created_at'])
    .where('id', 'in', ids)
    .execute();
  const sessions = await t(db)
    .selectFrom('member_sessions')
    .select(['member_id', 'device_id'])
    .where('member_id', 'in', ids)
    .where('device_id', 'is not', null)
    .distinct()
    .execute();
  const logins = await t(db)
    .selectFrom('member_login_events')
    .select(['member_id', 'device_id'])
    .where('member_id', 'in', ids)
    .where('device_id', 'is not', null)
    .where('outcome', '=', 'success')
    .distinct()
    .execute();
  const cards = await t(db)
    .selectFrom('bank_cards')
    .select(['member_id', 'card_index', 'reserved_phone_enc'])
    .where('member_id', 'in', ids)
    .execute();
  return { members, devices: [...sessions, ...logins], cards };
}
