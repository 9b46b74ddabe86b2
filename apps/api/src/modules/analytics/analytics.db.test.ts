import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, operatorLogin, registerMember, useDemoSystem } from '../../../test/flows.js';
import { transact } from '../../platform/db/transact.js';

const env = useDemoSystem();
const UA = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148' };
const anon = () => `anon_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
const post = (events: unknown[], extra: { token?: string; headers?: Record<string, string> } = {}) =>
  call(env.sys.app, {
    method: 'POST',
    url: '/api/v1/events',
    body: { events },
    headers: { ...UA, ...extra.headers },
    ...(extra.token ? { token: extra.token } : {}),
  });
const count = async (where: ReturnType<typeof sql>) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM analytics_events WHERE ${where}`.execute(env.sys.database.db)).rows[0]!.n);

describe('the demo data', () => {
  it('gives every growth chart something to show, and seeding again adds nothing', async () => {
    const growth = await operatorLogin(env.sys.app, 'growth');
    const funnel = await call(env.sys.app, { url: '/api/v1/console/analytics/funnels/default', token: growth });
    expect(funnel.statusCode, funnel.body).toBe(200);
    const steps = funnel.json().steps as Array<{ label: string; count: number }>;
    expect(steps.map((s) => s.label)).toEqual(['访问', '注册', '实名', '绑卡', '首投']);
    for (const s of steps) expect(s.count).toBeGreaterThan(0);
    for (let k = 1; k < steps.length; k++) expect(steps[k]!.count).toBeLessThanOrEqual(steps[k - 1]!.count);
    expect(funnel.json().breakdown.length).toBeGreaterThanOrEqual(4);

    const core = await call(env.sys.app, { url: '/api/v1/console/analytics/core-metric?period=week', token: growth });
    expect(core.statusCode, core.body).toBe(200);
    expect(BigInt(core.json().current.amount)).toBeGreaterThan(0n);
    expect(core.json().trend.length).toBeGreaterThan(30);

    const channels = await call(env.sys.app, { url: '/api/v1/console/analytics/channels', token: growth });
    expect(channels.statusCode, channels.body).toBe(200);
    const by = Object.fromEntries(
      (channels.json().items as Array<{ channel: string; vanity: boolean; cac: string | null }>).map((c) => [c.channel, c]),
    );
    expect(by.douyin!.vanity).toBe(true);
    expect(by.wechat!.vanity).toBe(false);
    expect(by.wechat!.cac).not.toBeNull();

    const members = await call(env.sys.app, { url: '/api/v1/console/analytics/members', token: growth });
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json().cohorts.length).toBeGreaterThan(3);
    expect(members.json().cohorts[0].retention[0]).toBe(1); // a cohort is active in its own week
    expect(members.json().top20Share).toBeGreaterThan(0.2);
    expect(members.json().lifecycle.active + members.json().lifecycle.churned).toBeGreaterThan(0);

    expect((await env.sys.modules.analytics.seedDemo()).events).toBe(0);
  });

  it('is for growth operators: a community manager is refused, and sees community health instead', async () => {
    const community = await operatorLogin(env.sys.app, 'community');
    const res = await call(env.sys.app, { url: '/api/v1/console/analytics/channels', token: community });
    expect(res.statusCode).toBe(403);
    const health = await call(env.sys.app, { url: '/api/v1/console/community/health', token: community });
    expect(health.statusCode, health.body).toBe(200);
    expect(health.json().items.length).toBeGreaterThan(0);
    // The demo has a group whose activity has been falling for weeks.
    expect(health.json().items.some((g: { stage: string }) => g.stage === 'declining')).toBe(true);
    const growth = await operatorLogin(env.sys.app, 'growth');
    expect((await call(env.sys.app, { url: '/api/v1/console/community/health', token: growth })).statusCode).toBe(403);
  });
});

