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

  it('does not serialize writers on a platform account: 200 concurrent transfers through one hot account stay exact', async () => {
    const members = Array.from({ length: 50 }, member);
    const hot = Accounts.issuer(`hot-${crypto.randomUUID()}`);
    const amounts = Array.from({ length: 200 }, (_, i) => BigInt(1 + ((i * 37) % 900)));
    // Half of them start before the platform account's row exists; all of them race on it.
    await Promise.all(
      amounts.map((amount, i) =>
        i % 2 === 0
          ? book(crypto.randomUUID(), [debit(hot, amount), credit(Accounts.memberAvailable(members[i % 50]!), amount)])
          : book(crypto.randomUUID(), [debit(Accounts.paymentsInTransit, amount), credit(hot, amount)]),
      ),
    );
    const netHot = amounts.reduce((s, a, i) => (i % 2 === 0 ? s + a : s - a), 0n);
    const { rows } = await sql<{ balance: bigint; entry_count: bigint; pending: bigint }>`
      SELECT a.balance, a.entry_count, (SELECT COUNT(*) FROM ledger_balance_deltas d WHERE d.account_id = a.id)::bigint AS pending
      FROM ledger_accounts a WHERE a.code = ${hot.code}`.execute(db());
    // Nothing updated the hot row under a lock: every movement is a pending delta until the fold.
    expect(rows[0]).toEqual({ balance: 0n, entry_count: 0n, pending: 200n });
    const accounts = await call(env.sys.app, {
      url: `/api/v1/console/ledger/accounts?kind=issuer&owner=${hot.ownerId}`,
      token: await operatorLogin(env.sys.app, 'finance'),
    });
    expect(accounts.json().items[0]).toMatchObject({ balance: String(-netHot), entries: 200 });
    await expectBooksConsistent();
    // The statement's running balance on the hot account is derived exactly, page by page.
    const id = BigInt(accounts.json().items[0].id);
    const first = await ledger().accountStatement(String(id), undefined, 120);
    const second = await ledger().accountStatement(String(id), first!.statement.nextBefore!, 120);
    const lines = [...first!.statement.items, ...second!.statement.items];
    expect(lines).toHaveLength(200);
    let running = 0n;
    for (const line of [...lines].reverse()) {
      running += BigInt(line.amount);
      expect(line.balanceAfter).toBe(String(running));
    }
    expect(running).toBe(-netHot);

    // The fold moves the committed deltas into the row; nothing changes for readers.
    expect(await ledger().foldBalances()).toBeGreaterThan(0);
    const folded = await sql<{ balance: bigint; entry_count: bigint }>`
      SELECT balance, entry_count FROM ledger_accounts WHERE code = ${hot.code}`.execute(db());
    expect(folded.rows[0]).toEqual({ balance: netHot, entry_count: 200n });
    expect((await sql<{ n: bigint }>`SELECT COUNT(*)::bigint AS n FROM ledger_balance_deltas`.execute(db())).rows[0]!.n).toBe(0n);
    await expectBooksConsistent();
  });

  it('never takes a member below zero under concurrent debits, while the platform side is not locked', async () => {
    const m = member();
    await topUp(m, 1_000n);
    // 60 concurrent withdrawals of 100 fen to the platform's unlocked custodian account: exactly 10 fit.
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, () =>
        book(crypto.randomUUID(), [debit(Accounts.memberAvailable(m), 100n), credit(Accounts.custodianCash, 100n)]),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason?.code);
    expect(ok).toBe(10);
    expect(refused.every((c) => c === 'INSUFFICIENT_BALANCE')).toBe(true);
    expect((await ledger().memberBalances(m)).member_available).toBe(0n);
    await expectBooksConsistent();
  });

  it('transferMany books a batch in a few statements, all or nothing, each key once', async () => {
    const members = Array.from({ length: 30 }, member);
    const issuer = Accounts.issuer(`bulk-${crypto.randomUUID()}`);
    const batch = members.map((m, i) => ({
      key: `bulk:${m}`,
      kind: 'test',
      memo: '批量',
      postings: [debit(issuer, BigInt(100 + i)), credit(Accounts.memberAvailable(m), BigInt(100 + i))],
    }));
    const queries: string[] = [];
    const first = await transact(db(), async (trx) => {
      const spy = trx.withPlugin({
        transformQuery: (args) => {
          queries.push(args.node.kind);
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      return ledger().transferMany(spy as typeof trx, batch);
    });
    expect(first.every((r) => !r.replayed)).toBe(true);
    expect(new Set(first.map((r) => r.transferId)).size).toBe(30);
    // Create the new accounts and read their ids (2), look up booked keys, lock the members, claim,
    // write: six statements for 30 transfers, whatever the batch size.
    expect(queries).toHaveLength(6);
    expect((await ledger().memberBalances(members[29]!)).member_available).toBe(129n);

    // A replay of the whole batch (plus one new transfer and a duplicate inside the batch) books once.
    const extra = { key: `bulk:${crypto.randomUUID()}`, kind: 'test', memo: '批量', postings: batch[0]!.postings };
    const again = await transact(db(), (trx) => ledger().transferMany(trx, [...batch, extra, extra]));
    expect(again.slice(0, 30)).toEqual(first.map((r) => ({ transferId: r.transferId, replayed: true })));
    expect(again[30]!.replayed).toBe(false);
    expect(again[31]).toEqual({ transferId: again[30]!.transferId, replayed: true });
    expect((await ledger().memberBalances(members[0]!)).member_available).toBe(200n);
    await expect(transact(db(), (trx) => ledger().transferMany(trx, [{ ...batch[1]!, postings: batch[2]!.postings }]))).rejects.toThrow(
      /different movement/,
    );

    // One unbalanced transfer refuses the whole batch: nothing is written.
    const counts = async () => (await ledger().verify()).transfers;
    const n = await counts();
    const fresh = members.map((m) => ({
      ...batch[0]!,
      key: `bulk2:${m}`,
      postings: [debit(issuer, 5n), credit(Accounts.memberAvailable(m), 5n)],
    }));
    fresh[17] = { ...fresh[17]!, postings: [debit(issuer, 5n), credit(Accounts.memberAvailable(members[17]!), 4n)] };
    await expect(transact(db(), (trx) => ledger().transferMany(trx, fresh))).rejects.toThrow(/sum to 1/);
    expect(await counts()).toBe(n);
    // A member going below zero anywhere in the batch refuses it too, leaving the transaction usable.
    const overdraw = [
      { ...batch[0]!, key: crypto.randomUUID(), postings: [debit(issuer, 5n), credit(Accounts.memberAvailable(members[3]!), 5n)] },
      {
        ...batch[0]!,
        key: crypto.randomUUID(),
        postings: [debit(Accounts.memberAvailable(members[4]!), 10_000n), credit(issuer, 10_000n)],
      },
    ];
    const outcome = await transact(db(), async (trx) => {
      const code = await ledger()
        .transferMany(trx, overdraw)
        .catch((e: { code?: string }) => e.code);
      await sql`SELECT 1`.execute(trx);
      return code;
    });
    expect(outcome).toBe('INSUFFICIENT_BALANCE');
    expect(await counts()).toBe(n);
    expect((await ledger().memberBalances(members[3]!)).member_available).toBe(103n);
    // Within a batch, a later transfer may spend what an earlier one credited.
    const chained = await transact(db(), (trx) =>
      ledger().transferMany(trx, [
        {
          ...batch[0]!,
          key: crypto.randomUUID(),
          postings: [debit(issuer, 1_000n), credit(Accounts.memberAvailable(members[5]!), 1_000n)],
        },
        {
          ...batch[0]!,
          key: crypto.randomUUID(),
          postings: [debit(Accounts.memberAvailable(members[5]!), 1_105n), credit(issuer, 1_105n)],
        },
      ]),
    );
    expect(chained.map((r) => r.replayed)).toEqual([false, false]);
    expect((await ledger().memberBalances(members[5]!)).member_available).toBe(0n);
    await expectBooksConsistent();
  });

  it('replays of one transferMany batch racing each other book it once', async () => {
    const members = Array.from({ length: 10 }, member);
    const batch = members.map((m) => ({
      key: `race:${m}`,
      kind: 'test',
      memo: '批量',
      postings: [debit(Accounts.marketingExpense, 50n), credit(Accounts.memberAvailable(m), 50n)],
    }));
    const all = await Promise.all(Array.from({ length: 4 }, () => transact(db(), (trx) => ledger().transferMany(trx, batch))));
    expect(all.flat().filter((r) => !r.replayed)).toHaveLength(10);
    for (const m of members) expect((await ledger().memberBalances(m)).member_available).toBe(50n);
    // Platform-only transfers (nothing locked) wait on each other's keys only: a batch claims its keys
    // in key order, so it cannot hold one key while waiting for another that its rival holds.
    const settle = (key: string) => ({
      key,
      kind: 'test',
      memo: '对账结转',
      postings: [debit(Accounts.custodianCash, 7n), credit(Accounts.paymentsInTransit, 7n)],
    });
    const run = crypto.randomUUID();
    const [k1, k2] = [settle(`settle:${run}:a`), settle(`settle:${run}:b`)];
    await transact(db(), (trx) => ledger().transferMany(trx, [settle(`settle:${run}:0`)])); // the accounts exist, committed
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let claimedFirst!: () => void;
    const claimed = new Promise<void>((r) => (claimedFirst = r));
    const holder = transact(db(), async (trx) => {
      await ledger().transferMany(trx, [k1]);
      claimedFirst();
      await gate;
      return ledger().transferMany(trx, [k2]);
    });
    await claimed;
    const rival = transact(db(), (trx) => ledger().transferMany(trx, [k2, k1]));
    await new Promise((r) => setTimeout(r, 150));
    release();
    const [held, rivalled] = await Promise.all([holder, rival]);
    expect([...held, ...rivalled].map((r) => r.replayed)).toEqual([false, true, true]);
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
    // Platform accounts have no stored running balance: the first snapshot sums their entries, the
    // next day's adds the day's entries to it — both equal to the entries before each boundary.
    const platformSnapshot = (day: string, boundary: string) =>
      sql<{ snapped: bigint; summed: bigint }>`
      SELECT s.balance AS snapped, (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e
                                    WHERE e.account_id = a.id AND e.created_at < ${new Date(boundary)})::bigint AS summed
      FROM ledger_balance_snapshots s JOIN ledger_accounts a ON a.id = s.account_id
      WHERE s.day = ${day}::date AND a.code = ${Accounts.paymentsInTransit.code}`.execute(db());
    const day1 = (await platformSnapshot('2026-12-01', '2026-12-01T16:00:00Z')).rows[0]!;
    expect(day1.snapped).toBe(day1.summed);
    env.sys.clock.set(new Date('2026-12-02T10:00:00Z'));
    await topUp(m, 50n);
    env.sys.clock.set(new Date('2026-12-02T16:02:00Z'));
    await topUp(m, 25n); // after the 2 December boundary
    expect((await ledger().snapshot(env.sys.clock.now())).day).toBe('2026-12-02');
    const day2 = (await platformSnapshot('2026-12-02', '2026-12-02T16:00:00Z')).rows[0]!;
    expect(day2.snapped).toBe(day2.summed);
    expect(day2.snapped - day1.snapped).toBe(350n);
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
