import { describe, expect, it } from 'vitest';
import { createGroup, history, join, post, regulars, type Member } from '../../../test/community-flows.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { events, openSocket } from '../../../test/ws-client.js';
import { eventually } from '../../../test/wallet-flows.js';
import { connect as connectDatabase } from '../../platform/db/connect.js';
import { canSubscribe } from './access.js';

const env = useDemoSystem({ listen: true });
const wsUrl = (query = '') => `${env.sys.url.replace('http', 'ws')}/ws${query}`;
const connect = async (m: Member) => {
  const ticket = (await call(env.sys.app, { method: 'POST', url: '/api/v1/realtime/tickets', token: m.token })).json().ticket;
  return openSocket(wsUrl(`?ticket=${ticket}`));
};
const search = async (m: Member, q: string) =>
  (await call(env.sys.app, { url: `/api/v1/search?kind=message&q=${encodeURIComponent(q)}`, token: m.token })).json().items as Array<{
    id: string;
    link: string;
  }>;

describe('real-time chat', () => {
  it('delivers message.created to members on group:<id>; a reconnecting member gets exactly what they missed', async () => {
    const [a, b] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '实时群', visibility: 'public', joinPolicy: 'open' });
    await join(env.sys, a!, g.id);
    await join(env.sys, b!, g.id);
    const channel = `group:${g.id}`;
    const socket = await connect(b!);
    socket.send({ type: 'subscribe', channel, lastId: null });
    await socket.next((f) => f.type === 'subscribed' && f.channel === channel);
    const sent = (await post(env.sys, a!, g.id, { text: '第一条实时消息' })).json();
    const event = await socket.next((f) => f.type === 'event' && f.name === 'message.created');
    expect(event.data).toMatchObject({ id: sent.id, text: '第一条实时消息', author: { id: a!.memberId } });
    const lastId = event.id;
    await socket.close();

    for (let i = 0; i < 5; i++) await post(env.sys, a!, g.id, { text: `错过的 ${i}` });
    const back = await connect(b!);
    back.send({ type: 'subscribe', channel, lastId });
    await eventually(async () => expect(events(back, channel)).toHaveLength(5));
    await new Promise((r) => setTimeout(r, 300));
    expect(events(back, channel).map((f) => f.data.text)).toEqual(['错过的 0', '错过的 1', '错过的 2', '错过的 3', '错过的 4']);
    await back.close();
  });

  it('never lets a private group reach non-members: socket, history, images or search', async () => {
    const [insider, outsider] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, {
      name: '私密理财圈',
      visibility: 'private',
      joinPolicy: 'approval',
      ownerMemberId: insider!.memberId,
    });
    const open = await createGroup(env.sys, { name: '公开理财圈', visibility: 'public', joinPolicy: 'open' });
    await join(env.sys, insider!, open.id);
    await join(env.sys, outsider!, open.id);
    const secret = (await post(env.sys, insider!, g.id, { text: '这款理财产品收益稳定吗，内部消息' })).json();
    const shared = (await post(env.sys, insider!, open.id, { text: '公开讨论：理财要看风险等级' })).json();

    const socket = await connect(outsider!);
    socket.send({ type: 'subscribe', channel: `group:${g.id}`, lastId: null });
    expect(await socket.next((f) => f.type === 'error')).toEqual({ type: 'error', code: 'FORBIDDEN', channel: `group:${g.id}` });
    await socket.close();
    expect((await history(env.sys, outsider!, g.id)).json().error.code).toBe('NOT_GROUP_MEMBER');

    // Chinese search: 理财 finds the sentence, but only in groups the searcher is in.
    expect((await search(insider!, '理财')).map((h) => h.id).sort()).toEqual([secret.id, shared.id].sort());
    expect((await search(outsider!, '理财')).map((h) => h.id)).toEqual([shared.id]);
    // Joining the public group is not enough to find it before joining: only joined groups are searched.
  });
});

