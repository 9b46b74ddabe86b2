import { beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../../platform/db/transact.js';
import { call } from '../../../test/harness.js';
import { freshPhone, operatorLogin, registerMember, useDemoSystem } from '../../../test/flows.js';
import { installMemoryTargets } from './test-targets.js';

const env = useDemoSystem();
let targets: ReturnType<typeof installMemoryTargets>;
let community: string;

beforeAll(async () => {
  targets = installMemoryTargets(env.sys.modules.moderation);
  community = await operatorLogin(env.sys.app, 'community');
  await env.sys.modules.moderation.ready();
});

const moderation = () => env.sys.modules.moderation;
const publicLog = async (query = '') => (await call(env.sys.app, { url: `/api/v1/public/modlog${query}` })).json();
const queue = async () => (await call(env.sys.app, { url: '/api/v1/console/moderation/queue', token: community })).json();

describe('screening', () => {
  it('flags contact spam, holds promised returns, and lets negations pass, from the seeded list', () => {
    expect(moderation().screen('加我微信聊')).toMatchObject({ verdict: 'flag', matches: [{ word: '加我微信', ruleCode: 'R2' }] });
    expect(moderation().screen('保本高收益')).toMatchObject({
      verdict: 'hold',
      matches: [{ word: '保本', category: 'promise', ruleCode: 'R3' }],
    });
    expect(moderation().screen('稳赚不赔').verdict).toBe('block');
    expect(moderation().screen('非保本产品')).toEqual({ verdict: 'pass', matches: [] });
    expect(moderation().screen('这个平台的提现太慢了，我要投诉').verdict).toBe('pass');
  });
});

describe("the filter's actions", () => {
  it('a hold lands in the public log as the filter, enters the queue with the word, notifies the author, and an operator releases it', async () => {
    const author = await registerMember(env.sys.app, env.admin, freshPhone());
    const text = '这款保本高收益，私聊 13900001111';
    const screened = moderation().screen(text);
    expect(screened.verdict).toBe('hold');
    const id = targets.post(author.memberId, text, { visibility: 'public', held: true });
    const { actionId } = await transact(env.sys.platform.db, (trx) =>
      moderation().recordFilter(trx, {
        verdict: 'hold',
        target: { type: 'message', id },
        authorId: author.memberId,
        text,
        match: screened.matches[0]!,
      }),
    );

    const entry = (await publicLog('?action=hold')).items[0];
    expect(entry).toMatchObject({
      id: actionId,
      action: 'hold',
      targetType: 'message',
      rule: { code: 'R3', title: '不承诺收益' },
      reason: '命中敏感词“保本”',
      actor: { kind: 'filter', role: 'word_filter', label: '敏感词过滤' },
    });
    expect(entry.excerpt).toBe('这款保本高收益，私聊 139****1111');

    const held = (await queue()).items.find((i: { kind: string; targetId: string }) => i.kind === 'held' && i.targetId === id);
    expect(held).toMatchObject({ matchedWord: '保本', ruleCode: 'R3', actionId, content: { text, authorId: author.memberId } });

    await env.sys.platform.outbox.drainAll();
    const notice = (await call(env.sys.app, { url: '/api/v1/me/inbox', token: author.token })).json().items[0];
    expect(notice).toMatchObject({ kind: 'moderation', title: '你的消息正在等待审核', link: `/community/appeals/new?action=${actionId}` });
    expect(notice.body).toContain('“保本”');

    // Hide is not for held content; release is.
    const hide = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/moderation/actions',
      token: community,
      body: { action: 'hide', target: { type: 'message', id }, ruleCode: 'R3', reason: 'x' },
    });
    expect(hide.statusCode).toBe(409);
    const release = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/moderation/actions',
      token: community,
      body: { action: 'release', target: { type: 'message', id }, ruleCode: 'R3', reason: '上下文为询问，不是承诺' },
    });
    expect(release.statusCode, release.body).toBe(201);
    expect(targets.effects).toContainEqual([id, 'release']);
    expect((await queue()).items.find((i: { targetId: string }) => i.targetId === id)).toBeUndefined();
    // Released: nothing left to appeal.
    const appeal = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: author.token,
      body: { actionId, reason: '我是在提问' },
    });
    expect(appeal.json().error.code).toBe('APPEAL_NOT_ALLOWED');
  });

  it('a block (content never stored) is published too, and can be appealed', async () => {
    const author = await registerMember(env.sys.app, env.admin, freshPhone());
    const text = '跟我投，稳赚不赔';
    const match = moderation().screen(text).matches[0]!;
    const { actionId } = await moderation().recordFilter(undefined, { verdict: 'block', authorId: author.memberId, text, match });
    const entry = (await call(env.sys.app, { url: `/api/v1/public/modlog/${actionId}` })).json();
    expect(entry).toMatchObject({ action: 'block', targetType: null, excerpt: text, actor: { kind: 'filter' } });
    const appeal = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: author.token,
      body: { actionId, reason: '我在引用别人的话' },
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    // Any operator may decide what the filter did.
    const decided = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/moderation/appeals/${appeal.json().id}/decide`,
      token: community,
      body: { outcome: 'upheld', note: '原文即为收益承诺' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await publicLog('?action=appeal_upheld')).items[0]).toMatchObject({ appealOf: actionId, targetType: null });
    // Filter verdicts are suspicions, not violations, for trust levels.
    expect(await moderation().upheldViolations(author.memberId)).toBe(0);
  });
});

describe('the word list', () => {
  it('is managed by moderators only, audited, and screening follows at once', async () => {
    const growth = await operatorLogin(env.sys.app, 'growth');
    const words = (token: string) => call(env.sys.app, { url: '/api/v1/console/moderation/words', token });
    expect((await words(growth)).statusCode).toBe(403);
    const list = (await words(community)).json().items;
    expect(list.map((w: { word: string }) => w.word)).toEqual(expect.arrayContaining(['加微信', 'vx', '私下转账', '保本', '稳赚不赔']));

    const add = (token: string, body: unknown) =>
      call(env.sys.app, { method: 'POST', url: '/api/v1/console/moderation/words', token, body });
    expect((await add(growth, { word: '高息揽储', category: 'promise', verdict: 'hold', ruleCode: 'R7' })).statusCode).toBe(403);
    expect((await add(community, { word: '高息揽储', category: 'promise', verdict: 'hold', ruleCode: 'R42' })).json().error.code).toBe(
      'RULE_UNKNOWN',
    );
    expect(moderation().screen('高息揽储，月入过万').verdict).toBe('pass');
    const added = await add(community, { word: '高息揽储', category: 'promise', verdict: 'hold', ruleCode: 'R7' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ word: '高息揽储', verdict: 'hold', ruleCode: 'R7', createdBy: '社区经理·周宁' });
    expect(moderation().screen('高息揽储，月入过万')).toMatchObject({ verdict: 'hold', matches: [{ word: '高息揽储', ruleCode: 'R7' }] });

    // Adding it again replaces the verdict (full-width and upper case are the same word).
    const replaced = await add(community, { word: 'ＶＸ', category: 'contact', verdict: 'hold', ruleCode: 'R2' });
    expect(replaced.json()).toMatchObject({ word: 'vx', verdict: 'hold' });
    expect(moderation().screen('加vx聊').verdict).toBe('hold');
    expect((await words(community)).json().items.filter((w: { word: string }) => w.word === 'vx')).toHaveLength(1);

    const remove = (token: string, id: string) =>
      call(env.sys.app, { method: 'DELETE', url: `/api/v1/console/moderation/words/${id}`, token });
    expect((await remove(growth, added.json().id)).statusCode).toBe(403);
    expect((await remove(community, added.json().id)).statusCode).toBe(204);
    expect((await remove(community, added.json().id)).statusCode).toBe(404);
    expect(moderation().screen('高息揽储，月入过万').verdict).toBe('pass');

    const audit = async (action: string) =>
      (await call(env.sys.app, { url: `/api/v1/console/audit-log?action=${action}`, token: env.admin })).json().items;
    expect((await audit('moderation.word_added'))[0]).toMatchObject({ actorName: '社区经理·周宁' });
    expect((await audit('moderation.word_added')).length).toBe(2);
    expect((await audit('moderation.word_removed'))[0]).toMatchObject({ targetId: added.json().id });
  });
});
