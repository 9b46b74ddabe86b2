import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { useDemoSystem } from '../../../test/flows.js';
import { verifiedMembers } from '../../../test/wallet-flows.js';
import { transact } from '../../platform/db/transact.js';
import { createLotteryModule, lotteryChancesEffect, rollNumber, rolledPosition, verifyRecord } from './index.js';

const env = useDemoSystem();
let keySeq = 0;
const key = () => `draw-${process.pid}-${keySeq++}`;

async function createWheel(body: Record<string, unknown>, open = true) {
  const created = await call(env.sys.app, { method: 'POST', url: '/api/v1/console/lottery/wheels', token: env.admin, body });
  expect(created.statusCode, created.body).toBe(201);
  const wheel = created.json();
  if (!open) return wheel;
  const opened = await call(env.sys.app, { method: 'POST', url: `/api/v1/console/lottery/wheels/${wheel.id}/open`, token: env.admin });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json();
}
const grant = (memberId: string, wheelId: string, count: number, ref: string) =>
  transact(env.sys.platform.db, (trx) => env.sys.modules.lottery.grantChances(trx, { memberId, wheelId, count, ref }));
const draw = (token: string, wheelId: string, k = key()) =>
  call(env.sys.app, { method: 'POST', url: `/api/v1/lottery/${wheelId}/draws`, token, headers: { 'idempotency-key': k } });
const points = (memberId: string) => env.sys.modules.loyalty.points.balance(memberId);

