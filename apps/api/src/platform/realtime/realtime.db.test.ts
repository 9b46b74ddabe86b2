import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { freshPhone, operatorLogin, registerMember } from '../../../test/flows.js';
import { events, openSocket } from '../../../test/ws-client.js';

let sys: TestSystem;
let admin: string;
let member: { token: string; memberId: string };
let other: { token: string; memberId: string };
beforeAll(async () => {
  sys = await createTestSystem({ demo: true, listen: true, backlog: { maxEvents: 100, maxAgeMs: 3600_000 } });
  admin = await operatorLogin(sys.app);
  member = await registerMember(sys.app, admin, freshPhone());
  other = await registerMember(sys.app, admin, freshPhone());
});
afterAll(() => sys?.close());

const wsUrl = (query = '') => `${sys.url.replace('http', 'ws')}/ws${query}`;
const ticket = async (token: string) =>
  (await call(sys.app, { method: 'POST', url: '/api/v1/realtime/tickets', token })).json().ticket as string;
const connect = async (token: string) => openSocket(wsUrl(`?ticket=${await ticket(token)}`));
const broadcast = (channel: string, name: string, data: unknown) =>
  call(sys.app, { method: 'POST', url: '/api/v1/console/realtime/broadcast', token: admin, body: { channel, name, data } });
/** Publishes straight to the channel log, as an outbox subscriber does after commit. */
const publish = (channel: string, n: number, prefix: string) =>
  Promise.all(Array.from({ length: n }, (_, i) => i)).then(async (is) => {
    for (const i of is) await sys.platform.realtime.publisher.publish(channel, 'tick', { i }, `${prefix}-${i}`);
  });

