import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { ManualClock } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { createLoyaltyModule, type LoyaltyModule } from './index.js';

let database: TestDatabase;
let clock: ManualClock;
let loyalty: LoyaltyModule;
beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  loyalty = createLoyaltyModule({ db: database.db, clock } as never, {} as never);
});
afterAll(() => database.drop());

const day = 86_400_000;
const tx = <T>(work: Parameters<typeof transact<T>>[1]) => transact(database.db, work);
const earn = (memberId: string, points: number, ref: string, expiresAt?: Date | null) =>
  tx((trx) => loyalty.points.earn(trx, { memberId, points, source: 'test', ref, reason: '测试发放', expiresAt }));
const spend = (memberId: string, points: number, ref: string) =>
  tx((trx) => loyalty.points.spend(trx, { memberId, points, source: 'mall', ref, reason: '兑换' }));

describe('points ledger', () => {
  it('spends the lot expiring first first, then expires what is left of the older lots', async () => {
    const m = randomUUID();
    const now = clock.now().getTime();
    await earn(m, 100, `late-${m}`, new Date(now + 90 * day));
    await earn(m, 50, `soon-${m}`, new Date(now + 10 * day));
    await earn(m, 30, `never-${m}`, null);
    expect(await loyalty.points.balance(m)).toBe(180);
    // 70 taken: 50 from the lot expiring in 10 days, then 20 from the 90-day lot; the never-expiring lot untouched.
    const spent = await spend(m, 70, `order-${m}`);
    expect(spent).toMatchObject({ points: -70, balanceAfter: 110, replayed: false });
    expect(await loyalty.points.expiringSoon(m)).toEqual({ points: 0, firstAt: null });

    clock.advance(91 * day);
    // Past the expiry, the balance already excludes the 80 left in the 90-day lot, before the job runs.
    expect(await loyalty.points.balance(m)).toBe(30);
    const job = await loyalty.points.expire(clock.now());
    expect(job.points).toBeGreaterThanOrEqual(80);
    expect(await loyalty.points.balance(m)).toBe(30);
    const statement = await loyalty.points.statement(m, { limit: 10 });
    expect(statement.map((e) => [e.kind, e.points, e.balanceAfter])).toEqual([
      ['expire', -80, 30],
      ['spend', -70, 110],
      ['earn', 30, 180],
      ['earn', 50, 150],
      ['earn', 100, 100],
    ]);
    // Paging by the last id seen.
    const next = await loyalty.points.statement(m, { limit: 2, before: statement[1]!.id });
    expect(next.map((e) => e.points)).toEqual([30, 50]);
    clock.advance(-91 * day);
  });

  it('shows points expiring within 30 days', async () => {
    const m = randomUUID();
    const soon = new Date(clock.now().getTime() + 5 * day);
    await earn(m, 40, `a-${m}`, soon);
    await earn(m, 60, `b-${m}`);
    expect(await loyalty.points.expiringSoon(m)).toEqual({ points: 40, firstAt: soon });
  });

  it('books a ref once: a replayed earn or spend changes nothing, another use of the ref is refused', async () => {
    const m = randomUUID();
    const first = await earn(m, 20, `grant-${m}`);
    const again = await earn(m, 20, `grant-${m}`);
    expect(again).toMatchObject({ entryId: first.entryId, replayed: true });
    expect(await loyalty.points.balance(m)).toBe(20);
    await spend(m, 5, `spend-${m}`);
    expect((await spend(m, 5, `spend-${m}`)).replayed).toBe(true);
    expect(await loyalty.points.balance(m)).toBe(15);
    await expect(earn(m, 99, `grant-${m}`)).rejects.toMatchObject({ code: 'POINTS_REF_CONFLICT' });
    await expect(earn(randomUUID(), 20, `grant-${m}`)).rejects.toMatchObject({ code: 'POINTS_REF_CONFLICT' });
  });

  it('refuses a spend above the balance and writes nothing', async () => {
    const m = randomUUID();
    await earn(m, 10, `g-${m}`);
    await expect(spend(m, 11, `s-${m}`)).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS', status: 409 });
    expect(await loyalty.points.balance(m)).toBe(10);
    expect(await loyalty.points.statement(m, { limit: 10 })).toHaveLength(1);
  });

  it('claws back a reversed grant without going negative and records the shortfall', async () => {
    const m = randomUUID();
    await earn(m, 100, `invest-${m}`);
    await spend(m, 70, `mall-${m}`);
    const back = await tx((trx) => loyalty.points.reverse(trx, { ref: `invest-${m}`, reason: '提前赎回，收回奖励积分' }));
    expect(back).toMatchObject({ points: -30, balanceAfter: 0, shortfall: 70, replayed: false });
    expect(await loyalty.points.balance(m)).toBe(0);
    const replay = await tx((trx) => loyalty.points.reverse(trx, { ref: `invest-${m}`, reason: 'again' }));
    expect(replay).toMatchObject({ entryId: back!.entryId, replayed: true, shortfall: 70 });
    const account = await sql<{
      balance: number;
      shortfall: number;
    }>`SELECT balance, shortfall FROM loyalty_point_accounts WHERE member_id = ${m}`.execute(database.db);
    expect(account.rows[0]).toEqual({ balance: 0, shortfall: 70 });
    expect(await tx((trx) => loyalty.points.reverse(trx, { ref: `never-booked-${m}`, reason: 'x' }))).toBeNull();
  });

  it('gives a reversed spend back to the lots it came from', async () => {
    const m = randomUUID();
    await earn(m, 50, `g-${m}`);
    await spend(m, 30, `order-${m}`);
    const refund = await tx((trx) => loyalty.points.reverse(trx, { ref: `order-${m}`, reason: '订单取消，退还积分' }));
    expect(refund).toMatchObject({ points: 30, balanceAfter: 50, shortfall: 0 });
    expect(await loyalty.points.balance(m)).toBe(50);
    // Everything can be spent again.
    expect((await spend(m, 50, `order2-${m}`)).balanceAfter).toBe(0);
  });

  it('never goes negative under concurrent spends', async () => {
    const m = randomUUID();
    await earn(m, 100, `g-${m}`);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => spend(m, 30, `c-${m}-${i}`)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(3);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect(await loyalty.points.balance(m)).toBe(10);
  });

  it('refuses negative, zero, fractional and huge points and bad expiries', async () => {
    const m = randomUUID();
    for (const points of [-5, 0, 1.5, Number.NaN, 10_000_001]) {
      await expect(earn(m, points, `bad-${m}-${points}`)).rejects.toMatchObject({ code: 'POINTS_INVALID', status: 400 });
      await expect(spend(m, points, `bad-s-${m}-${points}`)).rejects.toMatchObject({ code: 'POINTS_INVALID' });
    }
    await expect(earn(m, 5, `past-${m}`, new Date(clock.now().getTime() - 1))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      tx((trx) => loyalty.points.earn(trx, { memberId: 'nope', points: 1, source: 's', ref: 'r', reason: 'x' })),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await loyalty.points.statement(m, { limit: 10 })).toHaveLength(0);
  });

  it('keeps entries append-only', async () => {
    const m = randomUUID();
    await earn(m, 5, `g-${m}`);
    await expect(sql`UPDATE loyalty_point_entries SET points = 500 WHERE member_id = ${m}`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM loyalty_point_entries WHERE member_id = ${m}`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('reads level 0 with no privileges for a member never evaluated', async () => {
    const level = await loyalty.levels.levelOf(randomUUID());
    expect(level).toMatchObject({ level: 0, growth: 0, next: { level: 1, minGrowth: 100 } });
    expect(level.privileges.withdrawalFeeWaiver).toBe(false);
    expect(await loyalty.levels.hasPrivilege(randomUUID(), 'liveSeats')).toBe(false);
  });
});
