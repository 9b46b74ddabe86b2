import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latestSmsCode, uniquePhone } from './api';
import { clientAddress, DESKTOP, launch, loginMember, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const base = () => inject('baseUrl');
async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${base()}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      origin: base(),
      'x-forwarded-for': address,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: () => JSON.parse(text), text };
}
// This file's API calls come from their own address (per-address limits are shared by the whole suite otherwise).
const address = clientAddress();

/** A new member, registered through the API as the app would (one SMS code each). */
async function newMember(): Promise<{ phone: string; memberId: string }> {
  const phone = uniquePhone();
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base()}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base(), 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
    const data = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${JSON.stringify(data)}`);
    return data;
  };
  await post('/auth/sms-codes', { phone, purpose: 'register' });
  const { member } = (await post('/auth/register', {
    phone,
    code: await latestSmsCode(phone),
    password: 'Welcome2026',
    agreementVersion: '2026-11',
  })) as {
    member: { id: string };
  };
  return { phone, memberId: member.id };
}

async function login(path: string, body: unknown): Promise<string> {
  const res = await fetch(`${base()}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base(), 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('members choose what reaches them; an operator’s send respects it', () => {
  it('a member turns campaign news off in the app; the send skips them and reaches the other member', async () => {
    const [a, b] = [await newMember(), await newMember()];
    const tokenA = await login('/auth/login', { phone: a.phone, password: 'Welcome2026' });
    const tokenB = await login('/auth/login', { phone: b.phone, password: 'Welcome2026' });
    // Whatever the hour the tests run at, quiet hours must not hold this send back: both turn them off.
    for (const token of [tokenA, tokenB])
      expect((await call('PUT', '/me/notification-preferences', token, { quietHours: null })).status).toBe(200);

    const { page } = await newPage(browser);
    await loginMember(page, a.phone, 'Welcome2026');
    await page.goto(`${base()}/inbox/settings`);
    const toggle = page.getByTestId('topic-campaign_news-in_app');
    await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 }).toBe('false');
    await screenshot(page, 'touch-preferences');
    const saved = (await call('GET', '/me/notification-preferences', tokenA)).json();
    expect(saved.topics.find((t: { topic: string }) => t.topic === 'campaign_news').channels.in_app).toBe(false);

    const admin = await login('/console/auth/login', { username: 'admin', password: 'Quanzi2026' });
    const template = await call('POST', '/console/notification-templates', admin, {
      code: `e2e.campaign.${Date.now()}`,
      name: '周末讲座',
      topic: 'campaign_news',
      channels: ['in_app'],
      content: { 'zh-CN': { title: '{{name}}开放报名', body: '本周六线上讲座：{{name}}' } },
      variables: ['name'],
    });
    expect(template.status, template.text).toBe(201);
    const banned = await call('POST', '/console/sends', admin, {
      templateId: template.json().id,
      name: '违规',
      segment: { memberIds: [a.memberId, b.memberId] },
      variables: { name: '保本理财' },
    });
    expect(banned.status).toBe(422);
    expect(banned.json().error.code).toBe('MARKETING_COMPLIANCE');
    const title = `稳健理财讲座 ${Date.now() % 10000}`;
    const send = await call('POST', '/console/sends', admin, {
      templateId: template.json().id,
      name: '周末讲座',
      segment: { memberIds: [a.memberId, b.memberId] },
      variables: { name: title },
    });
    expect(send.status, send.text).toBe(201);
    const id = send.json().id as string;
    // The worker's queue runs it (or the minute job, at the latest).
    await expect
      .poll(async () => (await call('GET', `/console/sends/${id}`, admin)).json().status, { timeout: 90_000, interval: 1000 })
      .toBe('completed');
    const view = (await call('GET', `/console/sends/${id}`, admin)).json();
    expect(view.results.in_app).toEqual({ delivered: 1, skipped: 1 });

    const { page: pageB } = await newPage(browser);
    await loginMember(pageB, b.phone, 'Welcome2026');
    await pageB.goto(`${base()}/inbox`);
    await expect.poll(() => pageB.getByText(`${title}开放报名`).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(pageB, 'touch-inbox');
    await page.goto(`${base()}/inbox`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(`${title}开放报名`).count()).toBe(0);
  });
});

describe('an operator manages activity links, group robots and the daily cap in the console', () => {
  it('sets the cap, approves and retires a link, refuses a private webhook and adds the sandbox robot', async () => {
    const { page, context } = await newPage(browser, { viewport: DESKTOP });
    await page.goto(`${base()}/console/`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('Quanzi2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: '触达设置' }).count(), { timeout: 15_000 }).toBe(1);

    await page.getByRole('menuitem', { name: '触达设置' }).click();
    await expect.poll(() => page.getByText('3 条/天').count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel('每日营销触达上限').fill('4');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.getByText('4 条/天').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'console-touch-settings');
    const admin = await login('/console/auth/login', { username: 'admin', password: 'Quanzi2026' });
    expect((await call('GET', '/console/touch-settings', admin)).json().dailyCap).toBe(4);

    await page.getByRole('menuitem', { name: '活动链接' }).click();
    await page.getByRole('button', { name: '新增活动链接' }).click();
    await page.getByLabel('名称').fill('双十二理财节');
    await page.getByLabel('链接（站内路径）').fill('/campaigns/double-twelve');
    await page.getByRole('button', { name: '审核通过' }).click();
    const row = page.getByRole('row', { name: /双十二理财节/ });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(600); // the modal's closing animation
    await screenshot(page, 'console-activity-links');
    await row.getByRole('button', { name: '下线' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('menuitem', { name: '企业微信群机器人' }).click();
    await page.getByRole('button', { name: '添加群机器人' }).click();
    await page.getByLabel('群名称').fill('理财交流群');
    await page.getByLabel('Webhook 地址').fill('http://192.168.1.10/hook');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByText('Webhook 地址无效：须为 http(s) 地址且不能指向内网').count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel('Webhook 地址').fill(`${base()}/sandbox/wechat/cgi-bin/webhook/send?key=e2e-robot`);
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByRole('row', { name: /理财交流群/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText('e2e-robot').count()).toBe(0);
    await page.waitForTimeout(600); // the modal's closing animation
    await screenshot(page, 'console-wecom-robots');

    expect((await call('PUT', '/console/touch-settings', admin, { dailyCap: 3 })).status).toBe(200);
    await context.close();
  });
});