describe('authenticated channels', () => {
  it('delivers an operator broadcast to the member’s own channel, after commit, through the outbox', async () => {
    const socket = await connect(member.token);
    const channel = `user:${member.memberId}`;
    socket.send({ type: 'subscribe', channel, lastId: null });
    await socket.next((f) => f.type === 'subscribed' && f.channel === channel);
    expect((await broadcast(channel, 'notice', { text: '系统维护通知' })).statusCode).toBe(202);
    const event = await socket.next((f) => f.type === 'event' && f.name === 'notice');
    expect(event).toMatchObject({ channel, data: { text: '系统维护通知' } });
    expect(event.id).toMatch(/^\d+$/);
    const audit = await call(sys.app, { url: `/api/v1/console/audit-log?action=realtime.broadcast&targetId=${channel}`, token: admin });
    expect(audit.json().total).toBe(1);
    await socket.close();
  });

  it('refuses another member’s channel with FORBIDDEN and nothing else', async () => {
    const socket = await connect(member.token);
    const channel = `user:${other.memberId}`;
    socket.send({ type: 'subscribe', channel, lastId: null });
    expect(await socket.next((f) => f.type === 'error')).toEqual({ type: 'error', code: 'FORBIDDEN', channel });
    await broadcast(channel, 'secret', { x: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(events(socket, channel)).toHaveLength(0);
    await socket.close();
  });

  it('accepts the session cookie instead of a ticket, and refuses tickets used twice or too late', async () => {
    const cookie = await openSocket(wsUrl(), { cookie: `qz_session=${member.token}` });
    cookie.send({ type: 'ping', ts: 7 });
    expect(await cookie.next((f) => f.type === 'pong')).toEqual({ type: 'pong', ts: 7 });
    await cookie.close();

    const once = await ticket(member.token);
    (await openSocket(wsUrl(`?ticket=${once}`))).ws.close();
    const reused = await openSocket(wsUrl(`?ticket=${once}`));
    expect((await reused.closed).code).toBe(4401);
    const late = await ticket(member.token);
    sys.clock.advance(31_000);
    expect((await (await openSocket(wsUrl(`?ticket=${late}`))).closed).code).toBe(4401);
    expect((await (await openSocket(wsUrl())).closed).code).toBe(4401);
  });

  it('refuses a socket opened from a foreign origin', async () => {
    await expect(openSocket(wsUrl(`?ticket=${await ticket(member.token)}`), { origin: 'https://evil.example' })).rejects.toMatchObject({
      status: 403,
    });
  });

  it('lets an operator hear the channel of a role they hold, and only that', async () => {
    const op = (await call(sys.app, { method: 'POST', url: '/api/v1/console/realtime/tickets', token: admin })).json().ticket;
    const socket = await openSocket(wsUrl(`?ticket=${op}`));
    socket.send({ type: 'subscribe', channel: 'ops:admin', lastId: null });
    socket.send({ type: 'subscribe', channel: 'ops:risk', lastId: null });
    expect(await socket.next((f) => f.type === 'subscribed')).toMatchObject({ channel: 'ops:admin' });
    expect(await socket.next((f) => f.type === 'error')).toMatchObject({ code: 'FORBIDDEN', channel: 'ops:risk' });
    await socket.close();
  });
});

describe('ordering and resume', () => {
  it('a client that missed 50 events gets exactly those, in order, once', async () => {
    const channel = `user:${member.memberId}`;
    const first = await connect(member.token);
    first.send({ type: 'subscribe', channel, lastId: null });
    await first.next((f) => f.type === 'subscribed');
    await publish(channel, 3, 'before');
    const seen = await first.next((f) => f.type === 'event' && f.data.i === 2);
    await first.close();
    await publish(channel, 50, 'missed');
    const again = await connect(member.token);
    again.send({ type: 'subscribe', channel, lastId: seen.id });
    await again.next((f) => f.type === 'event' && f.data.i === 49 && f.name === 'tick' && events(again, channel).length >= 50);
    await publish(channel, 1, 'live');
    await again.next((f) => f.type === 'event' && Number(f.id) === Number(seen.id) + 51);
    const got = events(again, channel);
    expect(got.map((f) => Number(f.id))).toEqual(Array.from({ length: 51 }, (_, i) => Number(seen.id) + 1 + i));
    expect(got.slice(0, 50).map((f) => f.data.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await again.close();
  });

  it('tells a client whose id the backlog no longer covers to resync', async () => {
    const channel = `user:${other.memberId}`;
    await publish(channel, 120, 'overflow');
    const socket = await connect(other.token);
    socket.send({ type: 'subscribe', channel, lastId: '3' });
    expect(await socket.next((f) => f.type !== 'pong')).toMatchObject({ type: 'resync', channel });
    const resync = socket.frames.find((f) => f.type === 'resync');
    expect(Number(resync.lastId)).toBeGreaterThanOrEqual(120);
    expect(events(socket, channel)).toHaveLength(0);
    await socket.close();
  });

  it('delivers an event dispatched twice only once, with one id', async () => {
    const channel = `user:${member.memberId}`;
    const socket = await connect(member.token);
    socket.send({ type: 'subscribe', channel, lastId: null });
    await socket.next((f) => f.type === 'subscribed');
    await sys.platform.realtime.publisher.publish(channel, 'once', { n: 1 }, 'same-outbox-event');
    await sys.platform.realtime.publisher.publish(channel, 'once', { n: 1 }, 'same-outbox-event');
    await socket.next((f) => f.name === 'once');
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.frames.filter((f) => f.name === 'once')).toHaveLength(1);
    await socket.close();
  });
});

describe('bad input and hygiene', () => {
  it('answers malformed and unknown frames with BAD_FRAME, closes on oversize frames and floods, and keeps serving others', async () => {
    const bystander = await connect(other.token);
    const channel = `user:${other.memberId}`;
    bystander.send({ type: 'subscribe', channel, lastId: null });
    await bystander.next((f) => f.type === 'subscribed');

    const socket = await connect(member.token);
    socket.send('{not json');
    socket.send({ type: 'shout' });
    socket.send({ type: 'subscribe', channel: 'nowhere:1' });
    await socket.next((f) => f.type === 'error' && socket.frames.filter((x) => x.code === 'BAD_FRAME').length === 3);
    socket.send('x'.repeat(5000));
    expect((await socket.closed).code).toBe(1009);

    const flooder = await connect(member.token);
    for (let i = 0; i < 200; i++) flooder.send({ type: 'ping' });
    expect((await flooder.closed).code).toBe(4429);
    expect(flooder.frames.some((f) => f.code === 'RATE_LIMITED')).toBe(true);

    await publish(channel, 1, 'after-abuse');
    await bystander.next((f) => f.type === 'event');
    await bystander.close();
  });

  it('drops a client that stops reading, without slowing the others', async () => {
    const channel = `user:${member.memberId}`;
    const slow = await connect(member.token);
    const fast = await connect(member.token);
    for (const s of [slow, fast]) s.send({ type: 'subscribe', channel, lastId: null });
    await slow.next((f) => f.type === 'subscribed');
    await fast.next((f) => f.type === 'subscribed');
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = 'x'.repeat(16_000);
    for (let i = 0; i < 800; i++) {
      await sys.platform.realtime.publisher.publish(channel, 'bulk', { big, i }, `bulk-${i}`);
      // Let the healthy client read as a real one would; the paused one cannot.
      await new Promise((r) => setImmediate(r));
    }
    await fast.next((f) => f.name === 'bulk' && f.data.i === 799, 20_000);
    expect(fast.frames.filter((f) => f.name === 'bulk')).toHaveLength(800);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await slow.closed).code).toBe(4008);
    await fast.close();
  });

  it('tells connected clients to reconnect when the server shuts down', async () => {
    const own = await createTestSystem({ demo: true, listen: true });
    const login = await call(own.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { phone: '13800000001', password: 'Quanzi2026' },
    });
    const socket = await openSocket(`${own.url.replace('http', 'ws')}/ws`, { cookie: `qz_session=${login.json().token}` });
    const closing = own.close();
    expect(await socket.next((f) => f.type === 'reconnect')).toMatchObject({ type: 'reconnect' });
    expect((await socket.closed).code).toBe(1001);
    await closing;
  });
});