describe('lottery', () => {
  it('never oversells a prize under 100 concurrent draws, and the published record verifies after the reveal', async () => {
    const wheel = await createWheel({
      name: '双十二幸运转盘',
      pointsCost: 0,
      prizes: [
        { name: '蓝牙耳机', kind: 'physical', weight: 50, stock: 5 },
        { name: '88 积分', kind: 'points', weight: 30, points: 88, stock: 20 },
        { name: '谢谢参与', kind: 'none', weight: 20 },
      ],
    });
    expect(wheel.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(wheel.seed).toBeNull();
    const members = await verifiedMembers(env.sys, 10);
    for (const m of members) await grant(m.memberId, wheel.id, 10, `test:${wheel.id}:${m.memberId}`);

    const results = await Promise.all(members.flatMap((m) => Array.from({ length: 10 }, () => draw(m.token, wheel.id))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(100).fill(201));
    const bodies = results.map((r) => r.json());
    expect(bodies.filter((b) => b.prize?.name === '蓝牙耳机')).toHaveLength(5);
    expect(bodies.filter((b) => b.prize?.name === '88 积分')).toHaveLength(20);
    expect(new Set(bodies.map((b) => b.seq)).size).toBe(100);

    const after = (await call(env.sys.app, { url: `/api/v1/console/lottery/wheels/${wheel.id}`, token: env.admin })).json();
    expect(after.prizes.map((p: { stock: number | null }) => p.stock)).toEqual([0, 0, null]);
    expect(after.drawCount).toBe(100);
    // Every 88-point prize landed in the winner's points.
    const pointsWon = bodies.filter((b) => b.prize?.kind === 'points').length * 88;
    const balances = await Promise.all(members.map((m) => points(m.memberId)));
    expect(balances.reduce((s, b) => s + b, 0)).toBe(pointsWon);
    // No chance left: the 11th draw is refused.
    const more = await draw(members[0]!.token, wheel.id);
    expect(more.statusCode).toBe(409);
    expect(more.json().error.code).toBe('LOTTERY_NO_CHANCES');

    // Before the close the seed is secret; after it anyone can check the commitment and each draw.
    const open = (await call(env.sys.app, { url: `/api/v1/lottery/${wheel.id}/record?pageSize=500` })).json();
    expect(open.seed).toBeNull();
    expect(open.commitment).toBe(wheel.commitment);
    const closed = await call(env.sys.app, { method: 'POST', url: `/api/v1/console/lottery/wheels/${wheel.id}/close`, token: env.admin });
    expect(closed.statusCode).toBe(200);
    const record = (await call(env.sys.app, { url: `/api/v1/lottery/${wheel.id}/record?pageSize=500` })).json();
    expect(record.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(record.draws).toHaveLength(100);
    expect(verifyRecord(record)).toEqual({ commitmentValid: true, invalidDraws: [] });
    // A record with a changed outcome or another seed does not verify.
    const forged = {
      ...record,
      draws: record.draws.map((d: { seq: number; rolledPosition: number }) =>
        d.seq === 7 ? { ...d, rolledPosition: (d.rolledPosition + 1) % 3 } : d,
      ),
    };
    expect(verifyRecord(forged).invalidDraws).toEqual([7]);
    expect(verifyRecord({ ...record, seed: '00'.repeat(32) }).commitmentValid).toBe(false);
    // Closed: no more draws.
    const late = await draw(members[1]!.token, wheel.id);
    expect(late.json().error.code).toBe('LOTTERY_NOT_OPEN');
  });

  it('wins a prize after N misses in a row when a guarantee is set', async () => {
    const wheel = await createWheel({
      name: '保底转盘',
      pointsCost: 0,
      guaranteeAfter: 3,
      prizes: [
        { name: '谢谢参与', kind: 'none', weight: 1_000_000 },
        { name: '10 积分', kind: 'points', weight: 1, points: 10 },
      ],
    });
    const [m] = await verifiedMembers(env.sys, 1);
    await grant(m!.memberId, wheel.id, 8, `test:g:${m!.memberId}`);
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push((await draw(m!.token, wheel.id)).json());
    expect(outcomes.map((o) => o.won)).toEqual([false, false, false, true, false, false, false, true]);
    expect(outcomes[3].guaranteed).toBe(true);
    expect(await points(m!.memberId)).toBe(20);
    const state = (await call(env.sys.app, { url: `/api/v1/lottery/${wheel.id}`, token: m!.token })).json();
    expect(state).toMatchObject({ chances: 0, misses: 0 });
  });

  it('replays a draw key with the first result and one chance used; costs points when no chance is left', async () => {
    const wheel = await createWheel({
      name: '积分转盘',
      pointsCost: 50,
      prizes: [
        { name: '谢谢参与', kind: 'none', weight: 1 },
        { name: '5 积分', kind: 'points', weight: 1, points: 5 },
      ],
    });
    const [m] = await verifiedMembers(env.sys, 1);
    await grant(m!.memberId, wheel.id, 1, `test:r:${m!.memberId}`);
    // The same campaign grant replayed grants once.
    expect(await grant(m!.memberId, wheel.id, 1, `test:r:${m!.memberId}`)).toEqual({ granted: false });
    const k = key();
    const first = await draw(m!.token, wheel.id, k);
    const again = await draw(m!.token, wheel.id, k);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(first.json().paidWith).toBe('chance');

    // No chance and no points: refused, nothing drawn.
    const poor = await draw(m!.token, wheel.id);
    expect(poor.statusCode).toBeGreaterThanOrEqual(400);
    expect(poor.statusCode).toBeLessThan(500);
    expect(poor.json().error.code).toBe('INSUFFICIENT_POINTS');
    const wonBefore = await points(m!.memberId);
    await transact(env.sys.platform.db, (trx) =>
      env.sys.modules.loyalty.points.earn(trx, {
        memberId: m!.memberId,
        points: 60,
        source: 'test',
        ref: `test:p:${m!.memberId}`,
        reason: '测试',
      }),
    );
    const paid = await draw(m!.token, wheel.id);
    expect(paid.statusCode).toBe(201);
    expect(paid.json().paidWith).toBe('points');
    expect(await points(m!.memberId)).toBe(wonBefore + 60 - 50 + (paid.json().won ? 5 : 0));
    const record = (await call(env.sys.app, { url: `/api/v1/lottery/${wheel.id}/record` })).json();
    expect(record.draws.map((d: { seq: number }) => d.seq)).toEqual([1, 2]);
  });

  it('ships a physical prize to the address the winner gives; others see it as not found', async () => {
    const wheel = await createWheel({
      name: '实物转盘',
      pointsCost: 0,
      prizes: [
        { name: '保温杯', kind: 'physical', weight: 1, stock: 3 },
        { name: '谢谢参与', kind: 'none', weight: 1 },
      ],
      guaranteeAfter: 1,
    });
    const [m, other] = await verifiedMembers(env.sys, 2);
    await grant(m!.memberId, wheel.id, 2, `test:s:${m!.memberId}`);
    const first = (await draw(m!.token, wheel.id)).json();
    const won = first.won ? first : (await draw(m!.token, wheel.id)).json();
    expect(won).toMatchObject({ won: true, fulfilment: 'awaiting_address' });
    const address = { name: '林晓', phone: '13800138000', address: '上海市浦东新区世纪大道 100 号' };
    const stranger = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/lottery/draws/${won.id}/address`,
      token: other!.token,
      body: address,
    });
    expect(stranger.statusCode).toBe(404);
    const set = await call(env.sys.app, { method: 'POST', url: `/api/v1/lottery/draws/${won.id}/address`, token: m!.token, body: address });
    expect(set.json().fulfilment).toBe('to_ship');
    const stored = await sql<{ address_enc: string }>`SELECT address_enc FROM lottery_draws WHERE id = ${won.id}::uuid`.execute(
      env.sys.platform.db,
    );
    expect(stored.rows[0]!.address_enc).not.toContain('13800138000');
    const list = (
      await call(env.sys.app, { url: `/api/v1/console/lottery/wheels/${wheel.id}/draws?physical=true`, token: env.admin })
    ).json();
    expect(list.items[0].shipTo).toBe('林* · 138****8000 · 上海市浦东新区世纪大道 100 号');
    const shipped = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/lottery/draws/${won.id}/ship`,
      token: env.admin,
      body: { carrier: '顺丰', trackingNo: 'SF1234567890' },
    });
    expect(shipped.json()).toMatchObject({ fulfilment: 'shipped', tracking: '顺丰 SF1234567890' });
    const again = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/lottery/draws/${won.id}/ship`,
      token: env.admin,
      body: { carrier: '顺丰', trackingNo: 'SF1234567890' },
    });
    expect(again.json().error.code).toBe('FULFILMENT_STATE_CONFLICT');
  });

  it('refuses bad wheels and keeps drafts out of sight', async () => {
    const bad = [
      {
        name: 'x',
        pointsCost: 0,
        prizes: [
          { name: 'a', kind: 'points', weight: 1 },
          { name: 'b', kind: 'none', weight: 1 },
        ],
      },
      {
        name: 'x',
        pointsCost: 0,
        prizes: [
          { name: 'a', kind: 'physical', weight: 1 },
          { name: 'b', kind: 'none', weight: 1 },
        ],
      },
      {
        name: 'x',
        pointsCost: 0,
        prizes: [
          { name: 'a', kind: 'coupon', weight: 1, couponRef: 'c1' },
          { name: 'b', kind: 'none', weight: 1 },
        ],
      },
      {
        name: 'x',
        pointsCost: 0,
        guaranteeAfter: 2,
        prizes: [
          { name: 'a', kind: 'none', weight: 1 },
          { name: 'b', kind: 'none', weight: 1 },
        ],
      },
    ];
    for (const body of bad) {
      const res = await call(env.sys.app, { method: 'POST', url: '/api/v1/console/lottery/wheels', token: env.admin, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('WHEEL_INVALID');
    }
    const negative = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/lottery/wheels',
      token: env.admin,
      body: {
        name: 'x',
        pointsCost: -1,
        prizes: [
          { name: 'a', kind: 'none', weight: 1 },
          { name: 'b', kind: 'none', weight: 1 },
        ],
      },
    });
    expect(negative.statusCode).toBe(400);
    const draft = await createWheel(
      {
        name: '草稿',
        pointsCost: 0,
        prizes: [
          { name: 'a', kind: 'none', weight: 1 },
          { name: 'b', kind: 'points', weight: 1, points: 1 },
        ],
      },
      false,
    );
    const [m] = await verifiedMembers(env.sys, 1);
    expect((await call(env.sys.app, { url: `/api/v1/lottery/${draft.id}`, token: m!.token })).statusCode).toBe(404);
    expect((await draw(m!.token, draft.id)).json().error.code).toBe('NOT_FOUND');
    expect((await call(env.sys.app, { url: `/api/v1/lottery/${draft.id}/record` })).statusCode).toBe(404);
  });

  it('rolls with the member level’s lottery weight, published with each draw and verified with it', async () => {
    const boosted = createLotteryModule(env.sys.platform, {
      audit: env.sys.modules.audit,
      investing: env.sys.modules.investing,
      points: () => env.sys.modules.loyalty.points,
      lotteryWeight: async () => 500,
    });
    const wheel = await createWheel({
      name: '会员加权转盘',
      pointsCost: 0,
      prizes: [
        { name: '谢谢参与', kind: 'none', weight: 100 },
        { name: '2 积分', kind: 'points', weight: 20, points: 2 },
      ],
    });
    const [m] = await verifiedMembers(env.sys, 1);
    await grant(m!.memberId, wheel.id, 20, `test:w:${m!.memberId}`);
    for (let i = 0; i < 20; i++) await boosted.draw(m!.memberId, wheel.id, key());
    await call(env.sys.app, { method: 'POST', url: `/api/v1/console/lottery/wheels/${wheel.id}/close`, token: env.admin });
    const record = (await call(env.sys.app, { url: `/api/v1/lottery/${wheel.id}/record` })).json();
    expect(record.draws.every((d: { weightPercent: number }) => d.weightPercent === 500)).toBe(true);
    expect(verifyRecord(record)).toEqual({ commitmentValid: true, invalidDraws: [] });
    // The weight changes outcomes: some roll lands on the prize with 500% and on the miss with 100%.
    const prizes = JSON.parse(record.weightsDoc).prizes;
    const differs = Array.from({ length: 200 }, (_, i) => rollNumber(record.seed, wheel.id, i + 1)).some(
      (roll) => rolledPosition(prizes, roll, false, 500) !== rolledPosition(prizes, roll, false, 100),
    );
    expect(differs).toBe(true);
  });

  it('grants chances as a campaign effect once per grant key, and refuses unknown or closed wheels', async () => {
    const effect = lotteryChancesEffect(env.sys.modules.lottery);
    const wheel = await createWheel({
      name: '活动转盘',
      pointsCost: 0,
      prizes: [
        { name: '谢谢参与', kind: 'none', weight: 1 },
        { name: '1 积分', kind: 'points', weight: 1, points: 1 },
      ],
    });
    const [m] = await verifiedMembers(env.sys, 1);
    const ctx = (trx: Parameters<Parameters<typeof transact>[1]>[0]) => ({
      trx,
      memberId: m!.memberId,
      key: `campaign:c1:event:${m!.memberId}:0`,
    });
    await transact(env.sys.platform.db, (trx) => effect.apply(ctx(trx), { wheelId: wheel.id, count: 3 }));
    await transact(env.sys.platform.db, (trx) => effect.apply(ctx(trx), { wheelId: wheel.id, count: 3 }));
    expect((await call(env.sys.app, { url: `/api/v1/lottery/${wheel.id}`, token: m!.token })).json().chances).toBe(3);
    await expect(effect.check(env.sys.platform.db, { wheelId: wheel.id })).resolves.toBeUndefined();
    await expect(effect.check(env.sys.platform.db, { wheelId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'WHEEL_INVALID' });
    await call(env.sys.app, { method: 'POST', url: `/api/v1/console/lottery/wheels/${wheel.id}/close`, token: env.admin });
    await expect(effect.check(env.sys.platform.db, { wheelId: wheel.id })).rejects.toMatchObject({ code: 'WHEEL_INVALID' });
  });

  it('grants an experience-money prize through investing once, however often the event is delivered', async () => {
    const wheel = await createWheel({
      name: '体验金转盘',
      pointsCost: 0,
      prizes: [
        { name: '888 元体验金', kind: 'experience', weight: 1, amount: '88800', days: 7 },
        { name: '1 积分', kind: 'points', weight: 1, points: 1, stock: 0 },
      ],
    });
    const [m] = await verifiedMembers(env.sys, 1);
    await grant(m!.memberId, wheel.id, 1, `test:x:${m!.memberId}`);
    const won = (await draw(m!.token, wheel.id)).json();
    expect(won).toMatchObject({ won: true, prize: { kind: 'experience' }, fulfilment: 'granted' });
    await env.sys.platform.outbox.drainAll();
    await env.sys.platform.outbox.drainAll();
    const wallet = (await call(env.sys.app, { url: '/api/v1/wallet', token: m!.token })).json();
    expect(wallet.experience).toBe('88800');
    // The same grant key again (a redelivered event) grants nothing more.
    await env.sys.modules.investing.grantExperience({
      memberId: m!.memberId,
      amount: '88800',
      days: 7,
      reason: 'x',
      grantKey: `lottery:${won.id}`,
    });
    expect((await call(env.sys.app, { url: '/api/v1/wallet', token: m!.token })).json().experience).toBe('88800');
    expect((await env.sys.modules.ledger.trialBalance('zh-CN')).total).toBe('0');
  });
});
