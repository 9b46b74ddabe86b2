import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { verifiedMembers } from '../../../test/wallet-flows.js';

const env = useDemoSystem();
let manager: string;
beforeAll(async () => {
  manager = await operatorLogin(env.sys.app, 'community');
});

const minutesAhead = (m: number) => new Date(env.sys.clock.now().getTime() + m * 60_000).toISOString();
const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string, body?: unknown) =>
  call(env.sys.app, { method, url, token, body });

async function schedule(extra: Record<string, unknown> = {}) {
  const res = await send('POST', '/api/v1/console/live', manager, {
    title: '稳健理财入门',
    hostName: '理财师·王磊',
    streamUrl: 'https://live.example.com/room/1',
    scheduledAt: minutesAhead(30),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; scheduledAt: string };
}

const inbox = async (token: string) => {
  await env.sys.platform.outbox.drainAll();
  return (await send('GET', '/api/v1/me/inbox?kind=live_reminder', token)).json().items as Array<{ title: string; link: string }>;
};
const reminderJob = () => env.sys.modules.live.cronJobs.find((j) => j.name === 'live-reminders')!;

describe('scheduling live sessions', () => {
  it('lets community managers schedule and edit (audited), refuses growth, plain http and a start in the past', async () => {
    const body = { title: '基金定投答疑', hostName: '理财师·王磊', streamUrl: 'https://live.example.com/x', scheduledAt: minutesAhead(60) };
    const growth = await operatorLogin(env.sys.app, 'growth');
    const refused = await send('POST', '/api/v1/console/live', growth, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect((await call(env.sys.app, { method: 'POST', url: '/api/v1/console/live', body })).statusCode).toBe(401);

    for (const streamUrl of ['http://live.example.com/x', 'javascript:alert(1)', 'https://user:pw@live.example.com/', 'https:/x']) {
      const bad = await send('POST', '/api/v1/console/live', manager, { ...body, streamUrl });
      expect(bad.statusCode, streamUrl).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    }
    const past = await send('POST', '/api/v1/console/live', manager, { ...body, scheduledAt: minutesAhead(-1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual([{ field: 'body.scheduledAt', issue: 'must be in the future' }]);
    expect((await send('POST', '/api/v1/console/live', manager, { ...body, extra: 1 })).statusCode).toBe(400);

    const session = await schedule(body);
    expect(session).toMatchObject({ title: '基金定投答疑', status: 'scheduled', hostMemberId: null, subscriberCount: 0, recap: null });
    const edited = await send('PATCH', `/api/v1/console/live/${session.id}`, manager, { title: '基金定投答疑（第二期）' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().title).toBe('基金定投答疑（第二期）');
    expect((await send('PATCH', `/api/v1/console/live/${session.id}`, manager, {})).statusCode).toBe(400);
    expect((await send('PATCH', `/api/v1/console/live/${crypto.randomUUID()}`, manager, { title: '不存在' })).statusCode).toBe(404);

    const audit = await send('GET', `/api/v1/console/audit-log?targetId=${session.id}`, env.admin);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['live.updated', 'live.scheduled']);
    expect(audit.json().items[0]).toMatchObject({ actorName: '社区经理·周宁' });

    const list = await send('GET', '/api/v1/console/live?status=scheduled', manager);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.find((s: { id: string }) => s.id === session.id)).toMatchObject({ commentCount: 0, questionCount: 0 });
    expect((await send('GET', '/api/v1/console/live', growth)).statusCode).toBe(403);
  });
});

describe('预约 and reminders', () => {
  it('reminds each subscriber once, ten minutes before the start, unless they switched live reminders off', async () => {
    const [a, b, c] = await verifiedMembers(env.sys, 3);
    const session = await schedule({ scheduledAt: minutesAhead(30) });
    const url = `/api/v1/live/${session.id}/subscription`;
    expect((await send('POST', url, a!.token)).json()).toEqual({ subscribed: true, subscriberCount: 1 });
    expect((await send('POST', url, a!.token)).json()).toEqual({ subscribed: true, subscriberCount: 1 });
    await send('POST', url, b!.token);
    await send('POST', url, c!.token);
    expect((await send('DELETE', url, c!.token)).json()).toEqual({ subscribed: false, subscriberCount: 2 });
    const off = await send('PUT', '/api/v1/me/notification-preferences', b!.token, { kind: 'live_reminder', inApp: false });
    expect(off.statusCode, off.body).toBe(200);

    const detail = (await send('GET', `/api/v1/live/${session.id}`, a!.token)).json();
    expect(detail).toMatchObject({ subscribed: true, isHost: false, subscriberCount: 2 });
    expect((await send('GET', `/api/v1/live/${session.id}`, c!.token)).json().subscribed).toBe(false);

    // 30 minutes ahead: too early.
    await reminderJob().run(env.sys.clock.now());
    expect(await inbox(a!.token)).toEqual([]);

    env.sys.clock.advance(21 * 60_000);
    await reminderJob().run(env.sys.clock.now());
    const reminders = await inbox(a!.token);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ title: '直播即将开始：稳健理财入门', link: `/community/live/${session.id}` });
    expect(await inbox(b!.token)).toEqual([]);
    expect(await inbox(c!.token)).toEqual([]);

    // Once only, however often the job runs.
    env.sys.clock.advance(60_000);
    await reminderJob().run(env.sys.clock.now());
    expect(await inbox(a!.token)).toHaveLength(1);

    // Going live is the second (and last) notice.
    const started = await send('POST', `/api/v1/console/live/${session.id}/start`, manager);
    expect(started.statusCode, started.body).toBe(200);
    expect((await inbox(a!.token)).map((n) => n.title)).toEqual(['直播开始了：稳健理财入门', '直播即将开始：稳健理财入门']);
    expect(await inbox(b!.token)).toEqual([]);
  });

  it('lists live sessions first, then scheduled; past ones carry their recap; cancelling tells subscribers', async () => {
    const [m] = await verifiedMembers(env.sys, 1);
    const later = await schedule({ title: '可转债入门', scheduledAt: minutesAhead(120) });
    const now = await schedule({ title: '年终理财规划', scheduledAt: minutesAhead(90) });
    expect((await send('POST', `/api/v1/console/live/${now.id}/start`, manager)).statusCode).toBe(200);

    let list = (await send('GET', '/api/v1/live', m!.token)).json();
    const statuses: string[] = list.upcoming.map((s: { status: string }) => s.status);
    expect(statuses.lastIndexOf('live')).toBeLessThan(statuses.indexOf('scheduled'));
    const ids = list.upcoming.map((s: { id: string }) => s.id);
    expect(list.upcoming[ids.indexOf(now.id)].status).toBe('live');
    expect(ids.indexOf(now.id)).toBeLessThan(ids.indexOf(later.id));

    expect((await send('POST', `/api/v1/console/live/${now.id}/end`, manager)).statusCode).toBe(200);
    await send('POST', `/api/v1/live/${later.id}/subscription`, m!.token);
    const cancelled = await send('POST', `/api/v1/console/live/${later.id}/cancel`, manager);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await inbox(m!.token))[0]).toMatchObject({ title: '直播已取消：可转债入门', link: `/community/live/${later.id}` });

    list = (await send('GET', '/api/v1/live', m!.token)).json();
    expect(list.upcoming.map((s: { id: string }) => s.id)).not.toContain(now.id);
    const past = new Map(list.past.map((s: { id: string }) => [s.id, s]));
    expect(past.get(now.id)).toMatchObject({ status: 'ended', recap: { link: expect.stringMatching(/^\/community\//) } });
    expect(past.get(later.id)).toMatchObject({ status: 'cancelled', recap: null });

    // Nothing moves backwards.
    for (const [method, url] of [
      ['POST', `/api/v1/live/${later.id}/subscription`],
      ['POST', `/api/v1/console/live/${later.id}/start`],
      ['POST', `/api/v1/console/live/${now.id}/start`],
      ['POST', `/api/v1/console/live/${now.id}/cancel`],
      ['PATCH', `/api/v1/console/live/${now.id}`],
    ] as const) {
      const token = url.includes('/console/') ? manager : m!.token;
      const res = await send(method, url, token, method === 'PATCH' ? { title: '改不了' } : undefined);
      expect(res.statusCode, url).toBe(409);
      expect(res.json().error.code).toBe('LIVE_STATE_CONFLICT');
    }
    expect((await send('GET', `/api/v1/live/${crypto.randomUUID()}`, m!.token)).statusCode).toBe(404);
    expect((await send('GET', '/api/v1/live/not-a-uuid', m!.token)).statusCode).toBe(400);
    expect((await call(env.sys.app, { url: '/api/v1/live' })).statusCode).toBe(401);
  });
});