describe('POST /api/v1/events', () => {
  it('keeps the valid events of a batch and drops the others with a code per event', async () => {
    const now = env.sys.clock.now().getTime();
    const id = anon();
    const ok = { name: 'page_view', anonymousId: id, timestamp: new Date(now).toISOString(), properties: { path: '/' } };
    const res = await post([
      ok,
      { name: 'registered', anonymousId: id, timestamp: now, properties: {} }, // business facts never come from the browser
      { name: 'page_view', anonymousId: id, timestamp: now + 3600_000 },
      { name: 'page_view', anonymousId: id, timestamp: now, properties: { blob: 'x'.repeat(5000) } },
      { name: 'page_view', anonymousId: 'short', timestamp: now },
      'not an object',
      { name: 'page_view', anonymousId: id, timestamp: now - 40 * 86_400_000 },
      { name: 'click', anonymousId: id, timestamp: now, properties: { target: 'buy', phone: '13912345678' } },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      accepted: 2,
      dropped: [
        { index: 1, code: 'UNKNOWN_EVENT' },
        { index: 2, code: 'FUTURE_TIMESTAMP' },
        { index: 3, code: 'PROPERTIES_TOO_LARGE' },
        { index: 4, code: 'MALFORMED' },
        { index: 5, code: 'MALFORMED' },
        { index: 6, code: 'TOO_OLD' },
      ],
    });
    expect(await count(sql`anonymous_id = ${id}`)).toBe(2);
    // No personal data in the store: a phone number in a property is masked.
    const click = await sql<{
      p: { phone: string };
    }>`SELECT properties AS p FROM analytics_events WHERE anonymous_id = ${id} AND name = 'click'`.execute(env.sys.database.db);
    expect(click.rows[0]!.p.phone).toBe('***');
  });

  it('drops what is beyond the batch size and everything a bot sends', async () => {
    const id = anon();
    const now = env.sys.clock.now().getTime();
    const many = Array.from({ length: 55 }, (_, i) => ({ name: 'page_view', anonymousId: id, timestamp: now - i * 1000 }));
    const res = await post(many);
    expect(res.json().accepted).toBe(50);
    expect(res.json().dropped).toHaveLength(5);
    expect(res.json().dropped[0]).toEqual({ index: 50, code: 'BATCH_TOO_LARGE' });
    const bot = await post([{ name: 'page_view', anonymousId: anon(), timestamp: now }], {
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0)' },
    });
    expect(bot.json()).toEqual({ accepted: 0, dropped: [{ index: 0, code: 'BOT' }] });
    const malformed = await call(env.sys.app, { method: 'POST', url: '/api/v1/events', body: { events: [] }, headers: UA });
    expect(malformed.statusCode).toBe(400);
  });
});

