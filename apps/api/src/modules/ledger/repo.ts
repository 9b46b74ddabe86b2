import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { AccountRef } from './accounts.js';

// The ledger's SQL lives here. The hot path (postTransfers) is at most three statements: lock the
// touched floored (member) accounts in id order (no deadlocks) and read their balances, claim the
// transfer keys, then one statement appends the entries, moves the locked balances and appends the
// pending deltas of the unlocked (platform) accounts. Accounts without a floor are never locked by a
// transfer: their balance is `balance + SUM(ledger_balance_deltas)` (ARCHITECTURE.md, invariant 12),
// and `foldDeltas` moves committed deltas into `balance`. bench/ledger compares these statements
// with the classic per-transfer SQL (every account locked and updated) run bare.

export interface LockedAccount {
  id: bigint;
  code: string;
  balance: bigint;
  normal_side: string;
  floor_zero: boolean;
}

export interface AccountHandle {
  id: bigint;
  floorZero: boolean;
}

export interface EntryRow {
  transferId: bigint;
  accountId: bigint;
  amount: bigint;
  /** Only on floored (locked) accounts: unlocked accounts' running balance is derived when read. */
  balanceAfter: bigint | null;
}

/** An account's balance and entry count including the deltas not folded yet (for `a`, in one snapshot). */
const PENDING = sql`LEFT JOIN LATERAL (SELECT COALESCE(SUM(d.delta), 0)::bigint AS delta, COALESCE(SUM(d.n), 0)::bigint AS n
  FROM ledger_balance_deltas d WHERE d.account_id = a.id) p ON TRUE`;

/**
 * Claims every key not booked yet (one multi-row insert); returns key → new transfer id for the
 * claimed ones. Keys are inserted in key order, so two batches racing on overlapping keys wait for
 * each other in one order instead of deadlocking on the unique index.
 */
export async function claimTransferKeys(
  db: Executor,
  transfers: Array<{ key: string; kind: string; memo: string; reference: string | null }>,
  at: Date,
): Promise<Map<string, bigint>> {
  const { rows } = await sql<{ id: bigint; key: string }>`
    INSERT INTO ledger_transfers (key, kind, memo, reference, created_at)
    SELECT t.key, t.kind, t.memo, t.reference, ${at}::timestamptz
    FROM unnest(${transfers.map((t) => t.key)}::text[], ${transfers.map((t) => t.kind)}::text[], ${transfers.map((t) => t.memo)}::text[],
                ${transfers.map((t) => t.reference)}::text[]) AS t(key, kind, memo, reference)
    ORDER BY t.key COLLATE "C"
    ON CONFLICT (key) DO NOTHING RETURNING id, key`.execute(db);
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function findTransfersByKeys(db: Executor, keys: string[]) {
  const { rows } = await sql<{ id: bigint; key: string; kind: string }>`
    SELECT id, key, kind FROM ledger_transfers WHERE key = ANY(${keys}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.key, r]));
}

export async function entriesOfTransfers(db: Executor, transferIds: bigint[]) {
  const { rows } = await sql<{ transfer_id: bigint; code: string; amount: bigint }>`
    SELECT e.transfer_id, a.code, e.amount FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
    WHERE e.transfer_id = ANY(${transferIds.map(String)}::bigint[]) ORDER BY e.id`.execute(db);
  const byTransfer = new Map<bigint, Array<{ code: string; amount: bigint }>>();
  for (const r of rows) byTransfer.set(r.transfer_id, [...(byTransfer.get(r.transfer_id) ?? []), { code: r.code, amount: r.amount }]);
  return byTransfer;
}

/** Creates the accounts that do not exist yet and returns every code's id and floor. */
export async function ensureAccounts(db: Executor, refs: AccountRef[], at: Date): Promise<Map<string, AccountHandle>> {
  const codes = refs.map((r) => r.code);
  await sql`
    INSERT INTO ledger_accounts (code, kind, owner_id, normal_side, floor_zero, created_at)
    SELECT r.code, r.kind, r.owner_id, k.normal_side, k.floor_zero, ${at}::timestamptz
    FROM unnest(${codes}::text[], ${refs.map((r) => r.kind)}::text[], ${refs.map((r) => r.ownerId)}::text[]) AS r(code, kind, owner_id)
    JOIN ledger_account_kinds k ON k.kind = r.kind
    ORDER BY r.code COLLATE "C" -- two transactions creating the same accounts wait in one order
    ON CONFLICT (code) DO NOTHING`.execute(db);
  const { rows } = await sql<{ id: bigint; code: string; floor_zero: boolean }>`
    SELECT id, code, floor_zero FROM ledger_accounts WHERE code = ANY(${codes}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.code, { id: r.id, floorZero: r.floor_zero }]));
}

