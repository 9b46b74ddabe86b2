import { beforeAll, describe, expect, it } from 'vitest';
import { createGroup, join, post, regulars, type Member } from '../../../test/community-flows.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { sql } from 'kysely';
import { transact } from '../../platform/db/transact.js';
import { call } from '../../../test/harness.js';

const env = useDemoSystem();
let manager: string;
let group: { id: string };
let alice: Member, bob: Member;

type Msg = { id: string; text: string; author: { id: string; nickname: string; badges: string[] }; replyTo: { id: string } | null };
const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string, body?: unknown) =>
  call(env.sys.app, { method, url, token, body });
const drain = () => env.sys.platform.outbox.drainAll();
const rules = (id = group.id) => `/api/v1/console/groups/${id}/keyword-replies`;
const messages = async () => {
  const res = await send('GET', `/api/v1/console/groups/${group.id}/messages?limit=100`, manager);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Msg[];
};
const official = async () => (await messages()).filter((m) => m.author.nickname === '圈子官方');
/** Delivers an already-dispatched event again (the outbox is at least once): same payload, new event id. */
async function redeliver(name: string, key: string, value: string) {
  const { rows } = await sql<{ payload: Record<string, unknown> }>`
    SELECT payload FROM outbox_events WHERE name = ${name} AND payload->>${key} = ${value}`.execute(env.sys.platform.db);
  expect(rows.length).toBeGreaterThan(0);
  await transact(env.sys.platform.db, (trx) => env.sys.platform.outbox.emit(trx, name, rows[0]!.payload));
  await drain();
}
const say = async (member: Member, text: string) => {
  const res = await post(env.sys, member, group.id, { text });
  expect(res.statusCode, res.body).toBe(201);
  await drain();
  return res.json() as { id: string };
};

beforeAll(async () => {
  group = await createGroup(env.sys, { name: '新手理财问答', visibility: 'public', joinPolicy: 'open' });
  [alice, bob] = (await regulars(env.sys, 2)) as [Member, Member];
  for (const m of [alice, bob]) expect((await join(env.sys, m, group.id)).statusCode).toBe(200);
  manager = await operatorLogin(env.sys.app, 'community');
  await drain();
});

describe('keyword auto-replies', () => {
  it('answers exact, contains and regex rules as the official account, quoting the trigger; never itself', async () => {
    const created = await send('POST', rules(), manager, {
      matchKind: 'contains',
      pattern: '体验金',
      reply: '体验金说明：体验金可购买指定产品，到期收回本金，收益归你。想了解更多体验金规则请看公告。',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ matchKind: 'contains', enabled: true, hitCount: 0 });
    env.sys.clock.advance(1000);
    expect(
      (
        await send('POST', rules(), manager, {
          matchKind: 'exact',
          pattern: '客服',
          reply: '人工客服 9:00–21:00 在线，可在“我的-帮助”中联系。',
        })
      ).statusCode,
    ).toBe(201);
    env.sys.clock.advance(1000);
    expect(
      (
        await send('POST', rules(), manager, {
          matchKind: 'regex',
          pattern: '^(怎么|如何)开户',
          reply: '开户只需手机号注册并完成实名认证。',
        })
      ).statusCode,
    ).toBe(201);

    const trigger = await say(alice, '请问体验金怎么用');
    const replies = await official();
    expect(replies).toHaveLength(1);
    // The official reply mentions the keyword itself, and still triggered nothing more.
    expect(replies[0]).toMatchObject({ replyTo: { id: trigger.id }, author: { badges: ['staff'] } });
    expect(replies[0]!.text).toContain('体验金说明');

    // Delivered twice, answered once.
    await redeliver('community.message_posted', 'messageId', trigger.id);
    expect(await official()).toHaveLength(1);

    await say(bob, '我想找客服投诉一下'); // exact rule: not the whole message
    expect(await official()).toHaveLength(1);
    await say(bob, ' 客服 ');
    await say(alice, '如何开户？');
    await say(alice, '我不知道如何开户'); // regex anchored at the start
    const texts = (await official()).map((m) => m.text);
    expect(texts).toHaveLength(3);
    expect(texts).toEqual(expect.arrayContaining([expect.stringContaining('人工客服'), expect.stringContaining('开户只需')]));
    const list = (await send('GET', rules(), manager)).json().items as Array<{ pattern: string; hitCount: number }>;
    expect(list.map((r) => [r.pattern, r.hitCount])).toEqual([
      ['体验金', 1],
      ['客服', 1],
      ['^(怎么|如何)开户', 1],
    ]);
  });

  it('replies at most three times a minute per group, so bots cannot loop', async () => {
    env.sys.clock.advance(120_000);
    const before = (await official()).length;
    for (let i = 0; i < 6; i++) await say(i % 2 ? alice : bob, `体验金 ${i}`);
    expect((await official()).length - before).toBe(3);
    env.sys.clock.advance(61_000);
    await say(alice, '体验金还有问题');
    expect((await official()).length - before).toBe(4);
  });

  it('refuses a regex that backtracks forever, one that is not a regex, promised returns, and bad input — with clear 4xx', async () => {
    const bad = async (body: unknown, status: number, code: string, id = group.id) => {
      const res = await send('POST', rules(id), manager, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
      return res.json();
    };
    const started = Date.now();
    await bad({ matchKind: 'regex', pattern: '(a+)+$', reply: '好' }, 400, 'KEYWORD_PATTERN_UNSAFE');
    await bad({ matchKind: 'regex', pattern: '^(\\w+\\s?)*$', reply: '好' }, 400, 'KEYWORD_PATTERN_UNSAFE');
    expect(Date.now() - started).toBeLessThan(3000);
    await bad({ matchKind: 'regex', pattern: '(unclosed', reply: '好' }, 400, 'KEYWORD_PATTERN_INVALID');
    const compliance = await bad(
      { matchKind: 'contains', pattern: '收益', reply: '本产品保本保息，稳 赚不赔' },
      422,
      'MARKETING_COMPLIANCE',
    );
    expect(compliance.error.details.violations.map((v: { word: string }) => v.word)).toEqual(['保本保息', '稳赚不赔']);
    await bad({ matchKind: 'glob', pattern: '*', reply: '好' }, 400, 'VALIDATION_FAILED');
    await bad({ matchKind: 'contains', pattern: '', reply: '好' }, 400, 'VALIDATION_FAILED');
    await bad({ matchKind: 'contains', pattern: 'x'.repeat(201), reply: '好' }, 400, 'VALIDATION_FAILED');
    await bad({ matchKind: 'contains', pattern: '好', reply: '好' }, 404, 'NOT_FOUND', crypto.randomUUID());
    const growth = await operatorLogin(env.sys.app, 'growth');
    expect((await send('POST', rules(), growth, { matchKind: 'contains', pattern: '好', reply: '好' })).statusCode).toBe(403);
    expect((await send('GET', rules(), manager)).json().items).toHaveLength(3);
  });

  it('switches rules off and deletes them (audited); a deleted rule answers nothing', async () => {
    env.sys.clock.advance(120_000);
    const list = (await send('GET', rules(), manager)).json().items as Array<{ id: string; pattern: string }>;
    const experience = list.find((r) => r.pattern === '体验金')!;
    const off = await send('PATCH', `${rules()}/${experience.id}`, manager, { enabled: false });
    expect(off.json()).toMatchObject({ enabled: false });
    const before = (await official()).length;
    await say(alice, '体验金又来了');
    expect((await official()).length).toBe(before);
    expect((await send('DELETE', `${rules()}/${experience.id}`, manager)).statusCode).toBe(204);
    expect((await send('DELETE', `${rules()}/${experience.id}`, manager)).statusCode).toBe(404);
    expect((await send('GET', rules(), manager)).json().items.map((r: { id: string }) => r.id)).not.toContain(experience.id);
    const audit = await send('GET', `/api/v1/console/audit-log?targetId=${group.id}&pageSize=50`, await operatorLogin(env.sys.app));
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'community_ops.keyword_reply_created',
        'community_ops.keyword_reply_disabled',
        'community_ops.keyword_reply_deleted',
      ]),
    );
  });
});

