import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { freshPhone, operatorLogin, PASSWORD, registerMember } from '../../../test/flows.js';
import { events, openSocket, type TestSocket } from '../../../test/ws-client.js';

/** Issue 12 item 1: a socket lives only as long as the session that opened it. */
let sys: TestSystem;
let admin: string;
beforeAll(async () => {
  sys = await createTestSystem({ demo: true, listen: true });
  admin = await operatorLogin(sys.app);
});
afterAll(() => sys?.close());

const wsUrl = (query = '') => `${sys.url.replace('http', 'ws')}/ws${query}`;
const memberTicket = async (token: string) => {
  const res = await call(sys.app, { method: 'POST', url: '/api/v1/realtime/tickets', token });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket as string;
};
const operatorTicket = async (token: string) => {
  const res = await call(sys.app, { method: 'POST', url: '/api/v1/console/realtime/tickets', token });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket as string;
};
const broadcast = (channel: string, name: string) =>
  call(sys.app, { method: 'POST', url: '/api/v1/console/realtime/broadcast', token: admin, body: { channel, name, data: {} } });

/** A member signed in on two devices: `first` from registration, `second` from a login. */
async function memberOnTwoDevices() {
  const phone = freshPhone();
  const first = await registerMember(sys.app, admin, phone);
  const login = await call(sys.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    body: { phone, password: PASSWORD, deviceId: 'phone-2' },
  });
  expect(login.statusCode, login.body).toBe(200);
  const second = login.json().token as string;
  const devices = (await call(sys.app, { url: '/api/v1/me/sessions', token: first.token })).json().items as Array<{
    id: string;
    current: boolean;
  }>;
  const secondSessionId = devices.find((d) => !d.current)!.id;
  return { memberId: first.memberId, first: first.token, second, secondSessionId };
}

async function subscribed(socket: TestSocket, channel: string) {
  socket.send({ type: 'subscribe', channel, lastId: null });
  await socket.next((f) => f.type === 'subscribed' && f.channel === channel);
}

/** Resolves with the close code if the socket closes within `ms`, else fails. */
async function closedWithin(socket: TestSocket, ms: number): Promise<number> {
  const started = Date.now();
  const result = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
  if (!result) throw new Error(`socket still open after ${ms} ms`);
  expect(Date.now() - started).toBeLessThan(ms);
  return result.code;
}

describe('tickets are bound to the session that fetched them', () => {
  it('refuses a ticket fetched before its device was signed out from another device', async () => {
    const m = await memberOnTwoDevices();
    const ticket = await memberTicket(m.second);
    const revoke = await call(sys.app, { method: 'DELETE', url: `/api/v1/me/sessions/${m.secondSessionId}`, token: m.first });
    expect(revoke.statusCode, revoke.body).toBe(204);
    expect(await closedWithin(await openSocket(wsUrl(`?ticket=${ticket}`)), 2000)).toBe(4401);
  });

  it('refuses a ticket fetched before logout', async () => {
    const m = await memberOnTwoDevices();
    const ticket = await memberTicket(m.second);
    expect((await call(sys.app, { method: 'POST', url: '/api/v1/auth/logout', token: m.second })).statusCode).toBe(204);
    expect(await closedWithin(await openSocket(wsUrl(`?ticket=${ticket}`)), 2000)).toBe(4401);
    // The other device's tickets still work.
    const other = await openSocket(wsUrl(`?ticket=${await memberTicket(m.first)}`));
    await subscribed(other, `user:${m.memberId}`);
    await other.close();
  });

  it('refuses an operator ticket fetched before the console logout', async () => {
    const token = await operatorLogin(sys.app);
    const ticket = await operatorTicket(token);
    expect((await call(sys.app, { method: 'POST', url: '/api/v1/console/auth/logout', token })).statusCode).toBe(204);
    expect(await closedWithin(await openSocket(wsUrl(`?ticket=${ticket}`)), 2000)).toBe(4401);
  });
});

