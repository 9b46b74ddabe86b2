import { RealtimeClient, type ConnectionState, type RealtimeEvent, type SocketLike } from '@quanzi/realtime-client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, ORIGIN, type TestSystem } from '../../../test/harness.js';
import { freshPhone, operatorLogin, PASSWORD, registerMember } from '../../../test/flows.js';

let sys: TestSystem;
let member: { token: string; memberId: string; phone: string };
beforeAll(async () => {
  sys = await createTestSystem({ demo: true, listen: true });
  const phone = freshPhone();
  member = { ...(await registerMember(sys.app, await operatorLogin(sys.app), phone)), phone };
});
afterAll(() => sys?.close());

const until = async (predicate: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the browser client (@quanzi/realtime-client)', () => {
  it('resumes after a drop without losing or repeating an event, and reports its state', async () => {
    const states: ConnectionState[] = [];
    const received: RealtimeEvent[] = [];
    const client = new RealtimeClient({
      url: `${sys.url.replace('http', 'ws')}/ws`,
      ticket: async () => (await call(sys.app, { method: 'POST', url: '/api/v1/realtime/tickets', token: member.token })).json().ticket,
      createSocket: (url) => new WebSocket(url, { headers: { origin: ORIGIN } }) as unknown as SocketLike,
      baseDelayMs: 50,
      onState: (s) => states.push(s),
    });
    const channel = `user:${member.memberId}`;
    client.subscribe(channel, (e) => received.push(e));
    client.start();
    await until(() => client.connectionState === 'open');
    await new Promise((r) => setTimeout(r, 100));
    const publish = (i: number) => sys.platform.realtime.publisher.publish(channel, 'n', { i }, `client-${i}`);
    for (let i = 0; i < 5; i++) await publish(i);
    await until(() => received.length === 5);
    client.drop();
    for (let i = 5; i < 25; i++) await publish(i);
    await until(() => received.length === 25);
    // A dropped socket may still deliver what was in flight before its close event: wait for the
    // client to notice the drop and come back before reading the states.
    await until(() => states.includes('reconnecting') && client.connectionState === 'open');
    expect(received.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(states).toEqual(expect.arrayContaining(['connecting', 'open', 'reconnecting']));
    client.stop();
  });

  it('reports signed-out and stops reconnecting when its session is signed out', async () => {
    const states: ConnectionState[] = [];
    let tickets = 0;
    const login = await call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: member.phone, password: PASSWORD } });
    const token = login.json().token as string;
    let signedOut = false;
    const client = new RealtimeClient({
      url: `${sys.url.replace('http', 'ws')}/ws`,
      ticket: async () => (tickets++, (await call(sys.app, { method: 'POST', url: '/api/v1/realtime/tickets', token })).json().ticket),
      createSocket: (url) => new WebSocket(url, { headers: { origin: ORIGIN } }) as unknown as SocketLike,
      baseDelayMs: 50,
      onState: (s) => states.push(s),
      onSignedOut: () => (signedOut = true),
    });
    client.subscribe(`user:${member.memberId}`, () => undefined);
    client.start();
    await until(() => client.connectionState === 'open');
    expect((await call(sys.app, { method: 'POST', url: '/api/v1/auth/logout', token })).statusCode).toBe(204);
    await until(() => client.connectionState === 'signed-out', 1000);
    await new Promise((r) => setTimeout(r, 500));
    expect(signedOut).toBe(true);
    expect(tickets).toBe(1);
    expect(states).not.toContain('reconnecting');
    client.stop();
  });
});
