import { beforeAll, describe, expect, it } from 'vitest';
import { createGroup, join, regulars, type Member } from '../../../test/community-flows.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';

const env = useDemoSystem();
let manager: string;
let group: { id: string };
const DAY = 86_400_000;

const send = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, token = manager) =>
  call(env.sys.app, { method, url, token, body });
const drain = () => env.sys.platform.outbox.drainAll();
const tick = () => env.sys.modules.communityOps.tick(env.sys.clock.now());
const inbox = async (m: Member) =>
  (await call(env.sys.app, { url: '/api/v1/me/inbox?limit=50', token: m.token })).json().items as Array<{
    title: string;
    body: string;
    link: string;
  }>;

const FORMATION = {
  kind: 'stage',
  name: '组建期三日计划',
  stage: 'formation',
  steps: [
    { dayOffset: 1, time: '08:30', title: '破冰', body: '大家好！请用一句话介绍自己：你最关心哪类理财问题？' },
    { dayOffset: 0, time: '20:00', title: '群规', body: '欢迎来到本圈，发言前请阅读社区公约，理性交流。' },
    { dayOffset: 2, time: '12:00', title: '答疑', body: '今天中午理财师在线答疑，欢迎提问。' },
  ],
};
const LIFECYCLE = {
  kind: 'lifecycle',
  name: '新人 7 日陪伴',
  steps: [
    { day: 0, title: '欢迎加入{{group}}', body: '{{nickname}}，欢迎你！置顶消息里有新手指南。' },
    { day: 1, title: '新手指南', body: '试试在群里问一个问题，理财师会回复你。' },
    { day: 3, title: '第三天', body: '你已经加入 3 天了，有没有感兴趣的话题？' },
    { day: 7, title: '一周回访', body: '加入一周了，欢迎告诉我们你的感受。' },
  ],
};

beforeAll(async () => {
  group = await createGroup(env.sys, { name: '新圈组建中', visibility: 'public', joinPolicy: 'open' });
  manager = await operatorLogin(env.sys.app, 'community');
});

