import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { useDemoSystem } from '../../../test/flows.js';
import { verifiedMembers } from '../../../test/wallet-flows.js';
import { transact } from '../../platform/db/transact.js';

const env = useDemoSystem();
let keySeq = 0;
const key = () => `mall-${process.pid}-${keySeq++}`;
const address = { name: '林晓', phone: '13800138000', address: '上海市浦东新区世纪大道 100 号' };

async function createItem(body: Record<string, unknown>) {
  const res = await call(env.sys.app, { method: 'POST', url: '/api/v1/console/mall/items', token: env.admin, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const earn = (memberId: string, points: number) =>
  transact(env.sys.platform.db, (trx) =>
    env.sys.modules.loyalty.points.earn(trx, { memberId, points, source: 'test', ref: `test:${memberId}:${keySeq++}`, reason: '测试发放' }),
  );
const order = (token: string, body: Record<string, unknown>, k = key()) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/mall/orders', token, body, headers: { 'idempotency-key': k } });
const balance = (memberId: string) => env.sys.modules.loyalty.points.balance(memberId);
const stock = async (id: string) =>
  (await call(env.sys.app, { url: '/api/v1/console/mall/items?pageSize=100', token: env.admin }))
    .json()
    .items.find((i: { id: string }) => i.id === id).stock;

describe('points mall', () => {
  it('never sells more than the stock under 100 concurrent exchanges, and spends exactly the points of what was sold', async () => {
    const item = await createItem({ name: '定制帆布袋', kind: 'physical', pointsPrice: 100, stock: 30 });
    const members = await verifiedMembers(env.sys, 20);
    for (const m of members) await earn(m.memberId, 1000);
    const results = await Promise.all(
      members.flatMap((m) => Array.from({ length: 5 }, () => order(m.token, { itemId: item.id, address }))),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(30);
    expect(
      results.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 409 && r.json().error.code === 'MALL_OUT_OF_STOCK'),
    ).toBe(true);
    expect(await stock(item.id)).toBe(0);
    const balances = await Promise.all(members.map((m) => balance(m.memberId)));
    expect(balances.reduce((s, b) => s + b, 0)).toBe(20 * 1000 - 30 * 100);
  });

  it('refuses an exchange with too few points and leaves stock and points as they were', async () => {
    const item = await createItem({ name: '视频会员月卡', kind: 'physical', pointsPrice: 500, stock: 3 });
    const [m] = await verifiedMembers(env.sys, 1);
    await earn(m!.memberId, 499);
    const res = await order(m!.token, { itemId: item.id, address });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toBe('INSUFFICIENT_POINTS');
    expect(await stock(item.id)).toBe(3);
    expect(await balance(m!.memberId)).toBe(499);
    const mine = (await call(env.sys.app, { url: '/api/v1/me/mall/orders', token: m!.token })).json();
    expect(mine.total).toBe(0);
  });

  it('holds the per-member limit, replays a key with the first order, grants a virtual item at once', async () => {
    const wheel = (
      await call(env.sys.app, {
        method: 'POST',
        url: '/api/v1/console/lottery/wheels',
        token: env.admin,
        body: {
          name: '兑换转盘',
          pointsCost: 0,
          prizes: [
            { name: '谢谢参与', kind: 'none', weight: 1 },
            { name: '1 积分', kind: 'points', weight: 1, points: 1 },
          ],
        },
      })
    ).json();
    const item = await createItem({
      name: '抽奖券 ×2',
      kind: 'virtual',
      pointsPrice: 20,
      stock: 100,
      perMemberLimit: 2,
      grant: { kind: 'lottery_chances', wheelId: wheel.id, count: 2 },
    });
    const [m] = await verifiedMembers(env.sys, 1);
    await earn(m!.memberId, 1000);
    const k = key();
    const first = await order(m!.token, { itemId: item.id }, k);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'granted', points: 20, quantity: 1 });
    const replay = await order(m!.token, { itemId: item.id }, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    expect(await balance(m!.memberId)).toBe(980);
    await call(env.sys.app, { method: 'POST', url: `/api/v1/console/lottery/wheels/${wheel.id}/open`, token: env.admin });
    const w = (await call(env.sys.app, { url: `/api/v1/lottery/${wheel.id}`, token: m!.token })).json();
    expect(w.chances).toBe(2);
    expect((await order(m!.token, { itemId: item.id })).statusCode).toBe(201);
    const over = await order(m!.token, { itemId: item.id });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('MALL_LIMIT_REACHED');
    expect(await balance(m!.memberId)).toBe(960);
  });

  it('ships a physical item to an address kept encrypted; forward-only statuses; bad input refused', async () => {
    const item = await createItem({ name: '保温杯', kind: 'physical', pointsPrice: 10, stock: 5 });
    const [m, other] = await verifiedMembers(env.sys, 2);
    await earn(m!.memberId, 100);
    const noAddress = await order(m!.token, { itemId: item.id });
    expect(noAddress.json().error.code).toBe('ADDRESS_REQUIRED');
    expect(await balance(m!.memberId)).toBe(100);
    const placed = (await order(m!.token, { itemId: item.id, address })).json();
    expect(placed.status).toBe('to_ship');
    expect((await call(env.sys.app, { url: `/api/v1/me/mall/orders/${placed.id}`, token: other!.token })).statusCode).toBe(404);
    const queue = (await call(env.sys.app, { url: '/api/v1/console/mall/orders?status=to_ship&pageSize=100', token: env.admin })).json();
    expect(queue.items.find((o: { id: string }) => o.id === placed.id).shipTo).toBe('林* · 138****8000 · 上海市浦东新区世纪大道 100 号');
    const deliveredEarly = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/mall/orders/${placed.id}/delivered`,
      token: env.admin,
    });
    expect(deliveredEarly.json().error.code).toBe('FULFILMENT_STATE_CONFLICT');
    const shipped = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/mall/orders/${placed.id}/ship`,
      token: env.admin,
      body: { carrier: '顺丰', trackingNo: 'SF99887766' },
    });
    expect(shipped.json()).toMatchObject({ status: 'shipped', carrier: '顺丰', tracking: 'SF99887766' });
    const delivered = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/mall/orders/${placed.id}/delivered`,
      token: env.admin,
    });
    expect(delivered.json().status).toBe('delivered');
    const mine = (await call(env.sys.app, { url: `/api/v1/me/mall/orders/${placed.id}`, token: m!.token })).json();
    expect(mine.status).toBe('delivered');

    for (const body of [
      { name: 'x', kind: 'virtual', pointsPrice: 10, stock: 1 },
      { name: 'x', kind: 'physical', pointsPrice: 10, stock: 1, grant: { kind: 'experience', amount: '100', days: 7 } },
      { name: 'x', kind: 'virtual', pointsPrice: 10, stock: 1, grant: { kind: 'lottery_chances', wheelId: crypto.randomUUID(), count: 1 } },
    ]) {
      const res = await call(env.sys.app, { method: 'POST', url: '/api/v1/console/mall/items', token: env.admin, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('MALL_ITEM_INVALID');
    }
    const negative = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/mall/items',
      token: env.admin,
      body: { name: 'x', kind: 'physical', pointsPrice: -5, stock: 1 },
    });
    expect(negative.statusCode).toBe(400);
    const off = await call(env.sys.app, {
      method: 'PATCH',
      url: `/api/v1/console/mall/items/${item.id}`,
      token: env.admin,
      body: { status: 'off_sale' },
    });
    expect(off.json().status).toBe('off_sale');
    expect((await order(m!.token, { itemId: item.id, address })).json().error.code).toBe('NOT_FOUND');
    expect((await call(env.sys.app, { url: `/api/v1/mall/items/${item.id}`, token: m!.token })).statusCode).toBe(404);
  });
});
