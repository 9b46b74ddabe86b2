import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientAddress, DESKTOP, launch, newPage, screenshot } from './browser';

const address = clientAddress();
async function api(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(`${inject('baseUrl')}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      origin: inject('baseUrl'),
      'x-forwarded-for': address,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function loginCommunityManager(page: Page) {
  await page.goto(`${inject('baseUrl')}/console/login`);
  await page.getByLabel('用户名').fill('community');
  await page.getByLabel('密码').fill('Quanzi2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain('/login');
}

describe('community operations in the console', () => {
  it('the community manager sees the unanswered alarm, the roster, a group’s automation and the SOP templates', async () => {
    const { page, context } = await newPage(browser, { viewport: DESKTOP });
    await loginCommunityManager(page);
    await page.getByRole('menuitem', { name: '未回复告警' }).click();
    await page.waitForLoadState('networkidle');

    // 周宁 is on duty whatever the hour the tests run at (the demo's roster is 09:00–21:00).
    const manager = (await api('/api/v1/console/auth/login', {
      method: 'POST',
      body: { username: 'community', password: 'Quanzi2026' },
    })) as {
      token: string;
      operator: { id: string };
    };
    for (let weekday = 1; weekday <= 7; weekday++)
      await api('/api/v1/console/duty-roster', {
        method: 'POST',
        token: manager.token,
        body: { operatorId: manager.operator.id, weekday, start: '00:00', end: '23:59' },
      });

    // A member asks in 稳健理财交流圈; nobody answers for 11 minutes; the minute job raises the alarm.
    const { token } = (await api('/api/v1/auth/login', { method: 'POST', body: { phone: '13800000002', password: 'Quanzi2026' } })) as {
      token: string;
    };
    const groups = (await api('/api/v1/groups?view=discover&limit=50', { token })).items as Array<{ id: string; name: string }>;
    const mine = (await api('/api/v1/groups?view=mine&limit=50', { token })).items as Array<{ id: string; name: string }>;
    const group = [...groups, ...mine].find((g) => g.name === '稳健理财交流圈')!;
    await api(`/api/v1/groups/${group.id}/join`, { method: 'POST', token, body: {} });
    const question = `请问活期转定期要多久到账？（${Date.now() % 10000}）`;
    await api(`/api/v1/groups/${group.id}/messages`, { method: 'POST', token, body: { text: question } });
    // The worker hears of the message through the outbox first.
    await new Promise((r) => setTimeout(r, 1500));
    await api('/api/test/clock', { method: 'POST', body: { advanceMs: 11 * 60_000 } });
    await api('/api/test/jobs/community-ops-minute', { method: 'POST' });

    // The operator on duty is told at once, over the socket; the open board refreshes itself.
    await expect.poll(() => page.getByText('你正在值班：有圈友的提问超时无人回复').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText(question).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('超时未回复').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'ops-alarms');

    await page.getByRole('menuitem', { name: '值班表' }).click();
    await expect.poll(() => page.getByText('09:00 – 21:00').count(), { timeout: 15_000 }).toBe(7);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'ops-roster');

    await page.getByRole('menuitem', { name: '社群运营' }).click();
    await page.getByTestId('ops-group-select').click();
    await page.getByTitle('稳健理财交流圈').first().click();
    await expect.poll(() => page.getByTestId('ops-alarm-minutes').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('tab', { name: '关键词回复' }).click();
    await expect.poll(() => page.getByText('人工客服', { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // A regex that backtracks forever is refused with a clear message.
    await page.locator('.ant-tabs-tabpane-active .ant-select').first().click();
    await page.getByTitle('正则').click();
    await page.getByTestId('keyword-pattern').fill('(a+)+$');
    await page.getByTestId('keyword-reply').fill('好的');
    await page.getByTestId('keyword-add').click();
    await expect.poll(() => page.getByText(/灾难性回溯/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'ops-keywords');
    await page.getByRole('tab', { name: '内容日历' }).click();
    await expect.poll(() => page.getByText('每周直播预告').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'ops-calendar');

    await page.getByRole('menuitem', { name: 'SOP 模板' }).click();
    await expect.poll(() => page.getByText('新人 7 日陪伴').count(), { timeout: 15_000 }).toBe(1);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'ops-sop');
    await context.close();
  });

  it('a board left open shows the login as soon as the session ends elsewhere (the socket closes with 4401)', async () => {
    const { page, context } = await newPage(browser, { viewport: DESKTOP });
    await loginCommunityManager(page);
    await page.getByRole('menuitem', { name: '未回复告警' }).click();
    await page.waitForLoadState('networkidle');
    // The session ends outside this page (another tab signs out): the page itself is not reloaded.
    const res = await page.request.post(`${inject('baseUrl')}/api/v1/console/auth/logout`, {
      headers: { origin: inject('baseUrl'), 'x-forwarded-for': address },
    });
    expect(res.status()).toBeLessThan(300);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/console/login');
    await expect.poll(() => page.getByRole('button', { name: '登录' }).count()).toBe(1);
    await context.close();
  });
});