describe('moderation of chat', () => {
  it('hides a message citing a rule: the group sees it go, search forgets it, the public log shows it, the author can appeal', async () => {
    const [author, reader] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '被处理的群', visibility: 'public', joinPolicy: 'open' });
    await join(env.sys, author!, g.id);
    await join(env.sys, reader!, g.id);
    const m = (await post(env.sys, author!, g.id, { text: '这个定期产品太坑了，收益全靠吹，大家小心' })).json();
    const socket = await connect(reader!);
    socket.send({ type: 'subscribe', channel: `group:${g.id}`, lastId: null });
    await socket.next((f) => f.type === 'subscribed');

    const manager = await operatorLogin(env.sys.app, 'community');
    const act = (body: Record<string, unknown>) =>
      call(env.sys.app, { method: 'POST', url: '/api/v1/console/moderation/actions', token: manager, body });
    expect((await act({ action: 'hide', target: { type: 'message', id: m.id }, reason: '无规则' })).json().error.code).toBe(
      'RULE_REQUIRED',
    );
    expect((await history(env.sys, reader!, g.id)).json().items[0].status).toBe('visible');

    const hidden = await act({ action: 'hide', target: { type: 'message', id: m.id }, ruleCode: 'R1', reason: '测试：隐藏一条消息' });
    expect(hidden.statusCode, hidden.body).toBeLessThan(300);
    const changed = await socket.next((f) => f.type === 'event' && f.name === 'message.changed');
    expect(changed.data).toMatchObject({ id: m.id, status: 'hidden', text: '' });
    await socket.close();
    expect((await search(reader!, '定期产品')).map((h) => h.id)).not.toContain(m.id);
    const log = (await call(env.sys.app, { url: '/api/v1/public/modlog' })).json();
    expect(JSON.stringify(log.items[0])).not.toContain('社区经理·周宁');
    expect(log.items[0]).toMatchObject({ action: 'hide', rule: { code: 'R1' }, actor: { kind: 'operator' } });

    const notice = await eventually(async () => {
      const items = (await call(env.sys.app, { url: '/api/v1/me/inbox?kind=moderation', token: author!.token })).json().items;
      expect(items).toHaveLength(1);
      return items[0];
    });
    expect(notice.body).toContain('R1');
    const appeal = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: author!.token,
      body: { actionId: hidden.json().id, reason: '这是对产品的批评，没有攻击任何人' },
    });
    expect(appeal.statusCode, appeal.body).toBeLessThan(300);
    const same = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/moderation/appeals/${appeal.json().id}/decide`,
      token: manager,
      body: { outcome: 'overturned', note: '自己复核' },
    });
    expect(same.json().error.code).toBe('APPEAL_SAME_OPERATOR');
    const compliance = await operatorLogin(env.sys.app, 'compliance');
    const decided = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/moderation/appeals/${appeal.json().id}/decide`,
      token: compliance,
      body: { outcome: 'overturned', note: '批评产品不违反公约，恢复' },
    });
    expect(decided.statusCode, decided.body).toBeLessThan(300);
    // Criticism stays: the message is back, findable again.
    expect((await history(env.sys, reader!, g.id)).json().items.find((x: { id: string }) => x.id === m.id)).toMatchObject({
      status: 'visible',
    });
    expect((await search(reader!, '定期产品')).map((h) => h.id)).toContain(m.id);
  });

  it('runs every message through the word filter: off-platform contact is flagged, promised returns are held, and both are logged', async () => {
    const [a, b] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '过滤器', visibility: 'public', joinPolicy: 'open' });
    await join(env.sys, a!, g.id);
    await join(env.sys, b!, g.id);
    const flagged = (await post(env.sys, a!, g.id, { text: '有问题加我微信聊' })).json();
    expect(flagged).toMatchObject({ status: 'visible', warning: expect.stringContaining('站外') });
    const held = (await post(env.sys, a!, g.id, { text: '这个产品保本高收益，闭眼买' })).json();
    expect(held.status).toBe('held');
    const seenByOthers = (await history(env.sys, b!, g.id)).json().items.map((x: { id: string }) => x.id);
    expect(seenByOthers).toContain(flagged.id);
    expect(seenByOthers).not.toContain(held.id);
    expect((await history(env.sys, a!, g.id)).json().items.map((x: { id: string }) => x.id)).toContain(held.id);
    const log = (await call(env.sys.app, { url: '/api/v1/public/modlog?limit=5' })).json();
    expect(log.items[0]).toMatchObject({ action: 'hold', rule: { code: 'R3' }, actor: { kind: 'filter' } });

    const manager = await operatorLogin(env.sys.app, 'community');
    const queue = (await call(env.sys.app, { url: '/api/v1/console/moderation/queue', token: manager })).json();
    expect(JSON.stringify(queue)).toContain(held.id);
  });

  it('lets group staff and ordinary members post product cards with live figures and the risk warning', async () => {
    const [owner, m] = await regulars(env.sys, 2);
    const products = (await call(env.sys.app, { url: '/api/v1/products', token: owner!.token })).json().items;
    const product = products[0];
    const g = await createGroup(env.sys, { name: '产品圈', visibility: 'public', joinPolicy: 'open', ownerMemberId: owner!.memberId });
    await join(env.sys, m!, g.id);
    const shared = await post(env.sys, m!, g.id, { text: '', productId: product.id });
    expect(shared.statusCode, shared.body).toBe(201);
    expect(shared.json().product).toMatchObject({
      id: product.id,
      riskLevel: product.riskLevel,
      riskWarning: product.disclosures.riskWarning,
    });
    const card = (await post(env.sys, owner!, g.id, { text: '本周推荐关注', productId: product.id })).json();
    expect(card).toMatchObject({
      kind: 'product',
      product: { id: product.id, name: product.name, benchmarkBps: product.benchmarkBps, remainingQuota: product.remainingQuota },
    });
  });
});

describe('a database failure while authorising a channel (issue 12 item 6)', () => {
  it('canSubscribe rejects instead of answering false when the database cannot be reached', async () => {
    const dead = connectDatabase('postgres://postgres@127.0.0.1:1/nowhere');
    try {
      const principal = { kind: 'member' as const, memberId: crypto.randomUUID(), sessionId: crypto.randomUUID() };
      await expect(canSubscribe({ db: dead.db }, principal, crypto.randomUUID())).rejects.toThrow();
    } finally {
      await dead.close();
    }
  });

  it('answers UNAVAILABLE (retryable), not FORBIDDEN, and subscribes once the database is back', async () => {
    const [m] = await regulars(env.sys, 1);
    const g = await createGroup(env.sys, { name: '故障群', visibility: 'private', joinPolicy: 'approval', ownerMemberId: m!.memberId });
    const channel = `group:${g.id}`;
    const socket = await connect(m!);
    // A real failure of the query the rule runs: its table is briefly missing.
    await env.sys.database.pool.query('ALTER TABLE community_group_members RENAME TO community_group_members_away');
    try {
      socket.send({ type: 'subscribe', channel, lastId: null });
      expect(await socket.next((f) => f.type === 'error' || f.type === 'subscribed')).toEqual({
        type: 'error',
        code: 'UNAVAILABLE',
        channel,
      });
    } finally {
      await env.sys.database.pool.query('ALTER TABLE community_group_members_away RENAME TO community_group_members');
    }
    socket.send({ type: 'subscribe', channel, lastId: null });
    await socket.next((f) => f.type === 'subscribed' && f.channel === channel);
    await socket.close();
  });
});
