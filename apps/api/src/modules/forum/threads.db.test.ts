import { describe, expect, it } from 'vitest';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { codeOf, newMember, postReply, postThread, request, type Member } from './test-kit.js';

const env = useDemoSystem();
const sys = () => env.sys;
const member = () => newMember(sys(), env.admin);
const get = (token: string | undefined, url: string) => request(sys(), token, 'GET', url);
const search = async (m: Member, q: string) =>
  (await get(m.token, `/search?q=${encodeURIComponent(q)}`)).json().items as Array<{ id: string }>;

describe('threads in the square', () => {
  it('posts a thread anyone can list and read, filed under the #话题# of its title and body', async () => {
    const a = await member();
    const thread = await postThread(sys(), a, {
      title: '#新手问答# 活期理财怎么选',
      body: '想问问 **活期** 和 #定期理财# 的区别\n`#不是话题#` <script>alert(1)</script>',
    });
    expect(thread).toMatchObject({
      kind: 'post',
      official: false,
      groupId: null,
      status: 'visible',
      warning: null,
      topics: ['新手问答', '定期理财'],
      author: { id: a.memberId, official: false },
      replyCount: 0,
      likeCount: 0,
      bookmarked: false,
      products: [],
      replies: { items: [], nextCursor: null },
    });
    // Stored as typed: the apps render it through the Markdown subset, never as HTML.
    expect(thread.body).toContain('<script>alert(1)</script>');

    // Reading the square needs no login.
    const anonymous = await get(undefined, '/threads');
    expect(anonymous.statusCode, anonymous.body).toBe(200);
    expect(anonymous.json().items.map((t: { id: string }) => t.id)).toContain(thread.id);
    expect((await get(undefined, `/threads/${thread.id}`)).json()).toMatchObject({ id: thread.id, title: thread.title, liked: false });
    const byTopic = (topic: string) =>
      get(undefined, `/threads?topic=${encodeURIComponent(topic)}`).then((r) => r.json().items.map((t: { id: string }) => t.id));
    expect(await byTopic('定期理财')).toEqual([thread.id]);
    expect(await byTopic('不是话题')).toEqual([]);
    expect((await get(undefined, '/topics/hot')).json().items).toEqual(
      expect.arrayContaining([
        { topic: '新手问答', threadCount: 1 },
        { topic: '定期理财', threadCount: 1 },
      ]),
    );
    // Indexed for search in the same transaction.
    expect((await search(a, '活期理财')).map((h) => h.id)).toContain(thread.id);
  });

  it('stores a retried post once when the client sends an Idempotency-Key', async () => {
    const a = await member();
    const send = () =>
      call(sys().app, {
        method: 'POST',
        url: '/api/v1/threads',
        token: a.token,
        headers: { 'idempotency-key': 'forum-retry-0001' },
        body: { title: '网络不好重发了', body: '只应出现一次' },
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
  });

  it('tags products members can see, and refuses unknown ones', async () => {
    const a = await member();
    const product = (await get(a.token, '/products')).json().items[0] as { id: string; name: string };
    const thread = await postThread(sys(), a, { title: '这款产品值得买吗', body: '大家怎么看', productIds: [product.id, product.id] });
    expect(thread.productIds).toEqual([product.id]);
    expect(thread.products).toEqual([expect.objectContaining({ id: product.id, name: product.name })]);
    const unknown = await request(sys(), a.token, 'POST', '/threads', { title: '未知产品', body: '……', productIds: [crypto.randomUUID()] });
    expect(unknown.statusCode).toBe(400);
    expect(codeOf(unknown)).toBe('VALIDATION_FAILED');
  });

  it('pages latest and hot with keyset cursors, without repeats', async () => {
    const a = await member();
    const b = await member();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      sys().clock.advance(60_000);
      ids.push((await postThread(sys(), i < 2 ? a : b, { title: `分页测试 ${i}`, body: '#分页测试#' })).id);
    }
    // Liking the oldest makes it the hottest (hot weighs engagement against age).
    sys().clock.advance(60_000);
    await request(sys(), b.token, 'POST', `/threads/${ids[0]}/like`);
    await postReply(sys(), b, ids[0]!, { body: '顶' });
    const pages = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(a.token, `/threads?topic=分页测试&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...res.json().items.map((t: { id: string }) => t.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    // The reply moved the oldest thread to the top of the latest order too.
    expect(await pages('latest')).toEqual([ids[0], ids[2], ids[1]]);
    expect((await pages('hot'))[0]).toBe(ids[0]);
    expect(new Set(await pages('hot')).size).toBe(3);
    expect((await get(a.token, '/threads?sort=hot&cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
    const latestCursor = (await get(a.token, '/threads?limit=1')).json().nextCursor;
    expect(codeOf(await get(a.token, `/threads?sort=hot&cursor=${latestCursor}`))).toBe('VALIDATION_FAILED');
  });
});

describe('replies', () => {
  it('are one level: replying to a reply quotes it, and the people replied to are told', async () => {
    const [a, b, c] = [await member(), await member(), await member()];
    const thread = await postThread(sys(), a, { title: '大家的定投计划', body: '分享一下' });
    const first = await postReply(sys(), b, thread.id, { body: '我每月定投 **500**' });
    expect(first).toMatchObject({ threadId: thread.id, author: { id: b.memberId }, byThreadAuthor: false, quote: null, status: 'visible' });
    const second = await postReply(sys(), c, thread.id, { body: '同感', quoteReplyId: first.id });
    expect(second.quote).toMatchObject({ id: first.id, excerpt: '我每月定投 **500**' });
    const own = await postReply(sys(), a, thread.id, { body: '谢谢大家' });
    expect(own.byThreadAuthor).toBe(true);

    const detail = (await get(undefined, `/threads/${thread.id}`)).json();
    expect(detail.replyCount).toBe(3);
    expect(detail.replies.items.map((r: { id: string }) => r.id)).toEqual([first.id, second.id, own.id]);
    const page1 = (await get(undefined, `/threads/${thread.id}/replies?limit=2`)).json();
    const page2 = (await get(undefined, `/threads/${thread.id}/replies?limit=2&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((r: { id: string }) => r.id)).toEqual([first.id, second.id, own.id]);
    expect(page2.nextCursor).toBeNull();

    const inbox = async (m: Member) => {
      await env.sys.platform.outbox.drainAll();
      return (await get(m.token, '/me/inbox')).json().items as Array<{ kind: string; link: string; title: string }>;
    };
    const aInbox = await inbox(a);
    expect(aInbox.filter((n) => n.kind === 'reply')).toHaveLength(2);
    expect(aInbox[0]).toMatchObject({ kind: 'reply', link: `/community/threads/${thread.id}` });
    expect((await inbox(b)).map((n) => n.kind)).toEqual(['reply']);
    expect(await inbox(c)).toEqual([]);

    // A quote must come from the same thread.
    const other = await postThread(sys(), c, { title: '另一个帖子', body: '无关' });
    const foreign = await request(sys(), b.token, 'POST', `/threads/${other.id}/replies`, { body: '引用', quoteReplyId: first.id });
    expect(codeOf(foreign)).toBe('VALIDATION_FAILED');
  });
});

describe('likes and bookmarks', () => {
  it('count once per member', async () => {
    const [a, b, c] = [await member(), await member(), await member()];
    const thread = await postThread(sys(), a, { title: '点赞测试', body: '来点个赞' });
    const like = (m: Member, method: 'POST' | 'DELETE', url = `/threads/${thread.id}/like`) => request(sys(), m.token, method, url);
    expect((await like(b, 'POST')).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await like(b, 'POST')).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await like(c, 'POST')).json()).toEqual({ liked: true, likeCount: 2 });
    expect((await like(b, 'DELETE')).json()).toEqual({ liked: false, likeCount: 1 });
    expect((await like(b, 'DELETE')).json()).toEqual({ liked: false, likeCount: 1 });
    expect((await get(c.token, `/threads/${thread.id}`)).json()).toMatchObject({ liked: true, likeCount: 1 });
    expect((await get(b.token, `/threads/${thread.id}`)).json()).toMatchObject({ liked: false, likeCount: 1 });
    expect((await request(sys(), undefined, 'POST', `/threads/${thread.id}/like`)).statusCode).toBe(401);

    const reply = await postReply(sys(), b, thread.id, { body: '赞' });
    const replyUrl = `/replies/${reply.id}/like`;
    expect((await like(a, 'POST', replyUrl)).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await like(a, 'POST', replyUrl)).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await get(a.token, `/threads/${thread.id}`)).json().replies.items[0]).toMatchObject({ liked: true, likeCount: 1 });

    const bookmark = (method: 'POST' | 'DELETE') => request(sys(), b.token, method, `/threads/${thread.id}/bookmark`);
    expect((await bookmark('POST')).json()).toEqual({ bookmarked: true });
    expect((await bookmark('POST')).json()).toEqual({ bookmarked: true });
    const mine = (await get(b.token, '/me/bookmarks')).json();
    expect(mine.items.map((t: { id: string }) => t.id)).toEqual([thread.id]);
    expect((await get(b.token, `/threads/${thread.id}`)).json().bookmarked).toBe(true);
    expect((await bookmark('DELETE')).json()).toEqual({ bookmarked: false });
    expect((await get(b.token, '/me/bookmarks')).json().items).toEqual([]);
  });
});

