import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshPhone, operatorLogin, PASSWORD, registerMember, useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { transact } from '../../platform/db/transact.js';

const env = useDemoSystem();
const key = () => `k-${randomUUID()}`;
const DAY = 86_400_000;

const checkIn = (token: string, body: Record<string, unknown> = {}, idem: string | null = key()) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/checkins', token, body, headers: idem ? { 'idempotency-key': idem } : {} });
const points = (token: string, query = '') => call(env.sys.app, { url: `/api/v1/me/points${query}`, token });
/** Shanghai wall-clock time → the instant (UTC+8, no DST). */
const shanghai = (local: string) => new Date(`${local}+08:00`);

/** A fresh operator session (moving the clock by days ends older ones). */
const admin = () => operatorLogin(env.sys.app);
async function member() {
  const phone = freshPhone();
  const m = await registerMember(env.sys.app, await admin(), phone);
  return {
    ...m,
    /** Signs in again (sessions end after days of inactivity on a moved clock). */
    async relogin() {
      const res = await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      m.token = res.json().token;
      this.token = m.token;
    },
  };
}

describe('check-in', () => {
  it('needs an Idempotency-Key, earns today’s points once and replays the first answer', async () => {
    env.sys.clock.set(shanghai('2026-12-01T09:00:00'));
    const m = await member();
    expect((await checkIn(m.token, {}, null)).json().error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const k = key();
    const first = await checkIn(m.token, {}, k);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ day: '2026-12-01', kind: 'daily', streak: 1, points: 5, bonus: 0, cost: 0, balance: 5 });
    const replay = await checkIn(m.token, {}, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const again = await checkIn(m.token);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_CHECKED_IN');
    expect((await points(m.token)).json().balance).toBe(5);
    // Nothing to make up before the member registered.
    const before = await checkIn(m.token, { makeUpDay: '2026-11-30' });
    expect(before.json().error).toMatchObject({ code: 'MAKEUP_NOT_ALLOWED', message: '无法补签：不能补签注册之前的日期' });
    expect((await call(env.sys.app, { url: '/api/v1/me/checkins', token: m.token })).json().makeUp.days).toEqual([]);
  });

  it('lets exactly one of concurrent check-ins through', async () => {
    env.sys.clock.set(shanghai('2026-12-02T09:00:00'));
    const m = await member();
    const results = await Promise.all(Array.from({ length: 6 }, () => checkIn(m.token)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect((await points(m.token)).json().balance).toBe(5);
  });

  it('counts days by Shanghai midnight, not UTC', async () => {
    const m = await member();
    env.sys.clock.set(shanghai('2026-12-03T23:59:00')); // 15:59 UTC
    expect((await checkIn(m.token)).json()).toMatchObject({ day: '2026-12-03', streak: 1 });
    env.sys.clock.set(shanghai('2026-12-04T00:01:00')); // two minutes later: a new Shanghai day, same UTC day
    expect((await checkIn(m.token)).json()).toMatchObject({ day: '2026-12-04', streak: 2 });
    env.sys.clock.set(shanghai('2026-12-04T09:00:00')); // a new UTC day, still the same Shanghai day
    expect((await checkIn(m.token)).statusCode).toBe(409);
  });

  it('pays the streak bonus on the 7th day and restarts after a gap', async () => {
    const m = await member();
    const earned: number[] = [];
    for (let d = 0; d < 7; d++) {
      env.sys.clock.set(new Date(shanghai('2027-01-01T08:00:00').getTime() + d * DAY));
      await m.relogin();
      earned.push((await checkIn(m.token)).json().points);
    }
    expect(earned).toEqual([5, 5, 5, 5, 5, 5, 25]);
    env.sys.clock.set(shanghai('2027-01-09T08:00:00')); // 8 Jan missed
    await m.relogin();
    expect((await checkIn(m.token)).json()).toMatchObject({ streak: 1, points: 5 });
    const month = await call(env.sys.app, { url: '/api/v1/me/checkins?month=2027-01', token: m.token });
    expect(month.statusCode).toBe(200);
    expect(month.json().days.map((d: { day: string }) => d.day)).toHaveLength(8);
    expect(month.json()).toMatchObject({
      checkedInToday: true,
      streak: 1,
      makeUp: { cost: 20, days: expect.arrayContaining(['2027-01-08']) },
    });
  });

  it('makes up a missed day for points, joining the streak; refused without points, outside the window or in the future', async () => {
    const m = await member();
    env.sys.clock.set(shanghai('2027-02-01T08:00:00'));
    await checkIn(m.token);
    env.sys.clock.set(shanghai('2027-02-03T08:00:00')); // 2 Feb missed
    await m.relogin();
    await checkIn(m.token); // balance 10
    const poor = await checkIn(m.token, { makeUpDay: '2027-02-02' });
    expect(poor.statusCode).toBe(409);
    expect(poor.json().error.code).toBe('INSUFFICIENT_POINTS');
    const cal = await call(env.sys.app, { url: '/api/v1/me/checkins?month=2027-02', token: m.token });
    expect(cal.json().days).toHaveLength(2); // nothing half-written

    await transact(env.sys.platform.db, (trx) =>
      env.sys.modules.loyalty.points.earn(trx, {
        memberId: m.memberId,
        points: 100,
        source: 'test',
        ref: `gift-${m.memberId}`,
        reason: '测试',
      }),
    );
    const made = await checkIn(m.token, { makeUpDay: '2027-02-02' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ day: '2027-02-02', kind: 'makeup', streak: 2, points: 0, cost: 20, balance: 90 });
    env.sys.clock.set(shanghai('2027-02-04T08:00:00'));
    await m.relogin();
    expect((await checkIn(m.token)).json()).toMatchObject({ streak: 4 }); // 1, 2 (made up), 3, 4

    expect((await checkIn(m.token, { makeUpDay: '2027-02-02' })).json().error.code).toBe('ALREADY_CHECKED_IN');
    expect((await checkIn(m.token, { makeUpDay: '2027-01-20' })).json().error.code).toBe('MAKEUP_NOT_ALLOWED');
    expect((await checkIn(m.token, { makeUpDay: '2027-02-05' })).json().error.code).toBe('MAKEUP_NOT_ALLOWED');
    for (const bad of ['2027-2-1', '2027-02-30', 20270201, '']) {
      const res = await checkIn(m.token, { makeUpDay: bad });
      expect(res.statusCode, String(bad)).toBe(400);
    }
    expect((await checkIn(m.token, { extra: 1 })).statusCode).toBe(400);
    const statement = (await points(m.token)).json();
    expect(statement.balance).toBe(95);
    expect(statement.entries[0]).toMatchObject({ kind: 'earn', source: 'checkin' });
    expect(statement.entries.find((e: { kind: string }) => e.kind === 'spend')).toMatchObject({ points: -20, reason: '补签 2027-02-02' });
  });

  it('answers 401 signed out', async () => {
    expect(
      (await call(env.sys.app, { method: 'POST', url: '/api/v1/checkins', body: {}, headers: { 'idempotency-key': key() } })).statusCode,
    ).toBe(401);
    expect((await call(env.sys.app, { url: '/api/v1/me/points' })).statusCode).toBe(401);
    expect((await call(env.sys.app, { url: '/api/v1/me/level' })).statusCode).toBe(401);
  });
});

describe('points statement', () => {
  it('pages newest first and shows what expires within 30 days', async () => {
    env.sys.clock.set(shanghai('2027-03-01T08:00:00'));
    const m = await member();
    await transact(env.sys.platform.db, async (trx) => {
      for (let i = 0; i < 5; i++)
        await env.sys.modules.loyalty.points.earn(trx, {
          memberId: m.memberId,
          points: 10 + i,
          source: 'test',
          ref: `p-${m.memberId}-${i}`,
          reason: `第 ${i} 笔`,
          expiresAt: i === 0 ? shanghai('2027-03-10T00:00:00') : undefined,
        });
    });
    const first = (await points(m.token, '?limit=3')).json();
    expect(first.balance).toBe(60);
    expect(first.expiringSoon).toMatchObject({ points: 10, withinDays: 30 });
    expect(first.entries.map((e: { points: number }) => e.points)).toEqual([14, 13, 12]);
    const second = (await points(m.token, `?limit=3&before=${first.nextBefore}`)).json();
    expect(second.entries.map((e: { points: number }) => e.points)).toEqual([11, 10]);
    expect(second.nextBefore).toBeNull();
    expect((await points(m.token, '?limit=0')).statusCode).toBe(400);
    expect((await points(m.token, '?before=abc')).statusCode).toBe(400);
  });
});

describe('console points adjustments', () => {
  const adjust = async (body: unknown, token?: string, idem: string = key()) =>
    call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/loyalty/points-adjustments',
      token: token ?? (await admin()),
      body,
      headers: { 'idempotency-key': idem },
    });

  it('grants and deducts with a reason, audited, never below zero', async () => {
    const m = await member();
    const k = key();
    const granted = await adjust({ memberId: m.memberId, points: 100, reason: '客诉补偿' }, undefined, k);
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ points: 100, balanceAfter: 100 });
    expect((await adjust({ memberId: m.memberId, points: 100, reason: '客诉补偿' }, undefined, k)).headers['idempotent-replayed']).toBe(
      'true',
    );
    const over = await adjust({ memberId: m.memberId, points: -101, reason: '误发收回' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('INSUFFICIENT_POINTS');
    expect((await adjust({ memberId: m.memberId, points: -40, reason: '误发收回' })).json()).toMatchObject({
      points: -40,
      balanceAfter: 60,
    });

    const audit = await sql<{ action: string; after: { points: number; reason: string } }>`
      SELECT action, after FROM audit_log WHERE target_id = ${m.memberId} AND action = 'loyalty.points.adjusted' ORDER BY seq`.execute(
      env.sys.platform.db,
    );
    expect(audit.rows.map((r) => [r.after.points, r.after.reason])).toEqual([
      [100, '客诉补偿'],
      [-40, '误发收回'],
    ]);
    const view = await call(env.sys.app, { url: `/api/v1/console/loyalty/members/${m.memberId}/points`, token: await admin() });
    expect(view.json()).toMatchObject({ balance: 60, shortfall: 0, level: { level: 0 } });
    expect(view.json().entries.map((e: { kind: string; points: number }) => [e.kind, e.points])).toEqual([
      ['adjust', -40],
      ['adjust', 100],
    ]);
  });

  it('refuses bad input with 4xx and books nothing', async () => {
    const m = await member();
    for (const body of [
      { memberId: m.memberId, points: 0, reason: '原因说明' },
      { memberId: m.memberId, points: 1.5, reason: '原因说明' },
      { memberId: m.memberId, points: 50 },
      { memberId: m.memberId, points: 50, reason: ' ' },
      { memberId: m.memberId, points: 50_000_000, reason: '原因说明' },
      { memberId: 'nope', points: 5, reason: '原因说明' },
      { memberId: m.memberId, points: '5', reason: '原因说明' },
    ]) {
      const res = await adjust(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await points(m.token)).json()).toMatchObject({ balance: 0, entries: [] });
  });

  it('is for operators with loyalty.manage only', async () => {
    const m = await member();
    expect((await adjust({ memberId: m.memberId, points: 5, reason: '原因说明' }, m.token)).statusCode).toBe(401);
  });
});

