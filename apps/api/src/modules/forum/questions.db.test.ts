import { describe, expect, it } from 'vitest';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { codeOf, newMember, postReply, postThread, request } from './test-kit.js';

const env = useDemoSystem();
const sys = () => env.sys;
const member = () => newMember(sys(), env.admin);

const unanswered = async (token: string, query = '') => {
  const res = await call(sys().app, { url: `/api/v1/console/forum/questions/unanswered${query}`, token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Array<{ id: string; replyCount: number; title: string }>; nextCursor: string | null };
};

describe('Q&A', () => {
  it('lets the asker accept one answer; another is ANSWER_STATE_CONFLICT; experts carry their badge', async () => {
    const [asker, expert, other] = [await member(), await member(), await member()];
    const manager = await operatorLogin(sys().app, 'community');
    const appointed = await call(sys().app, {
      method: 'POST',
      url: '/api/v1/console/experts',
      token: manager,
      body: { memberId: expert.memberId, title: '持牌理财师' },
    });
    expect(appointed.statusCode, appointed.body).toBe(201);

    const question = await postThread(sys(), asker, { kind: 'question', title: '定期到期后资金多久到账？', body: '第一次买 #定期理财#' });
    expect(question).toMatchObject({ kind: 'question', acceptedReplyId: null });
    const good = await postReply(sys(), expert, question.id, { body: '到期当日本息转入钱包可用余额。' });
    expect(good.author).toMatchObject({ id: expert.memberId, badges: ['expert'], badgeTitle: '持牌理财师' });
    const meh = await postReply(sys(), other, question.id, { body: '好像要等几天' });

    const accept = (token: string, replyId: string) => request(sys(), token, 'POST', `/threads/${question.id}/accept`, { replyId });
    expect(codeOf(await accept(other.token, good.id))).toBe('FORBIDDEN');
    const ok = await accept(asker.token, good.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ acceptedReplyId: good.id });
    expect((await accept(asker.token, good.id)).statusCode).toBe(200);
    const conflict = await accept(asker.token, meh.id);
    expect(conflict.statusCode).toBe(409);
    expect(codeOf(conflict)).toBe('ANSWER_STATE_CONFLICT');

    const detail = (await request(sys(), undefined, 'GET', `/threads/${question.id}`)).json();
    expect(detail.acceptedReplyId).toBe(good.id);
    expect(detail.acceptedReply).toMatchObject({ id: good.id, accepted: true });
    expect(detail.replies.items.map((r: { accepted: boolean }) => r.accepted)).toEqual([true, false]);
    await sys().platform.outbox.drainAll();
    const told = (await request(sys(), expert.token, 'GET', '/me/inbox')).json().items.map((n: { title: string }) => n.title);
    expect(told.some((t: string) => t.includes('采纳'))).toBe(true);

    // The accepted answer's author deleting it frees the asker to accept another.
    expect((await request(sys(), expert.token, 'DELETE', `/replies/${good.id}`)).statusCode).toBe(204);
    expect((await accept(asker.token, meh.id)).json()).toEqual({ acceptedReplyId: meh.id });

    // Only questions have accepted answers.
    const post = await postThread(sys(), asker, { title: '普通帖子', body: '不是提问' });
    const reply = await postReply(sys(), other, post.id, { body: '回复' });
    const notQuestion = await request(sys(), asker.token, 'POST', `/threads/${post.id}/accept`, { replyId: reply.id });
    expect(codeOf(notQuestion)).toBe('VALIDATION_FAILED');
  });

  it('shows operators the questions nobody has replied to, oldest first', async () => {
    const [asker, helper] = [await member(), await member()];
    const growth = await operatorLogin(sys().app, 'growth');
    expect((await call(sys().app, { url: '/api/v1/console/forum/questions/unanswered', token: growth })).statusCode).toBe(403);
    const manager = await operatorLogin(sys().app, 'community');
    const before = new Set((await unanswered(manager, '?limit=50')).items.map((q) => q.id));

    const ids: string[] = [];
    for (const title of ['最早的问题', '第二个问题', '第三个问题']) {
      sys().clock.advance(60_000);
      ids.push((await postThread(sys(), asker, { kind: 'question', title, body: '求解答' })).id);
    }
    await postThread(sys(), asker, { title: '不是问题的帖子', body: '分享' });
    await postReply(sys(), helper, ids[1]!, { body: '我来回答' });

    const seen: Array<{ id: string; replyCount: number }> = [];
    let cursor: string | null = null;
    do {
      const page = await unanswered(manager, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const mine = seen.filter((q) => !before.has(q.id));
    expect(mine.map((q) => q.id)).toEqual([ids[0], ids[2]]);
    expect(mine.every((q) => q.replyCount === 0)).toBe(true);
  });
});
