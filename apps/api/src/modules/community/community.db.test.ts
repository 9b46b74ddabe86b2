import { describe, expect, it } from 'vitest';
import { createGroup, history, join, post, regulars, type Member } from '../../../test/community-flows.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { eventually, verifiedMembers } from '../../../test/wallet-flows.js';

const env = useDemoSystem({ listen: true });
const me = (m: Member) => ({ token: m.token });
const group = (m: Member, id: string) => call(env.sys.app, { url: `/api/v1/groups/${id}`, ...me(m) });

/** A PNG header with the given size: enough for the server to read type and dimensions. */
function png(width: number, height: number, extra = 64): Buffer {
  const b = Buffer.alloc(33 + extra);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 6;
  return b;
}

describe('groups', () => {
  it('lets community managers create public, approval and invite-only groups, and members join each by its rule', async () => {
    const growth = await operatorLogin(env.sys.app, 'growth');
    const refused = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/groups',
      token: growth,
      body: { name: '越权', visibility: 'public', joinPolicy: 'open' },
    });
    expect(refused.statusCode).toBe(403);
    const [a, b] = await regulars(env.sys, 2);
    const open = await createGroup(env.sys, { name: '稳健理财交流', visibility: 'public', joinPolicy: 'open', topic: '理财' });
    const approval = await createGroup(env.sys, {
      name: '高净值会员圈',
      visibility: 'private',
      joinPolicy: 'approval',
      ownerMemberId: a!.memberId,
    });
    const invite = await createGroup(env.sys, { name: '内测小组', visibility: 'private', joinPolicy: 'invite' });
    expect(invite.inviteCode).toMatch(/^[A-Z2-9]{8}$/);

    expect((await join(env.sys, b!, open.id)).json()).toEqual({ state: 'active', role: 'member' });
    expect((await join(env.sys, b!, approval.id)).json()).toEqual({ state: 'pending', role: 'member' });
    expect((await join(env.sys, b!, invite.id)).statusCode).toBe(404);
    // A wrong code must not confirm that an invite-only group has this id; by code alone it says the code is wrong.
    expect((await join(env.sys, b!, invite.id, 'WRONG234')).json().error.code).toBe('NOT_FOUND');
    const byCode = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/groups/join-by-code',
      token: b!.token,
      body: { inviteCode: 'WRONG234' },
    });
    expect(byCode.json().error.code).toBe('INVITE_CODE_INVALID');
    // Outsiders see neither the private group's messages nor, for invite-only, that it exists.
    expect((await history(env.sys, b!, approval.id)).json().error.code).toBe('NOT_GROUP_MEMBER');
    expect((await history(env.sys, b!, invite.id)).statusCode).toBe(404);
    expect((await join(env.sys, b!, invite.id, invite.inviteCode!)).json().state).toBe('active');

    const discover = (await call(env.sys.app, { url: '/api/v1/groups?view=discover&limit=50', ...me(a!) })).json();
    const names = discover.items.map((g: { name: string }) => g.name);
    expect(names).toEqual(expect.arrayContaining(['稳健理财交流', '高净值会员圈']));
    expect(names).not.toContain('内测小组');

    // The owner lets the pending member in; the count follows.
    const pending = (await call(env.sys.app, { url: `/api/v1/groups/${approval.id}/members?state=pending`, ...me(a!) })).json();
    expect(pending.items.map((m: { member: { id: string } }) => m.member.id)).toEqual([b!.memberId]);
    expect((await call(env.sys.app, { url: `/api/v1/groups/${approval.id}/members?state=pending`, ...me(b!) })).statusCode).toBe(403);
    const approve = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/groups/${approval.id}/join-requests`,
      ...me(a!),
      body: { memberId: b!.memberId, approve: true },
    });
    expect(approve.json()).toEqual({ approved: true });
    expect((await group(b!, approval.id)).json()).toMatchObject({ memberCount: 2, me: { role: 'member', state: 'active', unread: 0 } });
    const mine = (await call(env.sys.app, { url: '/api/v1/groups?view=mine', ...me(b!) })).json();
    expect(mine.items.map((g: { name: string }) => g.name).sort()).toEqual(['内测小组', '稳健理财交流', '高净值会员圈'].sort());
  });
});

describe('chat', () => {
  it('posts, replies with a quote, mentions, reacts, pages history and counts unread', async () => {
    const [a, b] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '活期讨论', visibility: 'public', joinPolicy: 'open' });
    await join(env.sys, a!, g.id);
    await join(env.sys, b!, g.id);
    const first = await post(env.sys, a!, g.id, { text: '大家好，<script>alert(1)</script> 今天的万份收益出来了吗？' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      seq: expect.any(String),
      status: 'visible',
      text: '大家好，<script>alert(1)</script> 今天的万份收益出来了吗？',
    });
    const reply = await post(env.sys, b!, g.id, { text: '@A 出来了，0.65 左右', replyToId: first.json().id, mentions: [a!.memberId] });
    expect(reply.json().replyTo).toMatchObject({ id: first.json().id, excerpt: expect.stringContaining('万份收益') });
    expect(reply.json().mentions).toEqual([a!.memberId]);

    // A was mentioned and replied to: one mention notification (the reply is folded into it).
    const inbox = await eventually(async () => {
      const items = (await call(env.sys.app, { url: '/api/v1/me/inbox', ...me(a!) })).json().items;
      expect(items.some((n: { kind: string }) => n.kind === 'mention')).toBe(true);
      return items;
    });
    expect(inbox.filter((n: { kind: string }) => n.kind === 'mention' || n.kind === 'reply')).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'mention', title: expect.stringContaining('活期讨论'), link: expect.stringContaining(g.id) });

    const reacted = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/messages/${first.json().id}/reactions`,
      ...me(b!),
      body: { emoji: '👍', on: true },
    });
    expect(reacted.json().reactions).toEqual([{ emoji: '👍', count: 1 }]);
    await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/messages/${first.json().id}/reactions`,
      ...me(b!),
      body: { emoji: '👍', on: true },
    });
    for (let i = 0; i < 3; i++) await post(env.sys, b!, g.id, { text: `消息 ${i}` });

    const page = (await history(env.sys, a!, g.id, '?limit=3')).json();
    expect(page.items.map((m: { text: string }) => m.text)).toEqual(['消息 0', '消息 1', '消息 2']);
    expect(page.hasMore).toBe(true);
    const older = (await history(env.sys, a!, g.id, `?before=${page.items[0].seq}&limit=10`)).json();
    expect(older.items).toHaveLength(2);
    expect(older.items[0].reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
    const missed = (await history(env.sys, a!, g.id, `?after=${older.items[1].seq}`)).json();
    expect(missed.items.map((m: { text: string }) => m.text)).toEqual(['消息 0', '消息 1', '消息 2']);

    // A posted the first message (read up to it); four arrived since.
    expect((await group(a!, g.id)).json().me.unread).toBe(4);
    await call(env.sys.app, { method: 'POST', url: `/api/v1/groups/${g.id}/read`, ...me(a!), body: { seq: page.items[2].seq } });
    expect((await group(a!, g.id)).json().me.unread).toBe(0);
  });

  it('takes a burst of 60 concurrent posts in one group: all stored once, numbered without gaps (no pool deadlock)', async () => {
    const members = await regulars(env.sys, 12);
    const g = await createGroup(env.sys, { name: '并发发言', visibility: 'public', joinPolicy: 'open' });
    for (const m of members) await join(env.sys, m, g.id);
    // More posts at once than the pool has connections: each waits for the group's row lock while holding one.
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(env.sys, members[i % members.length]!, g.id, { text: `并发消息 ${i}` })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(60).fill(201));
    const seqs = results.map((r) => Number(r.json().seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const stored = (await history(env.sys, members[0]!, g.id, '?limit=100')).json().items;
    expect(stored).toHaveLength(60);
  });

  it('recalls within two minutes only, by the author only, leaving "withdrawn" in place', async () => {
    const [a, b] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '撤回测试', visibility: 'public', joinPolicy: 'open' });
    await join(env.sys, a!, g.id);
    await join(env.sys, b!, g.id);
    const m = (await post(env.sys, a!, g.id, { text: '发错了' })).json();
    expect((await call(env.sys.app, { method: 'POST', url: `/api/v1/messages/${m.id}/recall`, ...me(b!) })).statusCode).toBe(404);
    const recalled = await call(env.sys.app, { method: 'POST', url: `/api/v1/messages/${m.id}/recall`, ...me(a!) });
    expect(recalled.json()).toMatchObject({ status: 'recalled', text: '' });
    const seen = (await history(env.sys, b!, g.id)).json().items.find((x: { id: string }) => x.id === m.id);
    expect(seen).toMatchObject({ status: 'recalled', text: '' });
    expect((await post(env.sys, b!, g.id, { text: '引用', replyToId: m.id })).json().error.code).toBe('CONTENT_GONE');

    const late = (await post(env.sys, a!, g.id, { text: '这条留着' })).json();
    env.sys.clock.advance(121_000);
    const tooLate = await call(env.sys.app, { method: 'POST', url: `/api/v1/messages/${late.id}/recall`, ...me(a!) });
    expect(tooLate.json().error.code).toBe('RECALL_WINDOW_PASSED');
  });

  it('refuses bad input with clear codes and writes nothing', async () => {
    const [a, outsider] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '输入校验', visibility: 'public', joinPolicy: 'open' });
    await join(env.sys, a!, g.id);
    const code = async (p: Promise<{ json(): any }>) => (await p).json().error?.code;
    expect(await code(post(env.sys, a!, g.id, { text: '   ' }))).toBe('MESSAGE_EMPTY');
    expect(await code(post(env.sys, a!, g.id, { text: '长'.repeat(2001) }))).toBe('MESSAGE_TOO_LONG');
    expect(await code(post(env.sys, a!, '00000000-0000-4000-8000-000000000000', { text: 'hi' }))).toBe('NOT_FOUND');
    expect(await code(post(env.sys, a!, 'not-a-uuid', { text: 'hi' }))).toBe('NOT_FOUND');
    expect(await code(post(env.sys, outsider!, g.id, { text: '路过' }))).toBe('NOT_GROUP_MEMBER');
    expect(await code(post(env.sys, a!, g.id, { text: 'x', replyToId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect((await history(env.sys, a!, g.id)).json().items).toEqual([]);
  });

  it('holds members to slow mode with 429 and Retry-After; group staff are exempt', async () => {
    const [owner, b] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '慢速模式', visibility: 'public', joinPolicy: 'open', ownerMemberId: owner!.memberId });
    await join(env.sys, b!, g.id);
    const set = await call(env.sys.app, { method: 'PATCH', url: `/api/v1/groups/${g.id}`, ...me(owner!), body: { slowModeSeconds: 30 } });
    expect(set.json().slowModeSeconds).toBe(30);
    expect(
      (await call(env.sys.app, { method: 'PATCH', url: `/api/v1/groups/${g.id}`, ...me(b!), body: { slowModeSeconds: 0 } })).statusCode,
    ).toBe(403);
    expect((await post(env.sys, b!, g.id, { text: '第一条' })).statusCode).toBe(201);
    env.sys.clock.advance(10_000);
    const flood = await post(env.sys, b!, g.id, { text: '第二条' });
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error.code).toBe('SLOW_MODE');
    expect(flood.headers['retry-after']).toBe('20');
    expect((await post(env.sys, owner!, g.id, { text: '群主不受限' })).statusCode).toBe(201);
    expect((await post(env.sys, owner!, g.id, { text: '再来一条' })).statusCode).toBe(201);
    env.sys.clock.advance(20_000);
    expect((await post(env.sys, b!, g.id, { text: '可以了' })).statusCode).toBe(201);
  });
});

describe('trust and names', () => {
  it('limits newcomers on their first day: no links, images or mass mentions, at most five posts in ten minutes', async () => {
    const [newbie] = await verifiedMembers(env.sys, 1);
    const [x, y, z] = await regulars(env.sys, 3);
    const g = await createGroup(env.sys, { name: '新人限制', visibility: 'public', joinPolicy: 'open' });
    for (const m of [newbie!, x!, y!, z!]) await join(env.sys, m, g.id);
    const code = async (body: Record<string, unknown>) => (await post(env.sys, newbie!, g.id, body)).json().error?.code;
    expect(await code({ text: '看看 https://example.com' })).toBe('TRUST_LIMIT');
    expect(await code({ text: '@大家', mentions: [x!.memberId, y!.memberId, z!.memberId] })).toBe('TRUST_LIMIT');
    const image = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/groups/${g.id}/images`,
      token: newbie!.token,
      headers: { 'content-type': 'image/png' },
      rawBody: png(100, 100),
    });
    expect(image.json().error.code).toBe('TRUST_LIMIT');
    for (let i = 0; i < 5; i++) expect((await post(env.sys, newbie!, g.id, { text: `你好 ${i}` })).statusCode).toBe(201);
    expect(await code({ text: '第六条' })).toBe('TRUST_LIMIT');
    // Coming back the next day makes them a member (L1): the limits lift.
    env.sys.clock.advance(86_400_000);
    await history(env.sys, newbie!, g.id);
    expect((await post(env.sys, newbie!, g.id, { text: '看看 https://example.com' })).statusCode).toBe(201);
    expect((await call(env.sys.app, { url: '/api/v1/me/trust', ...me(newbie!) })).json()).toMatchObject({ level: 1, daysVisited: 2 });
  });

  it('refuses reserved nicknames such as 官方 or 客服, however they are spaced or cased', async () => {
    const [m] = await verifiedMembers(env.sys, 1);
    for (const nickname of ['官方小助手', '客 服', 'ADMIN', '平台·管理员']) {
      const res = await call(env.sys.app, { method: 'PUT', url: '/api/v1/me/nickname', ...me(m!), body: { nickname } });
      expect(res.json().error?.code, nickname).toBe('RESERVED_NAME');
    }
    const ok = await call(env.sys.app, { method: 'PUT', url: '/api/v1/me/nickname', ...me(m!), body: { nickname: '稳健的老王' } });
    expect(ok.json()).toEqual({ nickname: '稳健的老王' });
  });
});

