import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { freshPhone, operatorLogin, PASSWORD, registerMember } from '../../../test/flows.js';
import { events, openSocket } from '../../../test/ws-client.js';
import { connectRedis, type Redis } from '../redis.js';

const url = process.env.QUANZI_TEST_REDIS_URL ?? process.env.REDIS_URL;

/** Two instances, one PostgreSQL, one Redis: any instance serves any client. */
describe.runIf(url)('real-time across instances joined by Redis', () => {
  let a: TestSystem;
  let b: TestSystem;
  const clients: Redis[] = [];
  let member: { token: string; memberId: string };
  beforeAll(async () => {
    clients.push(connectRedis(url!), connectRedis(url!));
    a = await createTestSystem({ demo: true, listen: true, redis: clients[0] });
    b = await createTestSystem({ listen: true, redis: clients[1], database: a.database, realtimePrefix: a.database.name });
    member = await registerMember(a.app, await operatorLogin(a.app), freshPhone());
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    for (const c of clients) await c.quit();
  });

  const ws = (sys: TestSystem) => `${sys.url.replace('http', 'ws')}/ws`;
  const ticketFrom = async (sys: TestSystem) =>
    (await call(sys.app, { method: 'POST', url: '/api/v1/realtime/tickets', token: member.token })).json().ticket;

  it('a client on A receives what an operator published through B', async () => {
    const channel = `user:${member.memberId}`;
    const socket = await openSocket(`${ws(a)}?ticket=${await ticketFrom(a)}`);
    socket.send({ type: 'subscribe', channel, lastId: null });
    await socket.next((f) => f.type === 'subscribed');
    const admin = await operatorLogin(b.app);
    expect(
      (
        await call(b.app, {
          method: 'POST',
          url: '/api/v1/console/realtime/broadcast',
          token: admin,
          body: { channel, name: 'from-b', data: { ok: true } },
        })
      ).statusCode,
    ).toBe(202);
    expect(await socket.next((f) => f.name === 'from-b')).toMatchObject({ channel, data: { ok: true } });
    await socket.close();
  });

  it('a client that missed 50 events resumes on the other instance with exactly those, in order, once', async () => {
    const channel = `user:${member.memberId}`;
    const onA = await openSocket(`${ws(a)}?ticket=${await ticketFrom(a)}`);
    onA.send({ type: 'subscribe', channel, lastId: null });
    const subscribed = await onA.next((f) => f.type === 'subscribed');
    await onA.close();
    // Published through both instances while the client is away; ids come from one Redis counter.
    for (let i = 0; i < 50; i++) await (i % 2 ? a : b).platform.realtime.publisher.publish(channel, 'missed', { i }, `missed-${i}`);
    const onB = await openSocket(`${ws(b)}?ticket=${await ticketFrom(b)}`);
    onB.send({ type: 'subscribe', channel, lastId: subscribed.lastId });
    await onB.next((f) => f.name === 'missed' && f.data.i === 49);
    await a.platform.realtime.publisher.publish(channel, 'live', {}, 'live-after-resume');
    await onB.next((f) => f.name === 'live');
    const got = events(onB, channel);
    const first = Number(subscribed.lastId) + 1;
    expect(got.map((f) => Number(f.id))).toEqual(Array.from({ length: 51 }, (_, i) => first + i));
    expect(got.slice(0, 50).map((f) => f.data.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await onB.close();
  });

  it('an event dispatched on both instances is delivered once, with one id', async () => {
    const channel = `user:${member.memberId}`;
    const socket = await openSocket(`${ws(a)}?ticket=${await ticketFrom(a)}`);
    socket.send({ type: 'subscribe', channel, lastId: null });
    await socket.next((f) => f.type === 'subscribed');
    const [x, y] = await Promise.all([
      a.platform.realtime.publisher.publish(channel, 'dup', {}, 'one-outbox-event'),
      b.platform.realtime.publisher.publish(channel, 'dup', {}, 'one-outbox-event'),
    ]);
    expect([x, y].filter(Boolean)).toHaveLength(1);
    await socket.next((f) => f.name === 'dup');
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.frames.filter((f) => f.name === 'dup')).toHaveLength(1);
    await socket.close();
  });

  it('signing a device out on A closes its socket on B within a second (the invalidation bus over Redis)', async () => {
    const phone = freshPhone();
    const first = await registerMember(a.app, await operatorLogin(a.app), phone);
    const login = await call(b.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone, password: PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const second = login.json().token as string;
    const ticket = (await call(b.app, { method: 'POST', url: '/api/v1/realtime/tickets', token: second })).json().ticket;
    const onB = await openSocket(`${ws(b)}?ticket=${ticket}`);
    onB.send({ type: 'subscribe', channel: `user:${first.memberId}`, lastId: null });
    await onB.next((f) => f.type === 'subscribed');
    const devices = (await call(a.app, { url: '/api/v1/me/sessions', token: first.token })).json().items as Array<{
      id: string;
      current: boolean;
    }>;
    const started = Date.now();
    const revoke = await call(a.app, {
      method: 'DELETE',
      url: `/api/v1/me/sessions/${devices.find((d) => !d.current)!.id}`,
      token: first.token,
    });
    expect(revoke.statusCode).toBe(204);
    const closed = await Promise.race([onB.closed, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
    expect(closed?.code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('removing an operator’s role on A drops that ops: channel on B within a second', async () => {
    const admin = await operatorLogin(a.app);
    const username = `rt.redis.${Date.now() % 100000}`;
    const created = await call(a.app, {
      method: 'POST',
      url: '/api/v1/console/operators',
      token: admin,
      body: { username, displayName: '跨实例', password: 'Quanzi2026', roles: ['risk', 'finance'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = await operatorLogin(b.app, username, 'Quanzi2026');
    const ticket = (await call(b.app, { method: 'POST', url: '/api/v1/console/realtime/tickets', token })).json().ticket;
    const onB = await openSocket(`${ws(b)}?ticket=${ticket}`);
    onB.send({ type: 'subscribe', channel: 'ops:risk', lastId: null });
    await onB.next((f) => f.type === 'subscribed');
    const patch = await call(a.app, {
      method: 'PATCH',
      url: `/api/v1/console/operators/${created.json().id}`,
      token: admin,
      body: { roles: ['finance'] },
    });
    expect(patch.statusCode).toBe(200);
    expect(await onB.next((f) => f.type === 'error', 1000)).toEqual({ type: 'error', code: 'FORBIDDEN', channel: 'ops:risk' });
    await onB.close();
  });
});