describe('deleting', () => {
  it('is for the author only; deleted content is gone for readers and search, and cannot be replied to', async () => {
    const [a, b] = [await member(), await member()];
    const thread = await postThread(sys(), a, { title: '要删除的帖子', body: '稍后删除的删帖测试内容' });
    const reply = await postReply(sys(), b, thread.id, { body: '回复将被删除' });
    expect((await search(a, '删帖测试')).map((h) => h.id)).toContain(thread.id);

    expect(codeOf(await request(sys(), a.token, 'DELETE', `/replies/${reply.id}`))).toBe('NOT_FOUND');
    expect((await request(sys(), b.token, 'DELETE', `/replies/${reply.id}`)).statusCode).toBe(204);
    expect((await get(a.token, `/threads/${thread.id}`)).json()).toMatchObject({ replyCount: 0, replies: { items: [] } });

    expect((await request(sys(), b.token, 'DELETE', `/threads/${thread.id}`)).statusCode).toBe(404);
    expect((await request(sys(), a.token, 'DELETE', `/threads/${thread.id}`)).statusCode).toBe(204);
    expect((await request(sys(), a.token, 'DELETE', `/threads/${thread.id}`)).statusCode).toBe(404);
    expect(codeOf(await get(b.token, `/threads/${thread.id}`))).toBe('CONTENT_GONE');
    const late = await request(sys(), b.token, 'POST', `/threads/${thread.id}/replies`, { body: '晚了' });
    expect(late.statusCode).toBe(409);
    expect(codeOf(late)).toBe('CONTENT_GONE');
    expect((await get(b.token, '/threads?limit=50')).json().items.map((t: { id: string }) => t.id)).not.toContain(thread.id);
    expect((await search(a, '删帖测试')).map((h) => h.id)).not.toContain(thread.id);
  });
});

