import crypto from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { transact } from '../../platform/db/transact.js';
import { call } from '../../../test/harness.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { Accounts, credit, debit, type Posting } from './index.js';

const env = useDemoSystem();
const ledger = () => env.sys.modules.ledger;
const db = () => env.sys.platform.db;
const member = () => crypto.randomUUID();
const book = (key: string, postings: Posting[], memo = '测试') =>
  transact(db(), (trx) => ledger().transfer(trx, { key, kind: 'test', memo, postings }));
/** A member tops up: money arrives in transit, the platform now owes the member. */
const topUp = (memberId: string, fen: bigint, key: string = crypto.randomUUID()) =>
  book(key, [debit(Accounts.paymentsInTransit, fen), credit(Accounts.memberAvailable(memberId), fen)], '充值');
const freeze = (memberId: string, fen: bigint, key: string = crypto.randomUUID()) =>
  book(key, [debit(Accounts.memberAvailable(memberId), fen), credit(Accounts.memberFrozen(memberId), fen)], '提现冻结');

async function expectBooksConsistent() {
  const verified = await ledger().verify();
  expect(verified).toMatchObject({ ok: true, mismatchedAccounts: [], unbalancedTransfers: [] });
  expect((await ledger().trialBalance('zh-CN')).total).toBe('0');
}