describe('SOP templates', () => {
  it('applies a stage template as calendar entries on the right days and times', async () => {
    const created = await send('POST', '/api/v1/console/sop-templates', FORMATION);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().steps.map((s: { title: string }) => s.title)).toEqual(['群规', '破冰', '答疑']);
    const applied = await send('POST', `/api/v1/console/groups/${group.id}/sop-applications`, { templateId: created.json().id });
    expect(applied.statusCode, applied.body).toBe(201);
    const entries = applied.json().entries as Array<{ title: string; nextRunAt: string; repeat: string; fromSop: boolean }>;
    expect(entries.map((e) => [e.title, e.repeat, e.fromSop])).toEqual([
      ['群规', 'once', true],
      ['破冰', 'once', true],
      ['答疑', 'once', true],
    ]);
    // The test clock starts at 10:00 Shanghai: 20:00 today, 08:30 tomorrow, 12:00 the day after.
    const now = env.sys.clock.now().getTime();
    expect(entries.map((e) => (new Date(e.nextRunAt).getTime() - now) / 3600_000)).toEqual([10, 22.5, 50]);
    expect(applied.json().application).toMatchObject({ kind: 'stage', scheduled: 3, sent: 0, active: true });
    const calendar = (await send('GET', `/api/v1/console/groups/${group.id}/calendar`)).json().items;
    expect(calendar.filter((e: { fromSop: boolean }) => e.fromSop)).toHaveLength(3);

    // Stopping the plan cancels what has not been posted.
    const appId = applied.json().application.id;
    expect((await send('DELETE', `/api/v1/console/groups/${group.id}/sop-applications/${appId}`)).statusCode).toBe(204);
    expect(
      (await send('GET', `/api/v1/console/groups/${group.id}/calendar`)).json().items.filter((e: { fromSop: boolean }) => e.fromSop),
    ).toEqual([]);
    const apps = (await send('GET', `/api/v1/console/groups/${group.id}/sop-applications`)).json().items;
    expect(apps[0]).toMatchObject({ active: false, templateName: '组建期三日计划' });
  });

  it('sends lifecycle messages on day 0, 1, 3 and 7 to members who join after it is applied, while they stay', async () => {
    const created = await send('POST', '/api/v1/console/sop-templates', LIFECYCLE);
    expect(created.statusCode, created.body).toBe(201);
    const [early] = (await regulars(env.sys, 1)) as [Member];
    await join(env.sys, early, group.id);
    await drain();
    manager = await operatorLogin(env.sys.app, 'community');
    const applied = await send('POST', `/api/v1/console/groups/${group.id}/sop-applications`, { templateId: created.json().id });
    expect(applied.statusCode, applied.body).toBe(201);
    const twice = await send('POST', `/api/v1/console/groups/${group.id}/sop-applications`, { templateId: created.json().id });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.code).toBe('SOP_TEMPLATE_INVALID');

    const [newcomer, leaver] = (await regulars(env.sys, 2)) as [Member, Member];
    const nickname = (await call(env.sys.app, { url: '/api/v1/me', token: newcomer.token })).json().nickname as string;
    await join(env.sys, newcomer, group.id);
    await join(env.sys, leaver, group.id);
    await drain();
    expect((await tick()).lifecycle).toEqual({ sent: 2 });
    const day0 = (await inbox(newcomer)).find((n) => n.title === '欢迎加入新圈组建中')!;
    expect(day0).toMatchObject({ body: `${nickname}，欢迎你！置顶消息里有新手指南。`, link: `/community/groups/${group.id}` });

    await call(env.sys.app, { method: 'POST', url: `/api/v1/groups/${group.id}/leave`, token: leaver.token });
    env.sys.clock.advance(DAY);
    expect((await tick()).lifecycle).toEqual({ sent: 1 });
    env.sys.clock.advance(2 * DAY);
    expect((await tick()).lifecycle).toEqual({ sent: 1 });
    env.sys.clock.advance(4 * DAY);
    expect((await tick()).lifecycle).toEqual({ sent: 1 });
    expect((await tick()).lifecycle).toEqual({ sent: 0 });
    const titles = (await inbox(newcomer)).map((n) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['欢迎加入新圈组建中', '新手指南', '第三天', '一周回访']));
    // The member who was already there and the one who left hear only what came before.
    expect((await inbox(early)).map((n) => n.title)).not.toContain('新手指南');
    expect((await inbox(leaver)).map((n) => n.title)).not.toContain('新手指南');
    manager = await operatorLogin(env.sys.app, 'community');
    const apps = (await send('GET', `/api/v1/console/groups/${group.id}/sop-applications`)).json().items;
    expect(apps.find((a: { kind: string; active: boolean }) => a.kind === 'lifecycle' && a.active)).toMatchObject({
      scheduled: 8,
      sent: 5,
    });
  });

  it('refuses templates with promised returns, unknown variables, repeated days or bad steps, and unknown templates or groups', async () => {
    const bad = async (body: unknown, status: number, code: string) => {
      const res = await send('POST', '/api/v1/console/sop-templates', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    };
    await bad({ ...LIFECYCLE, steps: [{ day: 0, title: '欢迎', body: '加入即享保本收益' }] }, 422, 'MARKETING_COMPLIANCE');
    await bad({ ...LIFECYCLE, steps: [{ day: 0, title: '欢迎', body: '你好 {{phone}}' }] }, 400, 'TEMPLATE_VARIABLE_UNKNOWN');
    await bad({ ...LIFECYCLE, steps: [LIFECYCLE.steps[0], LIFECYCLE.steps[0]] }, 400, 'SOP_TEMPLATE_INVALID');
    await bad({ ...FORMATION, stage: 'growth' }, 400, 'VALIDATION_FAILED');
    await bad({ ...FORMATION, steps: [{ ...FORMATION.steps[0], time: '25:00' }] }, 400, 'VALIDATION_FAILED');
    await bad({ ...FORMATION, steps: [] }, 400, 'VALIDATION_FAILED');
    await bad({ kind: 'lifecycle', name: '缺步骤', stage: 'formation', steps: LIFECYCLE.steps }, 400, 'VALIDATION_FAILED');
    const apply = (groupId: string, templateId: string) =>
      send('POST', `/api/v1/console/groups/${groupId}/sop-applications`, { templateId });
    expect((await apply(group.id, crypto.randomUUID())).statusCode).toBe(404);
    const tpl = (await send('GET', '/api/v1/console/sop-templates')).json().items[0].id as string;
    expect((await apply(crypto.randomUUID(), tpl)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/v1/console/sop-templates/${tpl}`)).statusCode).toBe(204);
    expect((await apply(group.id, tpl)).statusCode).toBe(404);
    const audit = await send('GET', `/api/v1/console/audit-log?targetId=${tpl}`, undefined, await operatorLogin(env.sys.app));
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      'community_ops.sop_template_deleted',
      'community_ops.sop_template_created',
    ]);
  });
});