describe('open sockets end with their session, within a second', () => {
  it('closes the revoked device’s socket with 4401 and delivers it nothing more; the other device stays', async () => {
    const m = await memberOnTwoDevices();
    const channel = `user:${m.memberId}`;
    const revokedSocket = await openSocket(wsUrl(`?ticket=${await memberTicket(m.second)}`));
    const keptSocket = await openSocket(wsUrl(`?ticket=${await memberTicket(m.first)}`));
    await subscribed(revokedSocket, channel);
    await subscribed(keptSocket, channel);
    const revoke = await call(sys.app, { method: 'DELETE', url: `/api/v1/me/sessions/${m.secondSessionId}`, token: m.first });
    expect(revoke.statusCode).toBe(204);
    expect(await closedWithin(revokedSocket, 1000)).toBe(4401);
    expect((await broadcast(channel, 'after-revoke')).statusCode).toBe(202);
    await keptSocket.next((f) => f.name === 'after-revoke');
    expect(events(revokedSocket, channel)).toHaveLength(0);
    await keptSocket.close();
  });

  it('closes the socket of a session that logged out, also one opened by cookie', async () => {
    const m = await memberOnTwoDevices();
    const byTicket = await openSocket(wsUrl(`?ticket=${await memberTicket(m.second)}`));
    const byCookie = await openSocket(wsUrl(), { cookie: `qz_session=${m.second}` });
    await subscribed(byTicket, `user:${m.memberId}`);
    await subscribed(byCookie, `user:${m.memberId}`);
    expect((await call(sys.app, { method: 'POST', url: '/api/v1/auth/logout', token: m.second })).statusCode).toBe(204);
    expect(await closedWithin(byTicket, 1000)).toBe(4401);
    expect(await closedWithin(byCookie, 1000)).toBe(4401);
  });

  it('closes every socket of a closed account', async () => {
    const m = await memberOnTwoDevices();
    const a = await openSocket(wsUrl(`?ticket=${await memberTicket(m.first)}`));
    const b = await openSocket(wsUrl(`?ticket=${await memberTicket(m.second)}`));
    const closure = await call(sys.app, { method: 'POST', url: '/api/v1/me/closure', token: m.first, body: { password: PASSWORD } });
    expect(closure.statusCode, closure.body).toBe(204);
    expect(await closedWithin(a, 1000)).toBe(4401);
    expect(await closedWithin(b, 1000)).toBe(4401);
  });

  it('drops an ops:<role> channel when the operator loses the role, keeps the rest, and closes when disabled', async () => {
    const username = `rt.ops.${Date.now() % 100000}`;
    const created = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/operators',
      token: admin,
      body: { username, displayName: '实时测试', password: 'Quanzi2026', roles: ['risk', 'compliance'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const token = await operatorLogin(sys.app, username, 'Quanzi2026');
    const socket = await openSocket(wsUrl(`?ticket=${await operatorTicket(token)}`));
    await subscribed(socket, 'ops:risk');
    await subscribed(socket, 'ops:compliance');

    const started = Date.now();
    const patch = await call(sys.app, {
      method: 'PATCH',
      url: `/api/v1/console/operators/${id}`,
      token: admin,
      body: { roles: ['compliance'] },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(await socket.next((f) => f.type === 'error', 1000)).toEqual({ type: 'error', code: 'FORBIDDEN', channel: 'ops:risk' });
    expect(Date.now() - started).toBeLessThan(1000);
    await broadcast('ops:risk', 'risk-only');
    await broadcast('ops:compliance', 'still-compliance');
    await socket.next((f) => f.name === 'still-compliance');
    expect(events(socket, 'ops:risk')).toHaveLength(0);
    // The removed role cannot be subscribed again on the same socket.
    socket.send({ type: 'subscribe', channel: 'ops:risk', lastId: null });
    await socket.next((f) => f.type === 'error' && socket.frames.filter((x) => x.type === 'error').length === 2);

    const disable = await call(sys.app, {
      method: 'PATCH',
      url: `/api/v1/console/operators/${id}`,
      token: admin,
      body: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(await closedWithin(socket, 1000)).toBe(4401);
  });

  it('closes an operator’s socket at console logout', async () => {
    const token = await operatorLogin(sys.app);
    const socket = await openSocket(wsUrl(`?ticket=${await operatorTicket(token)}`));
    await subscribed(socket, 'ops:admin');
    expect((await call(sys.app, { method: 'POST', url: '/api/v1/console/auth/logout', token })).statusCode).toBe(204);
    expect(await closedWithin(socket, 1000)).toBe(4401);
  });

  it('a session that ended without a notice (lost broadcast) is still caught by the heartbeat check', async () => {
    const m = await memberOnTwoDevices();
    const socket = await openSocket(wsUrl(`?ticket=${await memberTicket(m.second)}`));
    await subscribed(socket, `user:${m.memberId}`);
    // Revoke behind the module's back: no invalidation is published.
    await sys.database.pool.query('UPDATE member_sessions SET revoked_at = now() WHERE id = $1', [m.secondSessionId]);
    await new Promise((r) => setTimeout(r, 100));
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    await sys.app.realtimeHub.recheckAll();
    expect(await closedWithin(socket, 1000)).toBe(4401);
  });
});
