import type { LedgerAccount, StatementPage, TrialBalance } from '@quanzi/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import { naturalBalance } from './accounts.js';
import * as repo from './repo.js';

type Locale = 'zh-CN' | 'en';

export async function trialBalance(db: Executor, clock: Clock, locale: Locale): Promise<TrialBalance> {
  const rows = await repo.trialBalance(db);
  const total = rows.reduce((sum, r) => sum + r.balance, 0n);
  return {
    accounts: rows.map((r) => ({
      kind: r.kind as TrialBalance['accounts'][number]['kind'],
      label: locale === 'en' ? r.label_en : r.label_zh,
      book: r.book as 'client' | 'platform',
      normalSide: r.normal_side as 'debit' | 'credit',
      accounts: Number(r.accounts),
      debits: String(r.debits),
      credits: String(r.credits),
      balance: String(r.balance),
    })),
    total: String(total),
    asOf: clock.now().toISOString(),
  };
}

export function presentAccount(a: repo.AccountRow): LedgerAccount {
  return {
    id: String(a.id),
    code: a.code,
    kind: a.kind as LedgerAccount['kind'],
    ownerId: a.owner_id,
    normalSide: a.normal_side as 'debit' | 'credit',
    balance: String(naturalBalance(a.normal_side, a.balance)),
    entries: Number(a.entry_count),
    createdAt: a.created_at.toISOString(),
  };
}

export async function listAccounts(
  db: Executor,
  filter: { kind?: string | undefined; owner?: string | undefined },
  page: number,
  pageSize: number,
) {
  const rows = await repo.listAccounts(db, filter, (page - 1) * pageSize, pageSize);
  return { items: rows.map(presentAccount), total: Number(rows[0]?.total ?? 0), page, pageSize };
}

/** An account's entries, newest first, each with its reason, signed as the holder reads them. */
export async function accountStatement(
  db: Executor,
  account: repo.AccountRow,
  before: string | undefined,
  limit: number,
): Promise<StatementPage> {
  const rows = await repo.statement(db, account.id, before === undefined ? undefined : BigInt(before), limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: String(r.id),
      amount: String(naturalBalance(account.normal_side, r.amount)),
      balanceAfter: String(naturalBalance(account.normal_side, r.balance_after)),
      kind: r.transfer_kind,
      memo: r.memo,
      reference: r.reference,
      at: r.created_at.toISOString(),
    })),
    nextBefore: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

/** Every cached balance equals the sum of its entries and every transfer sums to zero. */
export async function verifyLedger(db: Executor) {
  const found = await repo.findInconsistencies(db);
  return {
    ok: found.accounts.length === 0 && found.transfers.length === 0,
    accounts: Number(found.counts.accounts),
    transfers: Number(found.counts.transfers),
    entries: Number(found.counts.entries),
    mismatchedAccounts: found.accounts.map((a) => ({ code: a.code, cached: String(a.cached), summed: String(a.summed) })),
    unbalancedTransfers: found.transfers.map((t) => ({ key: t.key, total: String(t.total) })),
  };
}