export async function lockAccounts(db: Executor, ids: bigint[]): Promise<LockedAccount[]> {
  const { rows } = await sql<LockedAccount>`
    SELECT id, code, balance, normal_side, floor_zero FROM ledger_accounts
    WHERE id = ANY(${ids.map(String)}::bigint[]) ORDER BY id FOR UPDATE`.execute(db);
  return rows;
}

type Deltas = Map<bigint, { delta: bigint; n: number }>;

/**
 * One statement: append the entries (in batch order, so ids follow the running balances), move the
 * locked accounts' cached balances, append one pending delta per unlocked account.
 */
export async function writeTransfers(db: Executor, entries: EntryRow[], locked: Deltas, unlocked: Deltas, at: Date): Promise<void> {
  const lockedIds = [...locked.keys()];
  const unlockedIds = [...unlocked.keys()];
  await sql`
    WITH entries AS (
      INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after, created_at)
      SELECT e.transfer_id, e.account_id, e.amount, e.balance_after, ${at}::timestamptz
      FROM unnest(${entries.map((r) => String(r.transferId))}::bigint[], ${entries.map((r) => String(r.accountId))}::bigint[],
                  ${entries.map((r) => String(r.amount))}::bigint[], ${entries.map((r) => (r.balanceAfter === null ? null : String(r.balanceAfter)))}::bigint[])
           WITH ORDINALITY AS e(transfer_id, account_id, amount, balance_after, n)
      ORDER BY e.n),
    moved AS (
      UPDATE ledger_accounts a SET balance = a.balance + d.delta, entry_count = a.entry_count + d.n
      FROM unnest(${lockedIds.map(String)}::bigint[], ${lockedIds.map((id) => String(locked.get(id)!.delta))}::bigint[],
                  ${lockedIds.map((id) => locked.get(id)!.n)}::int[]) AS d(id, delta, n)
      WHERE a.id = d.id),
    pending AS (
      INSERT INTO ledger_balance_deltas (account_id, delta, n)
      SELECT * FROM unnest(${unlockedIds.map(String)}::bigint[], ${unlockedIds.map((id) => String(unlocked.get(id)!.delta))}::bigint[],
                           ${unlockedIds.map((id) => unlocked.get(id)!.n)}::int[]))
    SELECT 1`.execute(db);
}

/**
 * Moves every committed pending delta into its account's balance: one statement, so a reader sees
 * the deltas or the moved balance, never both or neither. Uncommitted deltas are invisible to the
 * DELETE and stay for the next fold; a concurrent fold skips the rows this one deleted.
 */
export async function foldDeltas(db: Executor): Promise<number> {
  const { rows } = await sql<{ accounts: bigint }>`
    WITH gone AS (DELETE FROM ledger_balance_deltas RETURNING account_id, delta, n),
    summed AS (SELECT account_id, SUM(delta)::bigint AS delta, SUM(n)::bigint AS n FROM gone GROUP BY account_id),
    moved AS (UPDATE ledger_accounts a SET balance = a.balance + s.delta, entry_count = a.entry_count + s.n
              FROM summed s WHERE a.id = s.account_id RETURNING a.id)
    SELECT COUNT(*)::bigint AS accounts FROM moved`.execute(db);
  return Number(rows[0]?.accounts ?? 0n);
}

export async function balancesByCode(db: Executor, codes: string[]) {
  const { rows } = await sql<{ code: string; kind: string; balance: bigint; normal_side: string }>`
    SELECT a.code, a.kind, (a.balance + p.delta)::bigint AS balance, a.normal_side
    FROM ledger_accounts a ${PENDING} WHERE a.code = ANY(${codes}::text[])`.execute(db);
  return rows;
}

export interface TrialBalanceRow {
  kind: string;
  label_zh: string;
  label_en: string;
  book: string;
  normal_side: string;
  accounts: bigint;
  debits: bigint;
  credits: bigint;
  balance: bigint;
}

