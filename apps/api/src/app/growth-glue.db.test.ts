import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call } from '../../test/harness.js';
import { operatorLogin, useDemoSystem } from '../../test/flows.js';
import { verifiedMembers } from '../../test/wallet-flows.js';
import { transact } from '../platform/db/transact.js';

/**
 * The glue at the composition root (modules.ts), over HTTP: campaigns give lottery draw chances,
 * a wheel's coupon prize and a mall coupon item are grants of a `lottery_prize` campaign.
 */
const env = useDemoSystem({ config: { globalRateLimit: 1_000_000 } });
const app = () => env.sys.app;
const key = () => crypto.randomUUID();

const window = () => {
  const now = env.sys.clock.now().getTime();
  return { startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 30 * 86_400_000).toISOString() };
};

async function createCampaign(body: Record<string, unknown>) {
  const res = await call(app(), {
    method: 'POST',
    url: '/api/v1/console/campaigns',
    token: await operatorLogin(app(), 'growth'),
    body: { conditions: [], ...window(), ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function campaignDetail(id: string) {
  const res = await call(app(), { url: `/api/v1/console/campaigns/${id}`, token: await operatorLogin(app(), 'growth') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function createWheel(body: Record<string, unknown>, expected = 201) {
  const res = await call(app(), { method: 'POST', url: '/api/v1/console/lottery/wheels', token: env.admin, body });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json();
}

async function openWheel(id: string) {
  const res = await call(app(), { method: 'POST', url: `/api/v1/console/lottery/wheels/${id}/open`, token: env.admin });
  expect(res.statusCode, res.body).toBe(200);
}

const draw = (token: string, wheelId: string) =>
  call(app(), { method: 'POST', url: `/api/v1/lottery/${wheelId}/draws`, token, headers: { 'idempotency-key': key() } });
const coupons = async (token: string) => {
  const res = await call(app(), { url: '/api/v1/me/coupons?pageSize=100', token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<{ id: string; type: string; amount: string; threshold: string; status: string }>;
};
const couponCampaign = (name: string, totalCount: number) =>
  createCampaign({
    name,
    trigger: 'lottery_prize',
    budget: { totalCount },
    effects: [{ kind: 'coupon', coupon: { type: 'cash_back', threshold: '50000', amount: '500', validDays: 7 } }],
  });

async function trialBalanceZero() {
  const tb = await env.sys.modules.ledger.trialBalance('zh-CN');
  expect(tb.total).toBe('0');
  expect(await env.sys.modules.ledger.verify()).toMatchObject({ ok: true });
}

describe('growth glue', () => {
  it('a lottery_chances campaign gives draw chances when its trigger fires, and the member can draw', async () => {
    const wheel = await createWheel({
      name: '签到转盘',
      pointsCost: 0,
      prizes: [
        { name: '10 积分', kind: 'points', weight: 1, points: 10 },
        { name: '20 积分', kind: 'points', weight: 1, points: 20 },
      ],
    });
    await openWheel(wheel.id);
    const campaign = await createCampaign({
      name: '签到送抽奖',
      trigger: 'checked_in',
      budget: { totalCount: 100 },
      effects: [{ kind: 'lottery_chances', wheelId: wheel.id, count: 2 }],
    });
    const [m] = await verifiedMembers(env.sys, 1);
    const before = (await call(app(), { url: `/api/v1/lottery/${wheel.id}`, token: m!.token })).json();
    expect(before.chances).toBe(0);
    expect((await draw(m!.token, wheel.id)).json().error.code).toBe('LOTTERY_NO_CHANCES');

    const checkin = await call(app(), {
      method: 'POST',
      url: '/api/v1/checkins',
      token: m!.token,
      headers: { 'idempotency-key': key() },
      body: {},
    });
    expect(checkin.statusCode, checkin.body).toBe(201);
    await env.sys.platform.outbox.drainAll();
    await env.sys.platform.outbox.drainAll();

    expect((await call(app(), { url: `/api/v1/lottery/${wheel.id}`, token: m!.token })).json().chances).toBe(2);
    expect((await campaignDetail(campaign.id)).grantedCount).toBe(1);
    const pointsBefore = await env.sys.modules.loyalty.points.balance(m!.memberId);
    const first = await draw(m!.token, wheel.id);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ won: true, paidWith: 'chance', prize: { kind: 'points' } });
    const second = await draw(m!.token, wheel.id);
    expect(second.statusCode, second.body).toBe(201);
    const won = [first, second].reduce((s, r) => s + (r.json().prize.name === '10 积分' ? 10 : 20), 0);
    expect(await env.sys.modules.loyalty.points.balance(m!.memberId)).toBe(pointsBefore + won);
    expect((await draw(m!.token, wheel.id)).statusCode).toBe(409);
  });

  it('a wheel’s coupon prize, linked to a lottery_prize campaign, lands in the member’s coupons; a wrong link is refused', async () => {
    const campaign = await couponCampaign('转盘满减券', 10);
    // Links that can never be granted are refused when the wheel is created.
    const investment = await createCampaign({
      name: '投资送红包',
      trigger: 'investment',
      budget: { totalMoney: '10000' },
      effects: [{ kind: 'red_packet', amount: '100' }],
    });
    await call(app(), {
      method: 'POST',
      url: `/api/v1/console/campaigns/${investment.id}/pause`,
      token: await operatorLogin(app(), 'growth'),
    });
    for (const couponRef of [crypto.randomUUID(), 'not-a-campaign', investment.id]) {
      const bad = await createWheel(
        {
          name: '坏转盘',
          pointsCost: 0,
          prizes: [
            { name: '满减券', kind: 'coupon', weight: 1, couponRef },
            { name: '谢谢参与', kind: 'none', weight: 1 },
          ],
        },
        400,
      );
      expect(bad.error.code).toBe('WHEEL_INVALID');
    }

    const wheel = await createWheel({
      name: '送券转盘',
      pointsCost: 10,
      prizes: [
        { name: '5 元满减券', kind: 'coupon', weight: 1, couponRef: campaign.id },
        { name: '5 元满减券 · 二', kind: 'coupon', weight: 1, couponRef: campaign.id },
      ],
    });
    await openWheel(wheel.id);
    const [m] = await verifiedMembers(env.sys, 1);
    await transact(env.sys.platform.db, (trx) =>
      env.sys.modules.loyalty.points.earn(trx, {
        memberId: m!.memberId,
        points: 100,
        source: 'test',
        ref: `glue:${m!.memberId}`,
        reason: '测试',
      }),
    );
    expect(await coupons(m!.token)).toHaveLength(0);
    const res = await draw(m!.token, wheel.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ won: true, paidWith: 'points', prize: { kind: 'coupon' } });
    const mine = await coupons(m!.token);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ type: 'cash_back', amount: '500', threshold: '50000', status: 'available' });
    expect(await env.sys.modules.loyalty.points.balance(m!.memberId)).toBe(90);
    expect((await campaignDetail(campaign.id)).grantedCount).toBe(1);
    await trialBalanceZero();
  });

  it('a mall coupon item gives one coupon per unit, within the prize campaign’s budget', async () => {
    const campaign = await couponCampaign('积分兑券', 3);
    const bad = await call(app(), {
      method: 'POST',
      url: '/api/v1/console/mall/items',
      token: env.admin,
      body: { name: '坏券', kind: 'virtual', pointsPrice: 10, stock: 10, grant: { kind: 'coupon', couponRef: crypto.randomUUID() } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALL_ITEM_INVALID');
    const created = await call(app(), {
      method: 'POST',
      url: '/api/v1/console/mall/items',
      token: env.admin,
      body: { name: '5 元满减券', kind: 'virtual', pointsPrice: 50, stock: 100, grant: { kind: 'coupon', couponRef: campaign.id } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json();
    const [m] = await verifiedMembers(env.sys, 1);
    await transact(env.sys.platform.db, (trx) =>
      env.sys.modules.loyalty.points.earn(trx, {
        memberId: m!.memberId,
        points: 1000,
        source: 'test',
        ref: `glue:${m!.memberId}`,
        reason: '测试',
      }),
    );
    const order = (quantity: number) =>
      call(app(), {
        method: 'POST',
        url: '/api/v1/mall/orders',
        token: m!.token,
        headers: { 'idempotency-key': key() },
        body: { itemId: item.id, quantity },
      });
    const two = await order(2);
    expect(two.statusCode, two.body).toBe(201);
    expect(two.json()).toMatchObject({ status: 'granted', quantity: 2, points: 100 });
    const mine = await coupons(m!.token);
    expect(mine).toHaveLength(2);
    expect(new Set(mine.map((c) => c.id)).size).toBe(2);
    expect(mine.every((c) => c.type === 'cash_back' && c.amount === '500' && c.status === 'available')).toBe(true);
    expect(await env.sys.modules.loyalty.points.balance(m!.memberId)).toBe(900);
    // One coupon left in the budget: two more are refused whole — no coupon, no points spent.
    const over = await order(2);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('CAMPAIGN_STATE_CONFLICT');
    expect(await coupons(m!.token)).toHaveLength(2);
    expect(await env.sys.modules.loyalty.points.balance(m!.memberId)).toBe(900);
    expect((await order(1)).statusCode).toBe(201);
    expect(await coupons(m!.token)).toHaveLength(3);
    expect((await campaignDetail(campaign.id)).grantedCount).toBe(3);
    await trialBalanceZero();
  });
});
