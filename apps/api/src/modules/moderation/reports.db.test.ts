import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, operatorLogin, registerMember, useDemoSystem } from '../../../test/flows.js';
import { installMemoryTargets } from './test-targets.js';

const env = useDemoSystem();
let targets: ReturnType<typeof installMemoryTargets>;
let community: string;
let service: string;

beforeAll(async () => {
  targets = installMemoryTargets(env.sys.modules.moderation);
  community = await operatorLogin(env.sys.app, 'community');
  service = await operatorLogin(env.sys.app, 'service');
});

const member = () => registerMember(env.sys.app, env.admin, freshPhone());
const report = (token: string | undefined, body: unknown) => call(env.sys.app, { method: 'POST', url: '/api/v1/reports', token, body });
const queue = async (token = community) => (await call(env.sys.app, { url: '/api/v1/console/moderation/queue', token })).json();
const itemFor = async (targetId: string) => (await queue()).items.find((i: { targetId: string }) => i.targetId === targetId);

describe('reports', () => {
  it('need a login, a known target and a rule; one open report per member and target', async () => {
    const [author, a, b] = await Promise.all([member(), member(), member()]);
    const id = targets.post(author.memberId, '加我微信，带你稳赚');
    expect((await report(undefined, { targetType: 'message', targetId: id, ruleCode: 'R2' })).statusCode).toBe(401);
    expect((await report(a.token, { targetType: 'message', targetId: id })).json().error.code).toBe('RULE_REQUIRED');
    expect((await report(a.token, { targetType: 'message', targetId: id, ruleCode: 'R0' })).json().error.code).toBe('RULE_UNKNOWN');
    expect((await report(a.token, { targetType: 'message', targetId: crypto.randomUUID(), ruleCode: 'R2' })).statusCode).toBe(404);
    expect((await report(a.token, { targetType: 'gossip', targetId: id, ruleCode: 'R2' })).statusCode).toBe(400);
    expect((await report(a.token, { targetType: 'message', targetId: 'not-a-uuid', ruleCode: 'R2' })).statusCode).toBe(400);

    const first = await report(a.token, { targetType: 'message', targetId: id, ruleCode: 'R2', note: '引流到微信' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().status).toBe('open');
    const dup = await report(a.token, { targetType: 'message', targetId: id, ruleCode: 'R3' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'REPORT_DUPLICATE', message: '您已举报过该内容，我们会尽快处理' });
    expect((await report(b.token, { targetType: 'message', targetId: id, ruleCode: 'R3' })).statusCode).toBe(201);

    // One queue item for the target, with both reports and the rules they cite.
    const item = await itemFor(id);
    expect(item).toMatchObject({
      kind: 'reports',
      targetType: 'message',
      reportCount: 2,
      content: { text: '加我微信，带你稳赚', authorId: author.memberId },
    });
    expect(item.rules).toEqual(
      expect.arrayContaining([
        { code: 'R2', count: 1 },
        { code: 'R3', count: 1 },
      ]),
    );
    expect(item.reports.map((r: { note: string | null }) => r.note)).toEqual(['引流到微信', null]);

    // Acting on the target settles its reports; the reporter may report it again afterwards.
    const hide = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/moderation/actions',
      token: service,
      body: { action: 'hide', target: { type: 'message', id }, ruleCode: 'R2', reason: '站外引流' },
    });
    expect(hide.statusCode, hide.body).toBe(201);
    expect(await itemFor(id)).toBeUndefined();
    expect((await report(a.token, { targetType: 'message', targetId: id, ruleCode: 'R2' })).statusCode).toBe(201);
  });

  it('staff dismiss a target’s reports together (audited); members can be reported too', async () => {
    const [critic, a, b] = await Promise.all([member(), member(), member()]);
    const id = targets.post(critic.memberId, '平台的提现速度太慢了，希望改进');
    const r1 = await report(a.token, { targetType: 'message', targetId: id, ruleCode: 'R4' });
    await report(b.token, { targetType: 'message', targetId: id, ruleCode: 'R4' });
    const dismiss = (token: string, reportId: string) =>
      call(env.sys.app, {
        method: 'POST',
        url: `/api/v1/console/moderation/reports/${reportId}/dismiss`,
        token,
        body: { note: '正常的批评，不违反公约' },
      });
    const growth = await operatorLogin(env.sys.app, 'growth');
    expect((await dismiss(growth, r1.json().id)).statusCode).toBe(403);
    const res = await dismiss(community, r1.json().id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dismissed: 2 });
    expect((await dismiss(community, r1.json().id)).statusCode).toBe(409);
    expect(await itemFor(id)).toBeUndefined();
    expect(targets.state(id)).toBe('visible');
    const audit = (
      await call(env.sys.app, { url: '/api/v1/console/audit-log?action=moderation.reports_dismissed', token: env.admin })
    ).json();
    expect(audit.items[0]).toMatchObject({ actorName: '社区经理·周宁', targetId: id });

    const user = await report(a.token, { targetType: 'member', targetId: critic.memberId, ruleCode: 'R1', note: '私信骚扰' });
    expect(user.statusCode, user.body).toBe(201);
    expect(await itemFor(critic.memberId)).toMatchObject({ targetType: 'member', reportCount: 1 });
    expect((await queue(growth)).error.code).toBe('FORBIDDEN');
  });
});

describe('the logs', () => {
  it('page the public log by keyset, filter by action and rule, and keep staff detail in the console', async () => {
    const author = await member();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = targets.post(author.memberId, `第 ${i} 条广告`, { visibility: 'public' });
      const res = await call(env.sys.app, {
        method: 'POST',
        url: '/api/v1/console/moderation/actions',
        token: community,
        body: { action: i % 2 ? 'warn' : 'delete', target: { type: 'message', id }, ruleCode: 'R6', reason: `广告 ${i}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string; rule: { code: string } }>; nextCursor: string | null } = (
        await call(env.sys.app, { url: `/api/v1/public/modlog?rule=R6&limit=2${cursor ? `&cursor=${cursor}` : ''}` })
      ).json();
      expect(page.items.every((e) => e.rule.code === 'R6')).toBe(true);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const warns = (await call(env.sys.app, { url: '/api/v1/public/modlog?action=warn&rule=R6' })).json();
    expect(warns.items.map((e: { id: string }) => e.id)).toEqual([ids[3], ids[1]]);
    expect((await call(env.sys.app, { url: '/api/v1/public/modlog?action=nonsense' })).statusCode).toBe(400);
    expect((await call(env.sys.app, { url: `/api/v1/public/modlog/${crypto.randomUUID()}` })).statusCode).toBe(404);

    const staffLog = (token: string) => call(env.sys.app, { url: `/api/v1/console/moderation/log?memberId=${author.memberId}`, token });
    const growth = await operatorLogin(env.sys.app, 'growth');
    expect((await staffLog(growth)).statusCode).toBe(403);
    const staff = (await staffLog(community)).json();
    expect(staff.items).toHaveLength(5);
    expect(staff.items[0]).toMatchObject({ actorName: '社区经理·周宁', subjectMemberId: author.memberId, excerpt: '第 4 条广告' });

    // Upheld violations: every human action that stands.
    expect(await env.sys.modules.moderation.upheldViolations(author.memberId)).toBe(5);
    expect(await env.sys.modules.moderation.upheldViolations(author.memberId, new Date(env.sys.clock.now().getTime() + 1000))).toBe(0);
  });
});