describe('official announcements', () => {
  it('are posted by community managers as 官方 and audited; growth operators are refused', async () => {
    const body = { title: '社区公约更新公告', body: '请大家阅读新版 #社区公约#。' };
    const growth = await operatorLogin(sys().app, 'growth');
    const refused = await call(sys().app, { method: 'POST', url: '/api/v1/console/forum/announcements', token: growth, body });
    expect(refused.statusCode).toBe(403);

    const manager = await operatorLogin(sys().app, 'community');
    const res = await call(sys().app, { method: 'POST', url: '/api/v1/console/forum/announcements', token: manager, body });
    expect(res.statusCode, res.body).toBe(201);
    const thread = res.json();
    expect(thread).toMatchObject({
      official: true,
      author: { id: null, nickname: '官方', official: true, badges: ['staff'] },
      topics: ['社区公约'],
    });
    const listed = (await get(undefined, '/threads')).json().items.find((t: { id: string }) => t.id === thread.id);
    expect(listed).toMatchObject({ official: true, author: { nickname: '官方' } });

    const audit = (await call(sys().app, { url: '/api/v1/console/audit-log?action=forum.announcement_posted', token: env.admin })).json();
    expect(audit.items[0]).toMatchObject({ actorName: '社区经理·周宁', targetId: thread.id });
  });
});