/** Per kind: how many accounts, and the sum of their debit and credit balances (cache + pending deltas, one snapshot). */
export async function trialBalance(db: Executor): Promise<TrialBalanceRow[]> {
  const { rows } = await sql<TrialBalanceRow>`
    SELECT k.kind, k.label_zh, k.label_en, k.book, k.normal_side,
           COUNT(a.id)::bigint AS accounts,
           COALESCE(SUM(a.balance) FILTER (WHERE a.balance > 0), 0)::bigint AS debits,
           COALESCE(-SUM(a.balance) FILTER (WHERE a.balance < 0), 0)::bigint AS credits,
           COALESCE(SUM(a.balance), 0)::bigint AS balance
    FROM ledger_account_kinds k LEFT JOIN (
      SELECT a.id, a.kind, a.balance + COALESCE(p.delta, 0) AS balance FROM ledger_accounts a
      LEFT JOIN (SELECT account_id, SUM(delta) AS delta FROM ledger_balance_deltas GROUP BY account_id) p ON p.account_id = a.id
    ) a ON a.kind = k.kind
    GROUP BY k.kind ORDER BY k.book, k.kind`.execute(db);
  return rows;
}

export interface AccountRow {
  id: bigint;
  code: string;
  kind: string;
  owner_id: string | null;
  normal_side: string;
  floor_zero: boolean;
  balance: bigint;
  entry_count: bigint;
  created_at: Date;
}

const ACCOUNT_COLUMNS = sql`a.id, a.code, a.kind, a.owner_id, a.normal_side, a.floor_zero, (a.balance + p.delta)::bigint AS balance,
  (a.entry_count + p.n)::bigint AS entry_count, a.created_at`;

export async function findAccount(db: Executor, by: { id: bigint } | { code: string }): Promise<AccountRow | undefined> {
  const where = 'id' in by ? sql`a.id = ${String(by.id)}::bigint` : sql`a.code = ${by.code}`;
  const { rows } = await sql<AccountRow>`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts a ${PENDING} WHERE ${where}`.execute(db);
  return rows[0];
}

export async function listAccounts(
  db: Executor,
  filter: { kind?: string | undefined; owner?: string | undefined },
  offset: number,
  limit: number,
) {
  const conditions = [sql`TRUE`];
  if (filter.kind) conditions.push(sql`kind = ${filter.kind}`);
  if (filter.owner) conditions.push(sql`owner_id = ${filter.owner}`);
  const where = sql.join(conditions, sql` AND `);
  const { rows } = await sql<AccountRow & { total: bigint }>`
    SELECT ${ACCOUNT_COLUMNS}, a.total FROM (
      SELECT *, COUNT(*) OVER ()::bigint AS total FROM ledger_accounts WHERE ${where} ORDER BY id LIMIT ${limit} OFFSET ${offset}
    ) a ${PENDING} ORDER BY a.id`.execute(db);
  return rows;
}

export interface StatementRow {
  id: bigint;
  amount: bigint;
  balance_after: bigint;
  created_at: Date;
  transfer_kind: string;
  memo: string;
  reference: string | null;
}

/**
 * Newest first; `before` is the last entry id of the previous page (keyset paging, stable under inserts).
 * Entries on unlocked (platform) accounts carry no stored running balance: it is the account's
 * balance (cache + pending deltas) minus every newer entry, all read in this one statement's snapshot
 * (the newer entries of the page through the covering index `ledger_entries_account_cover`).
 */
export async function statement(db: Executor, accountId: bigint, before: bigint | undefined, limit: number): Promise<StatementRow[]> {
  const id = sql`${String(accountId)}::bigint`;
  const cursor = before === undefined ? sql`TRUE` : sql`e.id < ${String(before)}::bigint`;
  const newer =
    before === undefined
      ? sql`0`
      : sql`(SELECT COALESCE(SUM(n.amount), 0) FROM ledger_entries n WHERE n.account_id = ${id} AND n.id >= ${String(before)}::bigint)`;
  const { rows } = await sql<StatementRow>`
    WITH account AS (SELECT (a.balance + p.delta)::bigint AS balance FROM ledger_accounts a ${PENDING} WHERE a.id = ${id}),
    page AS (
      SELECT e.id, e.amount, e.balance_after, e.created_at, e.transfer_id FROM ledger_entries e
      WHERE e.account_id = ${id} AND ${cursor} ORDER BY e.id DESC LIMIT ${limit})
    SELECT page.id, page.amount,
           COALESCE(page.balance_after, (SELECT balance FROM account) - ${newer}
             - COALESCE(SUM(page.amount) OVER (ORDER BY page.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::bigint AS balance_after,
           page.created_at, t.kind AS transfer_kind, t.memo, t.reference
    FROM page JOIN ledger_transfers t ON t.id = page.transfer_id
    ORDER BY page.id DESC`.execute(db);
  return rows;
}

