import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { fail } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { t, type PointEntryKind, type PointEntryRow } from './repo.js';

/** The most points one earn, spend or adjustment may move. */
export const MAX_POINTS_PER_ENTRY = 10_000_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export interface EarnInput {
  memberId: string;
  points: number;
  /** What granted them: 'checkin', 'campaign', 'task', 'referral', 'lottery', 'console' … */
  source: string;
  /** The business key of the grant (`campaign:<id>:event:<eventId>` …): earning twice with it earns once. */
  ref: string;
  /** Shown to the member in the statement. */
  reason: string;
  /** When the lot expires; omitted → the end of the next calendar year (Shanghai); null → never. */
  expiresAt?: Date | null | undefined;
}

export interface SpendInput {
  memberId: string;
  points: number;
  source: string;
  /** The business key of the spend (`mall:order:<id>` …): spending twice with it spends once. */
  ref: string;
  reason: string;
}

export interface ReverseInput {
  /** The ref of the earn or spend to reverse. */
  ref: string;
  reason: string;
}

export interface PointsResult {
  entryId: string;
  /** Signed change of the balance (earn +, spend −). */
  points: number;
  /** The balance right after this entry. */
  balanceAfter: number;
  /** True when the ref had been booked before: nothing new was written. */
  replayed: boolean;
}

export interface ReverseResult extends PointsResult {
  /** Points a clawback could not take back (already spent): recorded, the balance never goes negative. */
  shortfall: number;
}

/** Default expiry: 00:00 Shanghai on 1 January two years on, i.e. the end of the next calendar year. */
export function defaultExpiry(now: Date): Date {
  const year = new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return new Date(Date.UTC(year + 2, 0, 1) - SHANGHAI_OFFSET_MS);
}

const checkPoints = (points: unknown): number => {
  if (typeof points !== 'number' || !Number.isSafeInteger(points) || points < 1 || points > MAX_POINTS_PER_ENTRY) {
    fail('POINTS_INVALID', { max: MAX_POINTS_PER_ENTRY });
  }
  return points as number;
};
const checkText = (value: unknown, max: number): string => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) fail('VALIDATION_FAILED');
  return value as string;
};
const checkMember = (memberId: unknown): string => {
  if (!isUuid(memberId)) fail('VALIDATION_FAILED');
  return memberId as string;
};

const present = (row: PointEntryRow, replayed: boolean): PointsResult => ({
  entryId: String(row.id),
  points: row.points,
  balanceAfter: row.balance_after,
  replayed,
});

