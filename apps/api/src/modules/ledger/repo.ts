import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { AccountRef } from './accounts.js';

// The ledger's SQL lives here. The hot path (postTransfer) is four statements: lock the touched
// accounts in id order (no deadlocks) and read their balances, claim the transfer key, move the
// cached balances, append the entries. bench/ledger runs exactly these statements bare to measure what the module costs.

export interface LockedAccount {
  id: bigint;
  code: string;
  balance: bigint;
  normal_side: string;
  floor_zero: boolean;
}

export async function claimTransferKey(
  db: Executor,
  t: { key: string; kind: string; memo: string; reference: string | null; at: Date },
): Promise<bigint | undefined> {
  const { rows } = await sql<{ id: bigint }>`
    INSERT INTO ledger_transfers (key, kind, memo, reference, created_at)
    VALUES (${t.key}, ${t.kind}, ${t.memo}, ${t.reference}, ${t.at})
    ON CONFLICT (key) DO NOTHING RETURNING id`.execute(db);
  return rows[0]?.id;
}

export async function findTransferByKey(db: Executor, key: string) {
  const { rows } = await sql<{ id: bigint; kind: string; memo: string; reference: string | null; created_at: Date }>`
    SELECT id, kind, memo, reference, created_at FROM ledger_transfers WHERE key = ${key}`.execute(db);
  return rows[0];
}

export async function entriesOfTransfer(db: Executor, transferId: bigint) {
  const { rows } = await sql<{ code: string; amount: bigint }>`
    SELECT a.code, e.amount FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
    WHERE e.transfer_id = ${transferId} ORDER BY e.id`.execute(db);
  return rows;
}

