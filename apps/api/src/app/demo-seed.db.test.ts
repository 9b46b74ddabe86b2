import { describe, expect, it } from 'vitest';
import { call } from '../../test/harness.js';
import { operatorLogin, useDemoSystem } from '../../test/flows.js';
import { shanghaiDay } from '../platform/clock.js';
import { DEMO_CAMPAIGNS, DEMO_WHEEL } from './demo-growth.js';
import { seedDemoData } from './demo-seed.js';

/** The demo state README.md promises (its tour and its screenshot), read the way members and operators read it. */
const env = useDemoSystem();
const login = async (phone: string) => {
  const res = await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone, password: 'Quanzi2026' } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
};
const get = async (url: string, token?: string) => {
  const res = await call(env.sys.app, { url, ...(token ? { token } : {}) });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};
const SHANGHAI = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

describe('the demo README.md describes', () => {
  it('林晓 (13800000001) has a risk assessment, ¥9,000.00 in her wallet and ¥1,000.00 of 现金管理A', async () => {
    const lin = await login('13800000001');
    expect(await get('/api/v1/suitability', lin)).toMatchObject({ level: 'C3' });
    // Money travels as fen strings.
    expect(await get('/api/v1/wallet', lin)).toMatchObject({ available: '900000', frozen: '0' });
    const holdings = await get('/api/v1/holdings', lin);
    expect(holdings.items).toHaveLength(1);
    expect(holdings.items[0]).toMatchObject({
      product: { name: '现金管理A（活期）' },
      fundedBy: 'cash',
      principal: '100000',
      status: 'holding',
    });
  });

  it('周敏 still walks the investing path from the start: no assessment, an empty wallet', async () => {
    const zhou = await login('13800000003');
    expect(await get('/api/v1/suitability', zhou)).toMatchObject({ level: null });
    expect(await get('/api/v1/wallet', zhou)).toMatchObject({ available: '0' });
  });

  it('has last night’s live session with its recap thread, and tomorrow’s at 20:00 that 林晓 booked', async () => {
    const lin = await login('13800000001');
    const { upcoming, past } = await get('/api/v1/live', lin);
    expect(past).toHaveLength(1);
    const ended = past[0];
    expect(ended).toMatchObject({ status: 'ended', hostName: '理财新手小周 · 持牌理财师' });
    expect([SHANGHAI(ended.startedAt), SHANGHAI(ended.endedAt)]).toEqual(['20:00', '20:45']);
    expect(shanghaiDay(new Date(ended.startedAt))).toBe(shanghaiDay(new Date(env.sys.clock.now().getTime() - 86_400_000)));
    expect(ended.recap.markdown).toContain('已回答的问题（2）');
    const thread = await get(`/api/v1/threads/${ended.recap.threadId}`, lin);
    expect(thread.title).toBe('直播回顾：活期还是定期？持牌理财师在线答疑');
    expect(thread.body).toContain('活期的万份收益为什么每天都不一样？');

    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]).toMatchObject({ status: 'scheduled', subscriberCount: 1 });
    expect(await get(`/api/v1/live/${upcoming[0].id}`, lin)).toMatchObject({ subscribed: true });
    expect(SHANGHAI(upcoming[0].scheduledAt)).toBe('20:00');
    expect(shanghaiDay(new Date(upcoming[0].scheduledAt))).toBe(shanghaiDay(new Date(env.sys.clock.now().getTime() + 86_400_000)));
  });

  it('has public moderation-log entries, a held post in the queue and an appeal waiting for a second operator', async () => {
    const log = await get('/api/v1/public/modlog');
    expect(log.items.map((e: { action: string; actor: { label: string } }) => [e.action, e.actor.label])).toEqual([
      ['warn', '社区经理'],
      ['hide', '圈主'],
      ['hold', '敏感词过滤'],
    ]);
    const community = await operatorLogin(env.sys.app, 'community');
    const queue = await get('/api/v1/console/moderation/queue', community);
    expect(JSON.stringify(queue)).toContain('保本');
    const compliance = await operatorLogin(env.sys.app, 'compliance');
    const appeals = await get('/api/v1/console/moderation/appeals?status=pending', compliance);
    expect(appeals.items).toHaveLength(1);
  });

  it('shows growth alive: a registration coupon and a tiered first-investment campaign, an open wheel and mall items', async () => {
    const growth = await operatorLogin(env.sys.app, 'growth');
    const campaigns = (await get('/api/v1/console/campaigns?pageSize=100', growth)).items;
    const byName = (name: string) => campaigns.find((c: { name: string }) => c.name === name);
    expect(byName(DEMO_CAMPAIGNS.welcome)).toMatchObject({ trigger: 'registered', status: 'active' });
    expect(byName(DEMO_CAMPAIGNS.firstInvestment)).toMatchObject({ trigger: 'first_investment', status: 'active' });
    expect(byName(DEMO_CAMPAIGNS.firstInvestment).tiers.map((t: { minAmount: string }) => t.minAmount)).toEqual([
      '10000',
      '100000',
      '500000',
    ]);
    const lin = await login('13800000001');
    const wheels = (await get('/api/v1/lottery', lin)).items;
    const wheel = wheels.find((w: { name: string }) => w.name === DEMO_WHEEL);
    expect(wheel).toBeDefined();
    expect(new Set((await get(`/api/v1/lottery/${wheel.id}`, lin)).prizes.map((p: { kind: string }) => p.kind))).toEqual(
      new Set(['points', 'coupon', 'none']),
    );
    const items = (await get('/api/v1/mall/items?pageSize=100', lin)).items;
    expect(new Set(items.map((i: { kind: string }) => i.kind))).toEqual(new Set(['virtual', 'physical']));
    expect(items.length).toBeGreaterThanOrEqual(3);
    // The demo members' own points and coupons are untouched by the campaigns.
    await env.sys.platform.outbox.drainAll();
    expect(await get('/api/v1/me/coupons', lin)).toMatchObject({ items: [] });
    expect(await env.sys.modules.loyalty.points.balance((await get('/api/v1/me', lin)).id)).toBe(0);
  });

  it('balances the books, and a second start seeds nothing twice', async () => {
    await seedDemoData(env.sys.platform, env.sys.modules);
    expect((await env.sys.modules.ledger.verify()).ok).toBe(true);
    const lin = await login('13800000001');
    expect(await get('/api/v1/wallet', lin)).toMatchObject({ available: '900000' });
    expect((await get('/api/v1/holdings', lin)).items).toHaveLength(1);
    const { upcoming, past } = await get('/api/v1/live', lin);
    expect([upcoming.length, past.length]).toEqual([1, 1]);
    expect((await get('/api/v1/public/modlog')).items).toHaveLength(3);
    const campaigns = (await get('/api/v1/console/campaigns?pageSize=100', await operatorLogin(env.sys.app, 'growth'))).items;
    expect(campaigns.filter((c: { name: string }) => Object.values<string>(DEMO_CAMPAIGNS).includes(c.name))).toHaveLength(4);
    expect((await get('/api/v1/lottery', lin)).items.filter((w: { name: string }) => w.name === DEMO_WHEEL)).toHaveLength(1);
  });
});