describe('levels', () => {
  const putRules = async (rules: unknown) =>
    call(env.sys.app, { method: 'PUT', url: '/api/v1/console/loyalty/level-rules', token: await admin(), body: { rules } });
  const rule = (level: number, minGrowth: number, extra: Partial<{ withdrawalFeeWaiver: boolean; lotteryWeight: number }> = {}) => ({
    level,
    nameZh: `V${level}`,
    nameEn: `V${level}`,
    minGrowth,
    privileges: { withdrawalFeeWaiver: false, exclusiveProducts: false, liveSeats: false, lotteryWeight: 100, ...extra },
  });

  it('refuses rules with gaps, a non-zero start or falling thresholds', async () => {
    for (const rules of [[rule(0, 0), rule(2, 10)], [rule(0, 5)], [rule(0, 0), rule(1, 10), rule(2, 10)], []]) {
      const res = await putRules(rules);
      expect(res.statusCode, JSON.stringify(rules)).toBe(400);
    }
    expect((await putRules([rule(0, 0), { ...rule(1, 10), privileges: { lotteryWeight: 100 } }])).statusCode).toBe(400);
  });

  it('goes up on events (investment, check-in) and down at the nightly evaluation when growth ages out', async () => {
    const saved = (await call(env.sys.app, { url: '/api/v1/console/loyalty/level-rules', token: await admin() })).json().rules;
    try {
      const put = await putRules([
        rule(0, 0),
        rule(1, 2, { lotteryWeight: 120 }),
        rule(2, 100, { withdrawalFeeWaiver: true, lotteryWeight: 150 }),
      ]);
      expect(put.statusCode, put.body).toBe(200);
      env.sys.clock.set(shanghai('2027-04-01T08:00:00'));
      const m = await member();
      await env.sys.platform.outbox.drainAll();
      expect((await call(env.sys.app, { url: '/api/v1/me/level', token: m.token })).json()).toMatchObject({ level: 0, growth: 0 });

      await checkIn(m.token); // +2 activity growth → level 1
      const afterCheckin = (await call(env.sys.app, { url: '/api/v1/me/level', token: m.token })).json();
      expect(afterCheckin).toMatchObject({ level: 1, growth: 2, components: { activity: 2 }, next: { level: 2, minGrowth: 100 } });
      expect(await env.sys.modules.loyalty.levels.lotteryWeight(m.memberId)).toBe(120);

      // A ¥10,000 cash purchase: 100 investment growth → level 2 and its fee waiver.
      await transact(env.sys.platform.db, (trx) =>
        env.sys.platform.outbox.emit(trx, 'investing.purchased', {
          memberId: m.memberId,
          productId: randomUUID(),
          orderId: randomUUID(),
          amount: '1000000',
          fundedBy: 'cash',
          source: null,
        }),
      );
      await env.sys.platform.outbox.drainAll();
      expect(await env.sys.modules.loyalty.levels.levelOf(m.memberId)).toMatchObject({ level: 2, growth: 102 });
      expect(await env.sys.modules.loyalty.levels.hasPrivilege(m.memberId, 'withdrawalFeeWaiver')).toBe(true);

      // A year and a day later the growth has aged out (12 months of tenure, 60, remain): the nightly run downgrades.
      const job = env.sys.modules.loyalty.cronJobs.find((j) => j.name === 'loyalty-evaluate-levels')!;
      await job.run(new Date(env.sys.clock.now().getTime() + 366 * DAY));
      const later = await env.sys.modules.loyalty.levels.levelOf(m.memberId);
      expect(later).toMatchObject({ level: 1, growth: 60 });
      expect(await env.sys.modules.loyalty.levels.hasPrivilege(m.memberId, 'withdrawalFeeWaiver')).toBe(false);
      const changes = await sql<{ from_level: number | null; to_level: number; cause: string }>`
        SELECT from_level, to_level, cause FROM loyalty_level_changes WHERE member_id = ${m.memberId} ORDER BY id`.execute(
        env.sys.platform.db,
      );
      expect(changes.rows.map((c) => [c.from_level, c.to_level, c.cause])).toEqual([
        [null, 0, 'event'],
        [0, 1, 'event'],
        [1, 2, 'event'],
        [2, later.level, 'nightly'],
      ]);
      const audited = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log WHERE action = 'loyalty.level_rules.updated'`.execute(
        env.sys.platform.db,
      );
      expect(Number(audited.rows[0]!.n)).toBeGreaterThanOrEqual(1);
    } finally {
      await putRules(saved);
    }
  });
});