/** Creates the accounts that do not exist yet and returns every code's id. */
export async function ensureAccounts(db: Executor, refs: AccountRef[], at: Date): Promise<Map<string, bigint>> {
  const codes = refs.map((r) => r.code);
  await sql`
    INSERT INTO ledger_accounts (code, kind, owner_id, normal_side, floor_zero, created_at)
    SELECT r.code, r.kind, r.owner_id, k.normal_side, k.floor_zero, ${at}::timestamptz
    FROM unnest(${codes}::text[], ${refs.map((r) => r.kind)}::text[], ${refs.map((r) => r.ownerId)}::text[]) AS r(code, kind, owner_id)
    JOIN ledger_account_kinds k ON k.kind = r.kind
    ON CONFLICT (code) DO NOTHING`.execute(db);
  const { rows } = await sql<{ id: bigint; code: string }>`SELECT id, code FROM ledger_accounts WHERE code = ANY(${codes}::text[])`.execute(
    db,
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function lockAccounts(db: Executor, ids: bigint[]): Promise<LockedAccount[]> {
  const { rows } = await sql<LockedAccount>`
    SELECT id, code, balance, normal_side, floor_zero FROM ledger_accounts
    WHERE id = ANY(${ids.map(String)}::bigint[]) ORDER BY id FOR UPDATE`.execute(db);
  return rows;
}

export async function applyDeltas(db: Executor, deltas: Map<bigint, bigint>, entryCounts: Map<bigint, number>): Promise<void> {
  const ids = [...deltas.keys()];
  await sql`
    UPDATE ledger_accounts a SET balance = a.balance + d.delta, entry_count = a.entry_count + d.n
    FROM unnest(${ids.map(String)}::bigint[], ${ids.map((id) => String(deltas.get(id)))}::bigint[], ${ids.map((id) => entryCounts.get(id) ?? 0)}::int[])
      AS d(id, delta, n)
    WHERE a.id = d.id`.execute(db);
}

export async function insertEntries(
  db: Executor,
  transferId: bigint,
  rows: Array<{ accountId: bigint; amount: bigint; balanceAfter: bigint }>,
  at: Date,
): Promise<void> {
  await sql`
    INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after, created_at)
    SELECT ${transferId}::bigint, e.account_id, e.amount, e.balance_after, ${at}::timestamptz
    FROM unnest(${rows.map((r) => String(r.accountId))}::bigint[], ${rows.map((r) => String(r.amount))}::bigint[],
                ${rows.map((r) => String(r.balanceAfter))}::bigint[]) WITH ORDINALITY AS e(account_id, amount, balance_after, n)
    ORDER BY e.n`.execute(db);
}

export async function balancesByCode(db: Executor, codes: string[]) {
  const { rows } = await sql<{ code: string; kind: string; balance: bigint; normal_side: string }>`
    SELECT code, kind, balance, normal_side FROM ledger_accounts WHERE code = ANY(${codes}::text[])`.execute(db);
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

/** Per kind: how many accounts, and the sum of their debit and credit balances (from the cache). */
export async function trialBalance(db: Executor): Promise<TrialBalanceRow[]> {
  const { rows } = await sql<TrialBalanceRow>`
    SELECT k.kind, k.label_zh, k.label_en, k.book, k.normal_side,
           COUNT(a.id)::bigint AS accounts,
           COALESCE(SUM(a.balance) FILTER (WHERE a.balance > 0), 0)::bigint AS debits,
           COALESCE(-SUM(a.balance) FILTER (WHERE a.balance < 0), 0)::bigint AS credits,
           COALESCE(SUM(a.balance), 0)::bigint AS balance
    FROM ledger_account_kinds k LEFT JOIN ledger_accounts a ON a.kind = k.kind
    GROUP BY k.kind ORDER BY k.book, k.kind`.execute(db);
  return rows;
}

export interface AccountRow {
  id: bigint;
  code: string;
  kind: string;
  owner_id: string | null;
  normal_side: string;
  balance: bigint;
  entry_count: bigint;
  created_at: Date;
}

export async function findAccount(db: Executor, by: { id: bigint } | { code: string }): Promise<AccountRow | undefined> {
  const where = 'id' in by ? sql`id = ${String(by.id)}::bigint` : sql`code = ${by.code}`;
  const { rows } = await sql<AccountRow>`
    SELECT id, code, kind, owner_id, normal_side, balance, entry_count, created_at FROM ledger_accounts WHERE ${where}`.execute(db);
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
    SELECT id, code, kind, owner_id, normal_side, balance, entry_count, created_at, COUNT(*) OVER ()::bigint AS total
    FROM ledger_accounts WHERE ${where} ORDER BY id LIMIT ${limit} OFFSET ${offset}`.execute(db);
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

/** Newest first; `before` is the last entry id of the previous page (keyset paging, stable under inserts). */
export async function statement(db: Executor, accountId: bigint, before: bigint | undefined, limit: number): Promise<StatementRow[]> {
  const cursor = before === undefined ? sql`TRUE` : sql`e.id < ${String(before)}::bigint`;
  const { rows } = await sql<StatementRow>`
    SELECT e.id, e.amount, e.balance_after, e.created_at, t.kind AS transfer_kind, t.memo, t.reference
    FROM ledger_entries e JOIN ledger_transfers t ON t.id = e.transfer_id
    WHERE e.account_id = ${String(accountId)}::bigint AND ${cursor}
    ORDER BY e.id DESC LIMIT ${limit}`.execute(db);
  return rows;
}

/** Accounts whose cached balance differs from the sum of their entries, and transfers that do not sum to zero. */
export async function findInconsistencies(db: Executor) {
  const accounts = await sql<{ code: string; cached: bigint; summed: bigint }>`
    SELECT a.code, a.balance AS cached, COALESCE(s.summed, 0)::bigint AS summed
    FROM ledger_accounts a LEFT JOIN (SELECT account_id, SUM(amount) AS summed FROM ledger_entries GROUP BY account_id) s ON s.account_id = a.id
    WHERE a.balance <> COALESCE(s.summed, 0)`.execute(db);
  const transfers = await sql<{ key: string; total: bigint }>`
    SELECT t.key, COALESCE(SUM(e.amount), 0)::bigint AS total FROM ledger_transfers t LEFT JOIN ledger_entries e ON e.transfer_id = t.id
    GROUP BY t.id HAVING COALESCE(SUM(e.amount), 0) <> 0 OR COUNT(e.id) < 2`.execute(db);
  const counts = await sql<{ accounts: bigint; transfers: bigint; entries: bigint }>`
    SELECT (SELECT COUNT(*) FROM ledger_accounts) AS accounts, (SELECT COUNT(*) FROM ledger_transfers) AS transfers,
           (SELECT COUNT(*) FROM ledger_entries) AS entries`.execute(db);
  return { accounts: accounts.rows, transfers: transfers.rows, counts: counts.rows[0]! };
}

/** Balances as of the end of `day` (entries before `boundary`), for every account that existed then. */
export async function writeSnapshots(db: Executor, day: string, boundary: Date, takenAt: Date): Promise<number> {
  const result = await sql`
    INSERT INTO ledger_balance_snapshots (day, account_id, balance, taken_at)
    SELECT ${day}::date, a.id, COALESCE((SELECT e.balance_after FROM ledger_entries e
                                         WHERE e.account_id = a.id AND e.created_at < ${boundary}
                                         ORDER BY e.id DESC LIMIT 1), 0), ${takenAt}::timestamptz
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