describe('stitching, server events, funnels and rollups', () => {
  it('attributes earlier anonymous events to the member who signs up, counts each step once, and rollups follow late events', async () => {
    const { sys } = env;
    // Outbox facts carry the database's time: run this story at the real time (the demo's months end before it).
    sys.clock.set(new Date());
    const admin = await operatorLogin(sys.app);
    const growth = await operatorLogin(sys.app, 'growth');
    const now = sys.clock.now().getTime();
    const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
    const from = shanghai(now - 3 * 3600_000);
    const to = shanghai(now);
    const a = anon();
    const b = anon();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3600_000).toISOString();
    // Two anonymous visitors from douyin; the first visits twice.
    const visit = (id: string, h: number) => ({
      name: 'page_view',
      anonymousId: id,
      timestamp: at(h),
      properties: { utm_source: 'douyin', path: '/' },
    });
    expect((await post([visit(a, 3), visit(a, 2), visit(b, 1)])).json().accepted).toBe(3);
    // The first registers (server fact from the outbox) and the browser, now signed in, sends with the same anonymous id.
    const member = await registerMember(sys.app, admin, freshPhone(), { channel: 'douyin' });
    await sys.platform.outbox.drainAll();
    expect(
      (
        await post([{ name: 'page_view', anonymousId: a, timestamp: at(-0.01), properties: { path: '/me' } }], { token: member.token })
      ).json().accepted,
    ).toBe(1);
    expect(await count(sql`member_id = ${member.memberId} AND name = 'registered'`)).toBe(1);

    const funnel = (body: object) => call(sys.app, { method: 'POST', url: '/api/v1/console/analytics/funnels', token: growth, body });
    const steps = [{ event: 'page_view', properties: { utm_source: 'douyin' } }, { event: 'registered' }];
    const res = await funnel({ steps, windowDays: 14, from, to, breakdown: 'channel' });
    expect(res.statusCode, res.body).toBe(200);
    // Visitor a's anonymous page views (before registering) and the member are one person: 2 entered, 1 registered.
    expect(res.json().steps.map((s: { count: number }) => s.count)).toEqual([2, 1]);
    expect(res.json().breakdown).toEqual([
      {
        value: 'douyin',
        steps: [
          { step: 1, count: 2 },
          { step: 2, count: 1 },
        ],
      },
    ]);

    // An investment fact from the outbox lands as `invested` with its amount (delivered twice, stored once).
    const eventId = await transact(sys.database.db, (trx) =>
      sys.platform.outbox.emit(trx, 'investing.purchased', {
        memberId: member.memberId,
        productId: 'p1',
        orderId: randomUUID(),
        amount: '500000',
        fundedBy: 'balance',
        source: null,
      }),
    );
    await sys.platform.outbox.drainAll();
    await sql`UPDATE outbox_events SET dispatched_at = NULL WHERE id = ${eventId}`.execute(sys.database.db);
    await sys.platform.outbox.drainAll();
    expect(await count(sql`member_id = ${member.memberId} AND name = 'invested' AND amount = 500000`)).toBe(1);
    const three = await funnel({ steps: [...steps, { event: 'invested' }], from, to });
    expect(three.json().steps.map((s: { count: number }) => s.count)).toEqual([2, 1, 1]);

    // The members who reached step 3 and not step 4 become a segment; anonymous visitor b is never in one.
    const seg = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/analytics/segments',
      token: growth,
      body: {
        name: '投资后未赎回',
        funnel: { steps: [...steps, { event: 'invested' }, { event: 'redeemed' }], from, to },
        droppedAfterStep: 3,
      },
    });
    expect(seg.statusCode, seg.body).toBe(201);
    expect(seg.json().members).toBe(1);
    expect(await sys.modules.analytics.segmentMembers(seg.json().id)).toEqual([member.memberId]);

    // Rollups: after a run they equal the raw query; a late event for an earlier day (and a stitch) re-aggregates it.
    const since = new Date(now - 5 * 86_400_000);
    const raw = async () =>
      (
        await sql<Record<string, string>>`
        SELECT to_char((e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day, e.name, COALESCE(e.channel, 'direct') AS channel,
          count(*)::text AS events, count(DISTINCT COALESCE(e.member_id::text, i.member_id::text, 'a:' || e.anonymous_id))::text AS people,
          COALESCE(sum(e.amount), 0)::text AS amount
        FROM analytics_events e LEFT JOIN analytics_identities i ON i.anonymous_id = e.anonymous_id
        WHERE (e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date >= (${since}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(sys.database.db)
      ).rows;
    const rolled = async () =>
      (
        await sql<Record<string, string>>`
        SELECT to_char(day, 'YYYY-MM-DD') AS day, name, channel, events::text, people::text, amount::text FROM analytics_daily
        WHERE day >= (${since}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date ORDER BY 1, 2, 3`.execute(sys.database.db)
      ).rows;
    await sys.modules.analytics.rollup(sys.clock.now());
    expect(await rolled()).toEqual(await raw());
    const before = await rolled();
    const dayOfB = shanghai(now - 3600_000);
    const douyinVisitors = async () =>
      (await rolled()).find((r) => r.day === dayOfB && r.name === 'page_view' && r.channel === 'douyin')!.people;
    expect(await douyinVisitors()).toBe('2');
    // Two days ago's visit arrives late from a third browser, and b signs in as the same member tomorrow.
    sys.clock.set(new Date(now + 86_400_000));
    await post([
      {
        name: 'page_view',
        anonymousId: anon(),
        timestamp: new Date(now - 2 * 86_400_000).toISOString(),
        properties: { utm_source: 'wechat' },
      },
    ]);
    await post([{ name: 'page_view', anonymousId: b, timestamp: sys.clock.now().toISOString() }], { token: member.token });
    expect(await rolled()).toEqual(before); // not yet rolled up
    const run = await sys.modules.analytics.rollup(sys.clock.now());
    expect(run.days).toBeGreaterThanOrEqual(3); // the late day, b's earlier day (stitched), tomorrow
    expect(await rolled()).toEqual(await raw());
    // b's earlier visit is now the member's: one douyin visitor that day, not two.
    expect(await douyinVisitors()).toBe('1');
    const core = await call(sys.app, {
      url: `/api/v1/console/analytics/core-metric?date=${to}&channel=douyin`,
      token: await operatorLogin(sys.app, 'growth'),
    });
    expect(core.statusCode, core.body).toBe(200);
    expect(core.json().current).toMatchObject({ amount: '500000', registrations: 1, investors: 1 });
    expect(core.json().watermark).toBe(sys.clock.now().toISOString());
  });

  it('growth operators enter channel costs (audited); negative amounts and inverted periods are refused', async () => {
    const growth = await operatorLogin(env.sys.app, 'growth');
    const put = (body: object) => call(env.sys.app, { method: 'PUT', url: '/api/v1/console/analytics/channel-costs', token: growth, body });
    const ok = await put({ channel: 'zhihu', from: '2026-10-01', to: '2026-10-31', amount: '123400' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await put({ channel: 'zhihu', from: '2026-10-01', to: '2026-10-31', amount: '200000' })).json().amount).toBe('200000');
    expect((await put({ channel: 'zhihu', from: '2026-10-01', to: '2026-10-31', amount: '-1' })).statusCode).toBe(400);
    const inverted = await put({ channel: 'zhihu', from: '2026-10-31', to: '2026-10-01', amount: '1' });
    expect(inverted.json().error.code).toBe('ANALYTICS_QUERY_INVALID');
    const audit = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM audit_log WHERE action = 'analytics.channel_cost_set' AND target_id = 'zhihu'`.execute(
      env.sys.database.db,
    );
    expect(Number(audit.rows[0]!.n)).toBe(2);
    const channels = await call(env.sys.app, { url: '/api/v1/console/analytics/channels?from=2026-10-01&to=2026-10-15', token: growth });
    // Half the period overlaps: the cost is pro-rated by days (15 of 31).
    expect(channels.json().items.find((c: { channel: string }) => c.channel === 'zhihu').cost).toBe(String(Math.round((200000 * 15) / 31)));
  });

  it('refuses an inverted range with a stable code', async () => {
    const growth = await operatorLogin(env.sys.app, 'growth');
    const res = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/analytics/funnels',
      token: growth,
      body: { steps: [{ event: 'page_view' }, { event: 'registered' }], from: '2027-03-10', to: '2027-03-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ANALYTICS_QUERY_INVALID');
  });
});
