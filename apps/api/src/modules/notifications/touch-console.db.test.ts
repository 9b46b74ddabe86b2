import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, operatorLogin, registerMember, useDemoSystem } from '../../../test/flows.js';

// Issue 15 items 1 and 7: sends in the member's language; the console's activity links, 企业微信
// robots and the daily cap.
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;
const api = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) => {
  const res = await call(sys().app, { method, url, token, ...(body === undefined ? {} : { body }) });
  return Object.assign(res, { status: res.statusCode });
};
const inbox = async (token: string) => (await api('GET', '/api/v1/me/inbox', token)).json().items as Array<{ title: string; body: string }>;
const audited = async (action: string) =>
  (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM audit_log WHERE action = ${action}`.execute(sys().platform.db)).rows[0]!.n;

async function templateAndSend(content: Record<string, { title: string; body: string }>, memberIds: string[]) {
  const tpl = await api('POST', '/api/v1/console/notification-templates', env.admin, {
    code: `t.${crypto.randomUUID().slice(0, 8)}`,
    name: '周末讲座',
    topic: 'campaign_news',
    channels: ['in_app'],
    content,
    variables: ['name'],
  });
  expect(tpl.status, tpl.body).toBe(201);
  const created = await api('POST', '/api/v1/console/sends', env.admin, {
    templateId: tpl.json().id,
    name: '周末讲座',
    segment: { memberIds },
    variables: { name: '理财讲座' },
  });
  expect(created.status, created.body).toBe(201);
  expect(await sys().modules.notifications.runSend(created.json().id)).toMatchObject({ status: 'completed' });
}

describe('sends reach each member in their language', () => {
  it('a member who chose English gets the en texts; others, and templates without en, stay zh-CN', async () => {
    const en = await registerMember(sys().app, env.admin, freshPhone());
    const zh = await registerMember(sys().app, env.admin, freshPhone());
    expect((await api('GET', '/api/v1/me/notification-preferences', en.token)).json().locale).toBe('zh-CN');
    const chosen = await api('PUT', '/api/v1/me/notification-preferences', en.token, { locale: 'en' });
    expect(chosen.status, chosen.body).toBe(200);
    expect(chosen.json().locale).toBe('en');
    expect((await api('PUT', '/api/v1/me/notification-preferences', en.token, { locale: 'fr' })).status).toBe(400);
    // Choosing a language keeps the default quiet hours.
    expect(chosen.json().quietHours).toEqual({ start: '22:00', end: '08:00' });

    await templateAndSend(
      {
        'zh-CN': { title: '{{name}}开放报名', body: '本周六{{name}}开放报名' },
        en: { title: '{{name}} is open', body: 'Join {{name}} on Saturday' },
      },
      [en.memberId, zh.memberId],
    );
    expect((await inbox(en.token))[0]).toMatchObject({ title: '理财讲座 is open', body: 'Join 理财讲座 on Saturday' });
    expect((await inbox(zh.token))[0]).toMatchObject({ title: '理财讲座开放报名' });

    await templateAndSend({ 'zh-CN': { title: '{{name}}回放上线', body: '{{name}}的回放已上线' } }, [en.memberId]);
    expect((await inbox(en.token))[0]).toMatchObject({ title: '理财讲座回放上线' });
  });

  it('the English texts pass compliance too before a send is created', async () => {
    const m = await registerMember(sys().app, env.admin, freshPhone());
    const tpl = await api('POST', '/api/v1/console/notification-templates', env.admin, {
      code: `t.${crypto.randomUUID().slice(0, 8)}`,
      name: '活动',
      topic: 'campaign_news',
      channels: ['in_app'],
      content: { 'zh-CN': { title: '{{name}}', body: '欢迎参加{{name}}' }, en: { title: '{{name}}', body: 'Join {{name}}' } },
      variables: ['name'],
    });
    const refused = await api('POST', '/api/v1/console/sends', env.admin, {
      templateId: tpl.json().id,
      name: '活动',
      segment: { memberIds: [m.memberId] },
      variables: { name: '保本理财' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json().error.details.violations.map((v: { field: string }) => v.field)).toEqual(
      expect.arrayContaining(['zh-CN.title', 'en.title']),
    );
  });
});

describe('console: activity links, group robots, the daily cap', () => {
  it('approves, lists and retires activity links; a retired link can no longer be carried; every write audited', async () => {
    const m = await registerMember(sys().app, env.admin, freshPhone());
    const created = await api('POST', '/api/v1/console/activity-links', env.admin, { label: '新人理财节', link: '/campaigns/newcomer' });
    expect(created.status, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await api('GET', '/api/v1/console/activity-links', env.admin)).json().items.map((l: { id: string }) => l.id)).toContain(id);
    expect((await api('POST', '/api/v1/console/activity-links', env.admin, { label: '外链', link: 'https://evil.example' })).status).toBe(
      400,
    );
    const finance = await operatorLogin(sys().app, 'finance');
    expect((await api('DELETE', `/api/v1/console/activity-links/${id}`, finance)).status).toBe(403);

    const retired = await api('DELETE', `/api/v1/console/activity-links/${id}`, env.admin);
    expect(retired.status, retired.body).toBe(204);
    expect((await api('DELETE', `/api/v1/console/activity-links/${id}`, env.admin)).status).toBe(404);
    expect((await api('GET', '/api/v1/console/activity-links', env.admin)).json().items.map((l: { id: string }) => l.id)).not.toContain(id);
    await expect(
      sys().modules.notifications.send({ memberId: m.memberId, topic: 'account', title: 'x', body: 'y', activityLinkId: id }),
    ).rejects.toMatchObject({ code: 'ACTIVITY_LINK_NOT_APPROVED' });
    expect(await audited('touch.activity_link.approved')).toBeGreaterThanOrEqual(1);
    expect(await audited('touch.activity_link.retired')).toBe(1);
  });

  it('refuses robot webhooks that are not http(s) or reach a private address in any notation or through a name', async () => {
    const robot = (webhookUrl: string) => api('POST', '/api/v1/console/wecom-robots', env.admin, { name: '群机器人', webhookUrl });
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://user:pw@example.com/hook',
      'http://2130706433/hook',
      'http://0x7f.1/hook',
      'http://127.1/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::7f00:1]/hook',
      'http://[fe80::1]/hook',
      'http://[fd00::1]/hook',
      'http://100.64.0.1/hook',
      'http://224.0.0.1/hook',
      'http://localhost./hook',
      'http://metadata.internal/hook',
      // Resolves to 127.0.0.1 through the hosts file: the name looks public, the address is not.
      'http://vm/hook',
    ]) {
      const res = await robot(url);
      expect(res.status, url).toBe(400);
      expect(res.json().error.code, url).toBe('WEBHOOK_URL_INVALID');
    }
    expect(await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM notification_wecom_robots`.execute(sys().platform.db)).toMatchObject({
      rows: [{ n: 0 }],
    });
  });

  it('adds, posts to and retires a robot; posts queued before retiring fail instead of going out', async () => {
    const created = await api('POST', '/api/v1/console/wecom-robots', env.admin, {
      name: '理财交流群',
      webhookUrl: `${sys().url}/sandbox/wechat/cgi-bin/webhook/send?key=retire-me`,
    });
    expect(created.status, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().webhook).toMatch(/key=\*\*\*\*$/);
    const queued = await api('POST', `/api/v1/console/wecom-robots/${id}/messages`, env.admin, { title: '早报', body: '市场平稳' });
    expect(queued.status, queued.body).toBe(202);
    expect((await api('DELETE', `/api/v1/console/wecom-robots/${id}`, env.admin)).status).toBe(204);
    expect((await api('GET', '/api/v1/console/wecom-robots', env.admin)).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await api('POST', `/api/v1/console/wecom-robots/${id}/messages`, env.admin, { title: '早报', body: 'x' })).status).toBe(404);
    expect((await api('DELETE', `/api/v1/console/wecom-robots/${id}`, env.admin)).status).toBe(404);
    await sys().modules.notifications.deliverDue();
    const delivery = (
      await sql<{ status: string; provider_code: string | null }>`
        SELECT status, provider_code FROM notification_deliveries WHERE id = ${queued.json().deliveryId}`.execute(sys().platform.db)
    ).rows[0];
    expect(delivery).toMatchObject({ status: 'failed', provider_code: 'NO_WEBHOOK' });
    const got = (await (await fetch(`${sys().url}/sandbox/wechat/received?kind=robot`)).json()) as { items: Array<{ target: string }> };
    expect(got.items.filter((i) => i.target === 'retire-me')).toEqual([]);
    expect(await audited('touch.wecom_robot.retired')).toBe(1);
  });

  it('reads and sets the daily cap (default 3), refuses nonsense, audits the change', async () => {
    expect((await api('GET', '/api/v1/console/touch-settings', env.admin)).json()).toMatchObject({ dailyCap: 3 });
    expect((await api('PUT', '/api/v1/console/touch-settings', env.admin, { dailyCap: -1 })).status).toBe(400);
    expect((await api('PUT', '/api/v1/console/touch-settings', env.admin, { dailyCap: '5' })).status).toBe(400);
    const set = await api('PUT', '/api/v1/console/touch-settings', env.admin, { dailyCap: 5 });
    expect(set.status, set.body).toBe(200);
    expect(set.json()).toMatchObject({ dailyCap: 5 });
    expect((await api('GET', '/api/v1/console/touch-settings', env.admin)).json()).toMatchObject({ dailyCap: 5 });
    expect(await audited('touch.settings.updated')).toBeGreaterThanOrEqual(1);
  });
});