/**
 * Accounts whose balance (cache + pending deltas) or entry count differs from their entries, and
 * transfers that do not sum to zero. One statement per check, each on one snapshot.
 */
export async function findInconsistencies(db: Executor) {
  const accounts = await sql<{ code: string; cached: bigint; summed: bigint }>`
    SELECT a.code, (a.balance + COALESCE(p.delta, 0))::bigint AS cached, COALESCE(s.summed, 0)::bigint AS summed
    FROM ledger_accounts a
    LEFT JOIN (SELECT account_id, SUM(amount) AS summed, COUNT(*) AS n FROM ledger_entries GROUP BY account_id) s ON s.account_id = a.id
    LEFT JOIN (SELECT account_id, SUM(delta) AS delta, SUM(n) AS n FROM ledger_balance_deltas GROUP BY account_id) p ON p.account_id = a.id
    WHERE a.balance + COALESCE(p.delta, 0) <> COALESCE(s.summed, 0) OR a.entry_count + COALESCE(p.n, 0) <> COALESCE(s.n, 0)`.execute(db);
  const transfers = await sql<{ key: string; total: bigint }>`
    SELECT t.key, COALESCE(SUM(e.amount), 0)::bigint AS total FROM ledger_transfers t LEFT JOIN ledger_entries e ON e.transfer_id = t.id
    GROUP BY t.id HAVING COALESCE(SUM(e.amount), 0) <> 0 OR COUNT(e.id) < 2`.execute(db);
  const counts = await sql<{ accounts: bigint; transfers: bigint; entries: bigint }>`
    SELECT (SELECT COUNT(*) FROM ledger_accounts) AS accounts, (SELECT COUNT(*) FROM ledger_transfers) AS transfers,
           (SELECT COUNT(*) FROM ledger_entries) AS entries`.execute(db);
  return { accounts: accounts.rows, transfers: transfers.rows, counts: counts.rows[0]! };
}

/**
 * Balances as of the end of `day` (entries before `boundary`), for every account that existed then.
 * Floored accounts read the running balance of their last entry; unlocked (platform) accounts have
 * none, so theirs is the previous day's snapshot plus the day's entries (or, without one, the sum of
 * every entry before the boundary).
 */
export async function writeSnapshots(db: Executor, day: string, boundary: Date, takenAt: Date): Promise<number> {
  const dayBefore = new Date(boundary.getTime() - 24 * 3600_000); // Asia/Shanghai has no daylight saving
  const result = await sql`
    INSERT INTO ledger_balance_snapshots (day, account_id, balance, taken_at)
    SELECT ${day}::date, a.id,
      CASE WHEN a.floor_zero THEN
        COALESCE((SELECT e.balance_after FROM ledger_entries e
                  WHERE e.account_id = a.id AND e.created_at < ${boundary} ORDER BY e.id DESC LIMIT 1), 0)
      ELSE COALESCE(
        (SELECT s.balance + COALESCE((SELECT SUM(e.amount) FROM ledger_entries e
                                      WHERE e.account_id = a.id AND e.created_at >= ${dayBefore} AND e.created_at < ${boundary}), 0)
         FROM ledger_balance_snapshots s WHERE s.day = ${day}::date - 1 AND s.account_id = a.id),
        (SELECT SUM(e.amount) FROM ledger_entries e WHERE e.account_id = a.id AND e.created_at < ${boundary}), 0)
      END, ${takenAt}::timestamptz
    FROM ledger_accounts a WHERE a.created_at < ${boundary}
    ON CONFLICT (day, account_id) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export async function snapshotTotals(db: Executor, day: string) {
  const { rows } = await sql<{ kind: string; balance: bigint; accounts: bigint }>`
    SELECT a.kind, SUM(s.balance)::bigint AS balance, COUNT(*)::bigint AS accounts
    FROM ledger_balance_snapshots s JOIN ledger_accounts a ON a.id = s.account_id
    WHERE s.day = ${day}::date GROUP BY a.kind ORDER BY a.kind`.execute(db);
  return rows;
}