/** Creates the member's account row if needed and locks it: every change of a member's points queues here. */
async function lockAccount(trx: Tx, memberId: string, now: Date): Promise<{ balance: number; shortfall: number }> {
  await t(trx)
    .insertInto('loyalty_point_accounts')
    .values({ member_id: memberId, balance: 0, shortfall: 0, updated_at: now })
    .onConflict((oc) => oc.column('member_id').doNothing())
    .execute();
  return t(trx)
    .selectFrom('loyalty_point_accounts')
    .select(['balance', 'shortfall'])
    .where('member_id', '=', memberId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

async function setAccount(trx: Tx, memberId: string, balance: number, shortfall: number, now: Date): Promise<void> {
  await t(trx)
    .updateTable('loyalty_point_accounts')
    .set({ balance, shortfall, updated_at: now })
    .where('member_id', '=', memberId)
    .execute();
}

interface EntryValues {
  memberId: string;
  kind: PointEntryKind;
  points: number;
  balanceAfter: number;
  source: string;
  ref: string | null;
  reason: string;
  key: string | null;
  reversesEntryId?: bigint | null;
  shortfall?: number;
  operatorId?: string | null;
  now: Date;
}
async function insertEntry(trx: Tx, v: EntryValues): Promise<PointEntryRow | undefined> {
  return t(trx)
    .insertInto('loyalty_point_entries')
    .values({
      member_id: v.memberId,
      kind: v.kind,
      points: v.points,
      balance_after: v.balanceAfter,
      source: v.source,
      ref: v.ref,
      reason: v.reason,
      key: v.key,
      reverses_entry_id: v.reversesEntryId ?? null,
      shortfall: v.shortfall ?? 0,
      operator_id: v.operatorId ?? null,
      created_at: v.now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

const findByKey = (db: Executor, key: string) =>
  t(db).selectFrom('loyalty_point_entries').selectAll().where('key', '=', key).executeTakeFirst();

/** Expires the member's lots that are due (under the account lock): one `expire` entry per lot. */
async function expireDue(trx: Tx, memberId: string, balance: number, now: Date): Promise<{ balance: number; expired: number }> {
  const due = await t(trx)
    .selectFrom('loyalty_point_lots')
    .select(['id', 'remaining'])
    .where('member_id', '=', memberId)
    .where('remaining', '>', 0)
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .orderBy('created_at')
    .execute();
  let expired = 0;
  for (const lot of due) {
    balance -= lot.remaining;
    expired += lot.remaining;
    const entry = await insertEntry(trx, {
      memberId,
      kind: 'expire',
      points: -lot.remaining,
      balanceAfter: balance,
      source: 'expiry',
      ref: null,
      reason: '积分到期',
      key: null,
      now,
    });
    await t(trx).insertInto('loyalty_point_allocations').values({ entry_id: entry!.id, lot_id: lot.id, points: lot.remaining }).execute();
    await t(trx).updateTable('loyalty_point_lots').set({ remaining: 0 }).where('id', '=', lot.id).execute();
  }
  return { balance, expired };
}

/** Takes up to `points` from the member's live lots, the one expiring first first (a preferred lot before all). */
async function takeFifo(
  trx: Tx,
  memberId: string,
  points: number,
  now: Date,
  preferLotId?: string,
): Promise<Array<{ lotId: string; points: number }>> {
  let q = t(trx)
    .selectFrom('loyalty_point_lots')
    .select(['id', 'remaining'])
    .where('member_id', '=', memberId)
    .where('remaining', '>', 0)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  if (preferLotId) q = q.orderBy(sql`(id = ${preferLotId})`, 'desc');
  const lots = await q
    .orderBy(sql`expires_at NULLS LAST`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const taken: Array<{ lotId: string; points: number }> = [];
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    taken.push({ lotId: lot.id, points: take });
    left -= take;
    await t(trx)
      .updateTable('loyalty_point_lots')
      .set({ remaining: lot.remaining - take })
      .where('id', '=', lot.id)
      .execute();
  }
  return taken;
}

async function allocate(trx: Tx, entryId: bigint, taken: Array<{ lotId: string; points: number }>): Promise<void> {
  if (taken.length === 0) return;
  await t(trx)
    .insertInto('loyalty_point_allocations')
    .values(taken.map((a) => ({ entry_id: entryId, lot_id: a.lotId, points: a.points })))
    .execute();
}

const replayOrConflict = (existing: PointEntryRow, memberId: string, kind: PointEntryKind, points: number): PointsResult => {
  if (existing.member_id !== memberId || existing.kind !== kind || existing.points !== points) fail('POINTS_REF_CONFLICT');
  return present(existing, true);
};

export interface Credit {
  memberId: string;
  points: number;
  source: string;
  ref: string;
  reason: string;
  expiresAt?: Date | null | undefined;
  kind?: 'earn' | 'adjust';
  operatorId?: string | null;
}

/** Adds a lot. Idempotent on ref. */
export async function earn(clock: Clock, trx: Tx, input: Credit): Promise<PointsResult> {
  const memberId = checkMember(input.memberId);
  const points = checkPoints(input.points);
  const ref = checkText(input.ref, 200);
  const source = checkText(input.source, 64);
  const reason = checkText(input.reason, 200);
  const kind = input.kind ?? 'earn';
  const now = clock.now();
  const expiresAt = input.expiresAt === undefined ? defaultExpiry(now) : input.expiresAt;
  if (expiresAt !== null && (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()) || expiresAt <= now))
    fail('VALIDATION_FAILED');
  const account = await lockAccount(trx, memberId, now);
  const key = `op:${ref}`;
  const existing = await findByKey(trx, key);
  if (existing) return replayOrConflict(existing, memberId, kind, points);
  const { balance } = await expireDue(trx, memberId, account.balance, now);
  const entry = await insertEntry(trx, {
    memberId,
    kind,
    points,
    balanceAfter: balance + points,
    source,
    ref,
    reason,
    key,
    operatorId: input.operatorId ?? null,
    now,
  });
  if (!entry) fail('POINTS_REF_CONFLICT'); // another member's grant holds this ref
  await t(trx)
    .insertInto('loyalty_point_lots')
    .values({ member_id: memberId, entry_id: entry!.id, points, remaining: points, expires_at: expiresAt, created_at: now })
    .execute();
  await setAccount(trx, memberId, balance + points, account.shortfall, now);
  return present(entry!, false);
}

export interface Debit {
  memberId: string;
  points: number;
  source: string;
  ref: string;
  reason: string;
  kind?: 'spend' | 'adjust';
  operatorId?: string | null;
}

/** Takes points oldest-expiry first; `INSUFFICIENT_POINTS` (nothing taken) when the balance is short. Idempotent on ref. */
export async function spend(clock: Clock, trx: Tx, input: Debit): Promise<PointsResult> {
  const memberId = checkMember(input.memberId);
  const points = checkPoints(input.points);
  const ref = checkText(input.ref, 200);
  const source = checkText(input.source, 64);
  const reason = checkText(input.reason, 200);
  const kind = input.kind ?? 'spend';
  const now = clock.now();
  const account = await lockAccount(trx, memberId, now);
  const key = `op:${ref}`;
  const existing = await findByKey(trx, key);
  if (existing) return replayOrConflict(existing, memberId, kind, -points);
  const { balance } = await expireDue(trx, memberId, account.balance, now);
  if (balance < points) fail('INSUFFICIENT_POINTS');
  const entry = await insertEntry(trx, {
    memberId,
    kind,
    points: -points,
    balanceAfter: balance - points,
    source,
    ref,
    reason,
    key,
    operatorId: input.operatorId ?? null,
    now,
  });
  if (!entry) fail('POINTS_REF_CONFLICT');
  await allocate(trx, entry!.id, await takeFifo(trx, memberId, points, now));
  await setAccount(trx, memberId, balance - points, account.shortfall, now);
  return present(entry!, false);
}

/**
 * Reverses the earn or spend booked under `ref`: an earn is clawed back (its own lot first, then
 * oldest first; what was already spent is recorded as the shortfall — the balance never goes
 * negative), a spend gives the points back to the lots it took them from (those already past their
 * expiry expire again at once). Idempotent; null when nothing was booked under `ref`.
 */
export async function reverse(clock: Clock, trx: Tx, input: ReverseInput): Promise<ReverseResult | null> {
  const ref = checkText(input.ref, 200);
  const reason = checkText(input.reason, 200);
  const now = clock.now();
  const original = await findByKey(trx, `op:${ref}`);
  if (!original) return null;
  const memberId = original.member_id;
  const account = await lockAccount(trx, memberId, now);
  const key = `reverse:${ref}`;
  const existing = await findByKey(trx, key);
  if (existing) return { ...present(existing, true), shortfall: existing.shortfall };
  let { balance } = await expireDue(trx, memberId, account.balance, now);
  let shortfall = account.shortfall;
  let entry: PointEntryRow | undefined;
  if (original.points > 0) {
    const lot = await t(trx).selectFrom('loyalty_point_lots').select('id').where('entry_id', '=', original.id).executeTakeFirst();
    const want = original.points;
    const taken = await takeFifo(trx, memberId, Math.min(want, balance), now, lot?.id);
    const got = taken.reduce((s, a) => s + a.points, 0);
    balance -= got;
    shortfall += want - got;
    entry = await insertEntry(trx, {
      memberId,
      kind: 'reverse',
      points: -got,
      balanceAfter: balance,
      source: original.source,
      ref,
      reason,
      key,
      reversesEntryId: original.id,
      shortfall: want - got,
      now,
    });
    await allocate(trx, entry!.id, taken);
  } else {
    const allocations = await t(trx)
      .selectFrom('loyalty_point_allocations')
      .select(['lot_id', 'points'])
      .where('entry_id', '=', original.id)
      .execute();
    let back = 0;
    for (const a of allocations) {
      back += a.points;
      await t(trx)
        .updateTable('loyalty_point_lots')
        .set((eb) => ({ remaining: eb('remaining', '+', a.points) }))
        .where('id', '=', a.lot_id)
        .execute();
    }
    balance += back;
    entry = await insertEntry(trx, {
      memberId,
      kind: 'reverse',
      points: back,
      balanceAfter: balance,
      source: original.source,
      ref,
      reason,
      key,
      reversesEntryId: original.id,
      now,
    });
    balance = (await expireDue(trx, memberId, balance, now)).balance;
  }
  await setAccount(trx, memberId, balance, shortfall, now);
  return { ...present(entry!, false), shortfall: entry!.shortfall };
}

/** The member's spendable balance now (lots past their expiry excluded even before the job has run). */
export async function balance(clock: Clock, db: Executor, memberId: string): Promise<number> {
  if (!isUuid(memberId)) return 0;
  const now = clock.now();
  const row = await sql<{ balance: bigint | number | null }>`
    SELECT COALESCE((SELECT balance FROM loyalty_point_accounts WHERE member_id = ${memberId}), 0)
         - COALESCE((SELECT SUM(remaining) FROM loyalty_point_lots
                      WHERE member_id = ${memberId} AND remaining > 0 AND expires_at <= ${now}), 0) AS balance`.execute(db);
  return Number(row.rows[0]?.balance ?? 0);
}

/** Points expiring within `days` (default 30), and the first such expiry. */
export async function expiringSoon(
  clock: Clock,
  db: Executor,
  memberId: string,
  days = 30,
): Promise<{ points: number; firstAt: Date | null }> {
  const now = clock.now();
  const until = new Date(now.getTime() + days * 86_400_000);
  const row = await t(db)
    .selectFrom('loyalty_point_lots')
    .select((eb) => [eb.fn.sum<bigint | null>('remaining').as('points'), eb.fn.min<Date | null>('expires_at').as('first_at')])
    .where('member_id', '=', memberId)
    .where('remaining', '>', 0)
    .where('expires_at', '>', now)
    .where('expires_at', '<=', until)
    .executeTakeFirst();
  return { points: Number(row?.points ?? 0), firstAt: row?.first_at ?? null };
}

export interface StatementEntry {
  id: string;
  kind: PointEntryKind;
  points: number;
  balanceAfter: number;
  source: string;
  reason: string;
  shortfall: number;
  expiresAt: Date | null;
  createdAt: Date;
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function statement(
  db: Executor,
  memberId: string,
  page: { before?: string | undefined; limit: number },
): Promise<StatementEntry[]> {
  let q = t(db)
    .selectFrom('loyalty_point_entries as e')
    .leftJoin('loyalty_point_lots as l', 'l.entry_id', 'e.id')
    .select(['e.id', 'e.kind', 'e.points', 'e.balance_after', 'e.source', 'e.reason', 'e.shortfall', 'e.created_at', 'l.expires_at'])
    .where('e.member_id', '=', memberId);
  if (page.before) q = q.where('e.id', '<', BigInt(page.before));
  const rows = await q.orderBy('e.id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    points: r.points,
    balanceAfter: r.balance_after,
    source: r.source,
    reason: r.reason,
    shortfall: r.shortfall,
    expiresAt: r.expires_at ?? null,
    createdAt: r.created_at,
  }));
}

/** The expiry job: every member with lots past their expiry, a member per transaction. */
export async function expireAll(db: Db, now: Date): Promise<{ members: number; points: number }> {
  let members = 0;
  let points = 0;
  for (;;) {
    const batch = await t(db)
      .selectFrom('loyalty_point_lots')
      .select('member_id')
      .distinct()
      .where('remaining', '>', 0)
      .where('expires_at', '<=', now)
      .limit(200)
      .execute();
    if (batch.length === 0) break;
    for (const { member_id } of batch) {
      const expired = await transact(db, async (trx) => {
        const account = await lockAccount(trx, member_id, now);
        const result = await expireDue(trx, member_id, account.balance, now);
        await setAccount(trx, member_id, result.balance, account.shortfall, now);
        return result.expired;
      });
      members += 1;
      points += expired;
    }
  }
  return { members, points };
}