describe('double-entry ledger', () => {
  it('moves money between accounts, and the member reads balances and a statement with reasons', async () => {
    const m = member();
    await topUp(m, 10_010n);
    await freeze(m, 2_000n);
    expect(await ledger().memberBalances(m)).toEqual({ member_available: 8_010n, member_frozen: 2_000n, member_experience: 0n });
    const page = await ledger().memberStatement(m, 'member_available', undefined, 10);
    expect(page.items.map((i) => [i.amount, i.balanceAfter, i.memo])).toEqual([
      ['-2000', '8010', '提现冻结'],
      ['10010', '10010', '充值'],
    ]);
    await expectBooksConsistent();
  });

  it('books a key once: a replay moves nothing, a different movement under the same key is refused', async () => {
    const m = member();
    const key = `topup:${crypto.randomUUID()}`;
    const first = await topUp(m, 500n, key);
    const again = await topUp(m, 500n, key);
    expect(again).toEqual({ transferId: first.transferId, replayed: true });
    await expect(topUp(m, 600n, key)).rejects.toThrow(/different movement/);
    expect((await ledger().memberBalances(m)).member_available).toBe(500n);
    // Two posts of one key racing: one books, the other waits on the lock and reports a replay.
    const raced = `topup:${crypto.randomUUID()}`;
    const both = await Promise.all([
      topUp(m, 300n, raced),
      topUp(m, 300n, raced),
      freeze(m, 800n, `${raced}:f`),
      freeze(m, 800n, `${raced}:f`),
    ]);
    expect(both.map((r) => r.replayed).sort()).toEqual([false, false, true, true]);
    expect(await ledger().memberBalances(m)).toMatchObject({ member_available: 0n, member_frozen: 800n });
  });

  it('refuses to take a member below zero, without writing anything, and leaves the transaction usable', async () => {
    const m = member();
    await topUp(m, 1_000n);
    const before = await ledger().verify();
    const outcome = await transact(db(), async (trx) => {
      const error = await ledger()
        .transfer(trx, {
          key: crypto.randomUUID(),
          kind: 'test',
          memo: '超额冻结',
          postings: [debit(Accounts.memberAvailable(m), 1_001n), credit(Accounts.memberFrozen(m), 1_001n)],
        })
        .catch((e: { code?: string }) => e.code);
      // Still usable: the check ran before any write.
      await sql`SELECT 1`.execute(trx);
      return error;
    });
    expect(outcome).toBe('INSUFFICIENT_BALANCE');
    expect(await ledger().memberBalances(m)).toMatchObject({ member_available: 1_000n, member_frozen: 0n });
    expect((await ledger().verify()).transfers).toBe(before.transfers);
    // The database backs the rule up against code that skips the module.
    await expect(
      sql`UPDATE ledger_accounts SET balance = 1 WHERE code = ${Accounts.memberAvailable(m).code}`.execute(db()),
    ).rejects.toThrow(/ledger_accounts_not_negative/);
  });

  it('rejects unbalanced postings in code and, behind the module, at COMMIT in the database', async () => {
    await expect(book(crypto.randomUUID(), [debit(Accounts.custodianCash, 5n), credit(Accounts.paymentsInTransit, 4n)])).rejects.toThrow(
      /sum to 1/,
    );
    await expect(
      transact(db(), async (trx) => {
        const { rows } = await sql<{ id: string }>`
          INSERT INTO ledger_transfers (key, kind, memo, created_at) VALUES (${crypto.randomUUID()}, 'forged', 'x', now()) RETURNING id`.execute(
          trx,
        );
        const { rows: acct } = await sql<{ id: string }>`SELECT id FROM ledger_accounts WHERE code = 'payments_in_transit'`.execute(trx);
        await sql`INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after, created_at)
                  VALUES (${rows[0]!.id}, ${acct[0]!.id}, 100, 0, now())`.execute(trx);
      }),
    ).rejects.toThrow(/does not balance/);
    await expectBooksConsistent();
  });

  it('is append-only: entries and transfers cannot be updated, deleted or truncated', async () => {
    await topUp(member(), 100n);
    await expect(sql`UPDATE ledger_entries SET amount = amount + 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM ledger_entries`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE ledger_transfers SET memo = 'x'`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE ledger_transfers CASCADE`.execute(db())).rejects.toThrow(/append-only/);
  });

  it('keeps every balance equal to its entries under 400 concurrent transfers across 20 members and one hot account', async () => {
    const members = Array.from({ length: 20 }, member);
    await Promise.all(members.map((m) => topUp(m, 100_000n)));
    const attempts = Array.from({ length: 400 }, (_, i) => {
      const m = members[i % members.length]!;
      const other = members[(i * 7 + 3) % members.length]!;
      const amount = BigInt(1 + ((i * 37) % 900));
      switch (i % 4) {
        case 0:
          return freeze(m, amount);
        case 1:
          return book(crypto.randomUUID(), [debit(Accounts.memberFrozen(m), amount), credit(Accounts.memberAvailable(m), amount)]);
        case 2:
          // Member to issuer and back through the hot account every transfer touches.
          return book(crypto.randomUUID(), [debit(Accounts.memberAvailable(m), amount), credit(Accounts.issuer('hot-issuer'), amount)]);
        default:
          return book(crypto.randomUUID(), [debit(Accounts.issuer('hot-issuer'), amount), credit(Accounts.memberAvailable(other), amount)]);
      }
    });
    const results = await Promise.allSettled(attempts);
    const failures = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason?.code ?? String(r));
    // Only insufficient balance (unfreezing more than is frozen) may fail; never a deadlock or a lost update.
    expect(failures.every((code) => code === 'INSUFFICIENT_BALANCE')).toBe(true);
    for (const m of members) {
      const b = await ledger().memberBalances(m);
      expect(b.member_available >= 0n && b.member_frozen >= 0n).toBe(true);
    }
    await expectBooksConsistent();
  });

  it('freezes closing balances at the Asia/Shanghai day boundary, once', async () => {
    const m = member();
    env.sys.clock.set(new Date('2026-12-01T15:59:00Z')); // 23:59 in Shanghai, 1 December
    await topUp(m, 700n);
    env.sys.clock.set(new Date('2026-12-01T16:01:00Z')); // 00:01 on 2 December
    await topUp(m, 300n);
    const first = await ledger().snapshot(env.sys.clock.now());
    expect(first.day).toBe('2026-12-01');
    expect(first.accounts).toBeGreaterThan(0);
    expect((await ledger().snapshot(env.sys.clock.now())).accounts).toBe(0);
    const { rows } = await sql<{ balance: bigint }>`
      SELECT s.balance FROM ledger_balance_snapshots s JOIN ledger_accounts a ON a.id = s.account_id
      WHERE s.day = '2026-12-01' AND a.code = ${Accounts.memberAvailable(m).code}`.execute(db());
    expect(rows[0]!.balance).toBe(-700n);
  });

  it('shows the books to finance and compliance only, with statements paged newest first', async () => {
    const m = member();
    for (let i = 1; i <= 5; i++) await topUp(m, BigInt(i * 100));
    const finance = await operatorLogin(env.sys.app, 'finance');
    const service = await operatorLogin(env.sys.app, 'service');
    const tb = await call(env.sys.app, { url: '/api/v1/console/ledger/trial-balance', token: finance });
    expect(tb.statusCode).toBe(200);
    expect(tb.json().total).toBe('0');
    expect(tb.json().accounts.find((a: { kind: string }) => a.kind === 'member_available').label).toBe('会员可用余额');
    expect((await call(env.sys.app, { url: '/api/v1/console/ledger/trial-balance', token: service })).statusCode).toBe(403);

    const accounts = await call(env.sys.app, { url: `/api/v1/console/ledger/accounts?owner=${m}`, token: finance });
    const available = accounts.json().items.find((a: { kind: string }) => a.kind === 'member_available');
    expect(available.balance).toBe('1500');
    const page1 = await call(env.sys.app, { url: `/api/v1/console/ledger/accounts/${available.id}/entries?limit=2`, token: finance });
    expect(page1.json().statement.items.map((i: { amount: string }) => i.amount)).toEqual(['500', '400']);
    const next = page1.json().statement.nextBefore;
    const page3 = await call(env.sys.app, {
      url: `/api/v1/console/ledger/accounts/${available.id}/entries?limit=10&before=${next}`,
      token: finance,
    });
    expect(page3.json().statement).toMatchObject({ nextBefore: null });
    expect(page3.json().statement.items.map((i: { amount: string }) => i.amount)).toEqual(['300', '200', '100']);
    expect((await call(env.sys.app, { url: '/api/v1/console/ledger/accounts/999999999/entries', token: finance })).statusCode).toBe(404);
    expect((await call(env.sys.app, { url: '/api/v1/console/ledger/verify', token: finance })).json().ok).toBe(true);
  });
});