describe('the word filter and moderation', () => {
  it('warns readers of flagged posts, holds some for review (author only) and refuses blocked ones', async () => {
    const [a, b] = [await member(), await member()];
    const flagged = await postThread(sys(), a, { title: '交流群', body: '想交流的加微信详聊' });
    expect(flagged.status).toBe('visible');
    expect(flagged.warning).toContain('站外联系方式');

    const held = await postThread(sys(), a, { title: '私下操作', body: '可以私下转账给我代购' });
    expect(held.status).toBe('held');
    expect(codeOf(await get(b.token, `/threads/${held.id}`))).toBe('NOT_FOUND');
    expect((await get(b.token, '/threads?limit=50')).json().items.map((t: { id: string }) => t.id)).not.toContain(held.id);
    expect((await get(a.token, '/threads?limit=50')).json().items.find((t: { id: string }) => t.id === held.id)).toMatchObject({
      status: 'held',
    });
    expect((await search(b, '代购')).map((h) => h.id)).not.toContain(held.id);

    const blocked = await request(sys(), a.token, 'POST', '/threads', { title: '稳赚不赔的秘诀', body: '跟着买' });
    expect(blocked.statusCode).toBe(422);
    expect(codeOf(blocked)).toBe('CONTENT_BLOCKED');
    const log = (await get(undefined, '/public/modlog?action=block')).json();
    expect(log.items[0]).toMatchObject({ action: 'block', targetType: 'thread' });

    // Releasing the held thread shows it to everyone and puts it in search.
    const moderator = await operatorLogin(sys().app, 'community');
    const act = (action: string, id: string) =>
      call(sys().app, {
        method: 'POST',
        url: '/api/v1/console/moderation/actions',
        token: moderator,
        body: { action, target: { type: 'thread', id }, ruleCode: 'R2', reason: '复核' },
      });
    const released = await act('release', held.id);
    expect(released.statusCode, released.body).toBe(201);
    expect((await get(b.token, `/threads/${held.id}`)).json()).toMatchObject({ status: 'visible' });
    expect((await search(b, '代购')).map((h) => h.id)).toContain(held.id);

    // Hiding takes it and its replies out of sight and search in moderation's transaction.
    await postReply(sys(), b, held.id, { body: '举报了' });
    expect((await act('hide', held.id)).statusCode).toBe(201);
    expect(codeOf(await get(b.token, `/threads/${held.id}`))).toBe('CONTENT_GONE');
    expect((await search(b, '代购')).map((h) => h.id)).not.toContain(held.id);
  });
});

describe('bad input', () => {
  it('gets clear 4xx codes and writes nothing', async () => {
    const a = await member();
    const post = (body: unknown) => request(sys(), a.token, 'POST', '/threads', body);
    const before = (await get(a.token, '/threads?limit=50')).json().items.length;
    for (const body of [
      { title: '', body: '正文' },
      { title: ' 短 ', body: '正文' },
      { title: '长'.repeat(61), body: '正文' },
      { title: '标题', body: '' },
      { title: '标题', body: '   \n ' },
      { title: '标题', body: '字'.repeat(10_001) },
      { title: '标题', body: '正文', kind: 'live_recap' },
      { title: '标题', body: '正文', extra: true },
    ]) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
    }
    expect((await post({ title: '刚好', body: '字'.repeat(10_000) })).statusCode).toBe(201);
    expect((await get(a.token, '/threads?limit=50')).json().items.length).toBe(before + 1);

    const unknown = crypto.randomUUID();
    expect(codeOf(await get(a.token, `/threads/${unknown}`))).toBe('NOT_FOUND');
    expect(codeOf(await request(sys(), a.token, 'POST', `/threads/${unknown}/replies`, { body: '喂' }))).toBe('NOT_FOUND');
    expect(codeOf(await request(sys(), a.token, 'POST', `/threads/${unknown}/like`))).toBe('NOT_FOUND');
    expect((await get(a.token, '/threads/not-a-uuid')).statusCode).toBe(400);
    expect((await request(sys(), undefined, 'POST', '/threads', { title: '未登录', body: '正文' })).statusCode).toBe(401);
    expect((await get(undefined, '/me/bookmarks')).statusCode).toBe(401);
  });
});
