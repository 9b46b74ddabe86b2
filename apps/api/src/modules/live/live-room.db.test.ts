import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { verifiedMembers } from '../../../test/wallet-flows.js';
import { events, openSocket, type TestSocket } from '../../../test/ws-client.js';

// Listening: the outbox dispatcher runs, so room events reach sockets as they do in production.
const env = useDemoSystem({ listen: true });
type Member = { token: string; memberId: string };
let manager: string;
let host: Member;
let a: Member;
let b: Member;
let sessionId: string;
let socket: TestSocket;

const send = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, body?: unknown) =>
  call(env.sys.app, { method, url, token, body });
const comment = (token: string, body: unknown) => send('POST', `/api/v1/live/${sessionId}/comments`, token, { body });
const ask = (token: string, body: string) => send('POST', `/api/v1/live/${sessionId}/questions`, token, { body });
const roomEvents = (name: string) => events(socket, `live:${sessionId}`).filter((f) => f.name === name);

beforeAll(async () => {
  manager = await operatorLogin(env.sys.app, 'community');
  const members = await verifiedMembers(env.sys, 3);
  [host, a, b] = [members[0]!, members[1]!, members[2]!];
  const res = await send('POST', '/api/v1/console/live', manager, {
    title: '养老理财怎么选',
    description: '聊聊养老理财产品的期限、风险和流动性。',
    hostName: '理财师·王磊',
    hostMemberId: host.memberId,
    streamUrl: 'https://live.example.com/room/42',
    scheduledAt: new Date(env.sys.clock.now().getTime() + 3600_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  sessionId = res.json().id;
  const ticket = (await send('POST', '/api/v1/realtime/tickets', a.token)).json().ticket;
  socket = await openSocket(`${env.sys.url.replace('http', 'ws')}/ws?ticket=${ticket}`);
});
afterAll(() => socket?.close());

describe('the live room', () => {
  it('opens when the host goes live; only the host or a manager may start it', async () => {
    expect((await comment(a.token, '还没开始吗')).json().error.code).toBe('LIVE_STATE_CONFLICT');
    const refused = await send('POST', `/api/v1/live/${sessionId}/start`, a.token);
    expect(refused.statusCode).toBe(403);

    socket.send({ type: 'subscribe', channel: `live:${sessionId}`, lastId: null });
    await socket.next((f) => f.type === 'subscribed' && f.channel === `live:${sessionId}`);
    const unknown = `live:${crypto.randomUUID()}`;
    socket.send({ type: 'subscribe', channel: unknown, lastId: null });
    expect(await socket.next((f) => f.type === 'error' && f.channel === unknown)).toMatchObject({ code: 'FORBIDDEN' });

    const started = await send('POST', `/api/v1/live/${sessionId}/start`, host.token);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'live', startedAt: env.sys.clock.now().toISOString() });
    const state = await socket.next((f) => f.type === 'event' && f.name === 'live.state');
    expect(state.data.session).toMatchObject({ id: sessionId, status: 'live' });
    expect((await send('GET', `/api/v1/live/${sessionId}`, host.token)).json().isHost).toBe(true);
  });

  it('delivers comments over live:<id> and holds each member to one comment per 3 seconds', async () => {
    const first = await comment(b.token, '老师好，想问问养老理财的封闭期');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ body: '老师好，想问问养老理财的封闭期', status: 'visible', warning: null });
    expect(first.json().author.id).toBe(b.memberId);
    const heard = await socket.next((f) => f.type === 'event' && f.name === 'live.comment');
    expect(heard.data).toEqual({ action: 'created', comment: first.json() });

    const flood = await comment(b.token, '再问一个');
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error.code).toBe('SLOW_MODE');
    expect(flood.headers['retry-after']).toBe('3');
    expect(flood.json().error.message).toContain('3');
    // Another member is not slowed by b.
    expect((await comment(a.token, '<script>alert(1)</script>')).json().body).toBe('<script>alert(1)</script>');
    env.sys.clock.advance(3_000);
    expect((await comment(b.token, '再问一个')).statusCode).toBe(201);

    const history = (await send('GET', `/api/v1/live/${sessionId}/comments`, a.token)).json();
    expect(history.items.map((c: { body: string }) => c.body)).toEqual([
      '老师好，想问问养老理财的封闭期',
      '<script>alert(1)</script>',
      '再问一个',
    ]);
    expect(history.nextBefore).toBeNull();
    const newest = (await send('GET', `/api/v1/live/${sessionId}/comments?limit=2`, a.token)).json();
    expect(newest.items.map((c: { body: string }) => c.body)).toEqual(['<script>alert(1)</script>', '再问一个']);
    const older = (await send('GET', `/api/v1/live/${sessionId}/comments?limit=2&before=${newest.nextBefore}`, a.token)).json();
    expect(older).toMatchObject({ items: [{ body: '老师好，想问问养老理财的封闭期' }], nextBefore: null });
    expect(roomEvents('live.comment')).toHaveLength(3);
  });

  it('refuses empty and oversize text, unknown sessions and malformed requests with clear codes', async () => {
    env.sys.clock.advance(3_000);
    const empty = await comment(a.token, '   ');
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'MESSAGE_EMPTY']);
    const long = await comment(a.token, '长'.repeat(201));
    expect([long.statusCode, long.json().error.code]).toEqual([400, 'MESSAGE_TOO_LONG']);
    expect(long.json().error.message).toContain('200');
    expect((await comment(a.token, '长'.repeat(200))).statusCode).toBe(201);
    expect((await comment(a.token, 42)).statusCode).toBe(400);
    expect((await send('POST', `/api/v1/live/${sessionId}/comments`, a.token, {})).statusCode).toBe(400);
    const unknown = await send('POST', `/api/v1/live/${crypto.randomUUID()}/comments`, a.token, { body: '有人吗' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await send('POST', '/api/v1/live/questions/not-a-uuid/upvote', a.token)).statusCode).toBe(400);
    expect((await send('POST', `/api/v1/live/questions/${crypto.randomUUID()}/upvote`, a.token)).statusCode).toBe(404);
    expect(
      (await call(env.sys.app, { method: 'POST', url: `/api/v1/live/${sessionId}/comments`, body: { body: '匿名' } })).statusCode,
    ).toBe(401);
  });

  it('queues questions by upvotes (once per member); only the host or a manager marks them answered', async () => {
    // A second apart: equal upvotes are ordered by time.
    const askThenWait = async (token: string, body: string) => {
      const res = await ask(token, body);
      env.sys.clock.advance(1_000);
      return res.json();
    };
    const q1 = await askThenWait(a.token, '养老理财可以提前赎回吗？');
    const q2 = await askThenWait(b.token, '封闭期五年的产品风险大吗？');
    const q3 = await askThenWait(host.token, '[点我](javascript:alert(1)) **加粗**');
    expect(q1).toMatchObject({ status: 'open', upvotes: 0, upvotedByMe: false });

    const upvote = (token: string, id: string) => send('POST', `/api/v1/live/questions/${id}/upvote`, token);
    expect((await upvote(b.token, q1.id)).json()).toMatchObject({ upvotes: 1, upvotedByMe: true });
    expect((await upvote(b.token, q1.id)).json()).toMatchObject({ upvotes: 1, upvotedByMe: true });
    await upvote(a.token, q2.id);
    await upvote(host.token, q2.id);
    await upvote(a.token, q3.id);

    const queue = (await send('GET', `/api/v1/live/${sessionId}/questions`, b.token)).json().items;
    expect(queue.map((q: { id: string }) => q.id)).toEqual([q2.id, q1.id, q3.id]);
    expect(queue.map((q: { upvotedByMe: boolean }) => q.upvotedByMe)).toEqual([false, true, false]);

    const notHost = await send('POST', `/api/v1/live/questions/${q2.id}/answered`, a.token);
    expect([notHost.statusCode, notHost.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const answered = await send('POST', `/api/v1/live/questions/${q2.id}/answered`, host.token);
    expect(answered.json()).toMatchObject({ status: 'answered', upvotes: 2, upvotedByMe: true });
    const growth = await operatorLogin(env.sys.app, 'growth');
    expect((await send('POST', `/api/v1/console/live/questions/${q1.id}/answered`, growth)).statusCode).toBe(403);
    expect((await send('POST', `/api/v1/console/live/questions/${q1.id}/answered`, manager)).json().status).toBe('answered');
    expect((await send('POST', `/api/v1/live/questions/${q3.id}/answered`, host.token)).json().status).toBe('answered');
    // Marking again changes nothing and tells nobody.
    expect((await send('POST', `/api/v1/live/questions/${q2.id}/answered`, host.token)).json().answeredAt).toBe(answered.json().answeredAt);

    await socket.next(
      (f) => f.type === 'event' && f.name === 'live.question' && f.data.question.id === q3.id && f.data.action === 'answered',
    );
    const actions = roomEvents('live.question').map((f) => `${f.data.action}:${f.data.question.upvotes}`);
    expect(actions).toEqual([
      'created:0',
      'created:0',
      'created:0',
      'upvoted:1',
      'upvoted:1',
      'upvoted:2',
      'upvoted:1',
      'answered:2',
      'answered:1',
      'answered:1',
    ]);
    const consoleQueue = await send('GET', `/api/v1/console/live/${sessionId}/questions`, manager);
    expect(consoleQueue.json().items.every((q: { status: string }) => q.status === 'answered')).toBe(true);
  });

  it('ending turns the session into a recap with the answered questions by upvotes, and closes the room', async () => {
    const refused = await send('POST', `/api/v1/live/${sessionId}/end`, a.token);
    expect(refused.statusCode).toBe(403);
    const ended = await send('POST', `/api/v1/live/${sessionId}/end`, host.token);
    expect(ended.statusCode, ended.body).toBe(200);
    const { recap, status } = ended.json();
    expect(status).toBe('ended');
    expect(recap.link).toBe(recap.threadId ? `/community/threads/${recap.threadId}` : `/community/live/${sessionId}`);
    const lines: string[] = recap.markdown.split('\n');
    expect(lines).toContain('**已回答的问题（3）**');
    const items = lines.filter((l) => /^\d+\. /.test(l));
    expect(items[0]).toMatch(/^1\. 封闭期五年的产品风险大吗？（.+ 提问，2 人赞同）$/);
    expect(items[1]).toMatch(/^2\. 养老理财可以提前赎回吗？（.+ 提问，1 人赞同）$/);
    // Member text cannot become a link or formatting in the recap.
    expect(items[2]).toContain('\\[点我\\]\\(javascript:alert\\(1\\)\\) \\*\\*加粗\\*\\*');

    const state = await socket.next((f) => f.type === 'event' && f.name === 'live.state' && f.data.session.status === 'ended');
    expect(state.data.session.recap).toEqual(recap);
    const past = (await send('GET', '/api/v1/live', b.token)).json().past;
    expect(past.find((s: { id: string }) => s.id === sessionId).recap).toEqual(recap);

    env.sys.clock.advance(3_000);
    for (const res of [
      await comment(a.token, '结束了吗'),
      await ask(a.token, '还能提问吗'),
      await send('POST', `/api/v1/live/${sessionId}/end`, host.token),
      await send('POST', `/api/v1/console/live/${sessionId}/end`, manager),
    ]) {
      expect([res.statusCode, res.json().error.code]).toEqual([409, 'LIVE_STATE_CONFLICT']);
    }
    const audit = (await send('GET', `/api/v1/console/audit-log?targetId=${sessionId}`, env.admin)).json();
    expect(audit.items.map((e: { action: string; actorType: string }) => e.action)).toEqual([
      'live.ended',
      'live.started',
      'live.scheduled',
    ]);
  });
});
