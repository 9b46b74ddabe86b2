import type { Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { Accounts, MEMBER_KINDS, naturalBalance, type MemberAccountKind } from './accounts.js';
import { AccountIdCache, postTransfer, postTransfers, type TransferInput } from './post-transfer.js';
import { accountStatement, listAccounts, trialBalance, verifyLedger } from './read-ledger.js';
import * as repo from './repo.js';
import { snapshotBalances, snapshotTotals } from './snapshot-balances.js';

export { Accounts, credit, debit, naturalBalance, type AccountRef, type Posting, type MemberAccountKind } from './accounts.js';
export type { TransferInput, TransferResult } from './post-transfer.js';
export { ledgerConsoleRoutes } from './routes.console.js';

/**
 * The only way money moves in Quanzi. Every write takes the caller's transaction, so a business
 * change and its money movement commit or roll back together.
 */
export function createLedgerModule(platform: Pick<Platform, 'db' | 'clock'>) {
  const { db, clock } = platform;
  const cache = new AccountIdCache();
  return {
    transfer: (trx: Tx, input: TransferInput) => postTransfer(trx, clock, cache, input),
    /**
     * Many balanced transfers in a few statements (jobs: earnings, maturities, grants, refunds), all
     * or nothing, each idempotent by its key; results in input order.
     */
    transferMany: (trx: Tx, inputs: TransferInput[]) => postTransfers(trx, clock, cache, inputs),
    /** Moves platform accounts' committed pending deltas into their cached balance (a job; reads are exact either way). */
    foldBalances: () => repo.foldDeltas(db),
    /** A member's balances as they read them, in fen. Accounts not yet touched read zero. */
    async memberBalances(memberId: string, executor: Executor = db): Promise<Record<MemberAccountKind, bigint>> {
      const refs = [Accounts.memberAvailable(memberId), Accounts.memberFrozen(memberId), Accounts.memberExperience(memberId)];
      const rows = await repo.balancesByCode(
        executor,
        refs.map((r) => r.code),
      );
      const result = { member_available: 0n, member_frozen: 0n, member_experience: 0n };
      for (const row of rows) result[row.kind as MemberAccountKind] = naturalBalance(row.normal_side, row.balance);
      return result;
    },
    /** One of the member's own accounts, newest first (ownership is by construction: the code embeds the member id). */
    async memberStatement(memberId: string, kind: MemberAccountKind, before: string | undefined, limit: number) {
      if (!MEMBER_KINDS.includes(kind)) throw new Error(`not a member account kind: ${kind}`);
      const account = await repo.findAccount(db, { code: `${kind}:${memberId}` });
      if (!account) return { items: [], nextBefore: null };
      return accountStatement(db, account, before, limit);
    },
    trialBalance: (locale: 'zh-CN' | 'en') => trialBalance(db, clock, locale),
    listAccounts: (filter: { kind?: string | undefined; owner?: string | undefined }, page: number, pageSize: number) =>
      listAccounts(db, filter, page, pageSize),
    async accountStatement(accountId: string, before: string | undefined, limit: number) {
      const account = await repo.findAccount(db, { id: BigInt(accountId) });
      return account ? { account, statement: await accountStatement(db, account, before, limit) } : undefined;
    },
    verify: () => verifyLedger(db),
    snapshot: (now: Date) => snapshotBalances(db, now),
    snapshotTotals: (day: string) => snapshotTotals(db, day),
  };
}
export type LedgerModule = ReturnType<typeof createLedgerModule>;