describe('images', () => {
  it('stores checked images in the database and serves them only to those who may read the group', async () => {
    const [a, outsider] = await regulars(env.sys, 2);
    const g = await createGroup(env.sys, { name: '图片圈', visibility: 'private', joinPolicy: 'approval', ownerMemberId: a!.memberId });
    const upload = (body: Buffer, type = 'image/png') =>
      call(env.sys.app, {
        method: 'POST',
        url: `/api/v1/groups/${g.id}/images`,
        token: a!.token,
        headers: { 'content-type': type },
        rawBody: body,
      });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
    expect((await upload(svg, 'image/svg+xml')).statusCode).toBe(415);
    expect((await upload(svg, 'image/png')).json().error.code).toBe('IMAGE_TYPE_UNSUPPORTED');
    expect((await upload(png(8, 8))).json().error.code).toBe('IMAGE_DIMENSIONS_INVALID');
    expect((await upload(png(5000, 100))).json().error.code).toBe('IMAGE_DIMENSIONS_INVALID');
    expect((await upload(png(100, 100, 2 * 1024 * 1024))).statusCode).toBe(413);
    const ok = await upload(png(320, 240));
    expect(ok.statusCode, ok.body).toBe(201);
    const message = (await post(env.sys, a!, g.id, { text: '', imageId: ok.json().id })).json();
    expect(message).toMatchObject({ kind: 'image', image: { width: 320, height: 240 }, imageUrl: ok.json().url });
    const served = await call(env.sys.app, { url: ok.json().url, token: a!.token });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'");
    expect((await call(env.sys.app, { url: ok.json().url, token: outsider!.token })).statusCode).toBe(403);
  });
});