describe('the welcome message', () => {
  it('greets each member who joins, by name, as the official account — again after leaving and coming back', async () => {
    const put = (body: unknown) => send('PUT', `/api/v1/console/groups/${group.id}/ops-settings`, manager, body);
    const bad = await put({ welcomeTemplate: '欢迎加入，本圈产品零风险' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('MARKETING_COMPLIANCE');
    expect((await put({ welcomeTemplate: '欢迎 {{ phone }}' })).json().error.code).toBe('TEMPLATE_VARIABLE_UNKNOWN');
    const ok = await put({ welcomeTemplate: '欢迎 {{nickname}} 加入「{{group}}」！提问前可以先看看群公告。' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().welcomeTemplate).toContain('{{nickname}}');

    const [carol] = (await regulars(env.sys, 1)) as [Member];
    manager = await operatorLogin(env.sys.app, 'community');
    const nickname = (await call(env.sys.app, { url: '/api/v1/me', token: carol.token })).json().nickname as string;
    expect((await join(env.sys, carol, group.id)).statusCode).toBe(200);
    await drain();
    await drain();
    const welcomes = () => official().then((ms) => ms.filter((m) => m.text.startsWith('欢迎')));
    expect((await welcomes()).map((m) => m.text)).toEqual([`欢迎 ${nickname} 加入「新手理财问答」！提问前可以先看看群公告。`]);
    await redeliver('community.member_joined', 'memberId', carol.memberId);
    expect(await welcomes()).toHaveLength(1);

    expect(
      (await call(env.sys.app, { method: 'POST', url: `/api/v1/groups/${group.id}/leave`, token: carol.token })).statusCode,
    ).toBeLessThan(300);
    env.sys.clock.advance(60_000);
    expect((await join(env.sys, carol, group.id)).statusCode).toBe(200);
    await drain();
    expect(await welcomes()).toHaveLength(2);

    // Switched off: the next member joins in silence.
    expect((await put({ welcomeTemplate: null })).json().welcomeTemplate).toBeNull();
    const [dave] = (await regulars(env.sys, 1)) as [Member];
    manager = await operatorLogin(env.sys.app, 'community');
    await join(env.sys, dave, group.id);
    await drain();
    expect(await welcomes()).toHaveLength(2);
  });
});
