import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latestSmsCode, uniquePhone } from './api';
import { clientAddress, DESKTOP, launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const base = () => inject('baseUrl');
const address = clientAddress();

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${base()}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: base(),
      'x-forwarded-for': address,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const data = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(data)}`);
  return data;
}

/** A member registered from a given device, as the app sends it. */
async function registerOn(deviceId: string): Promise<string> {
  const phone = uniquePhone();
  await post('/auth/sms-codes', { phone, purpose: 'register' });
  const { member } = (await post('/auth/register', {
    phone,
    code: await latestSmsCode(phone),
    password: 'Welcome2026',
    agreementVersion: '2026-11',
    deviceId,
  })) as { member: { id: string } };
  return member.id;
}

describe('the risk officer reads a flagged member and whitelists a household', () => {
  it('opens the member, sees the ring and the reasons, whitelists the household, and the reasons go away', async () => {
    const device = `family-tablet-${Date.now()}`;
    const family = [await registerOn(device), await registerOn(device), await registerOn(device)];
    const { token } = (await post('/console/auth/login', { username: 'risk', password: 'Quanzi2026' })) as { token: string };
    // The worker turns the registrations into links; wait until the ring is there.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${base()}/api/v1/console/risk/members/${family[0]}`, { headers: { authorization: `Bearer ${token}` } });
          return ((await res.json()) as { ringId: string | null }).ringId;
        },
        { timeout: 30_000, interval: 500 },
      )
      .not.toBeNull();

    const { page } = await newPage(browser, { viewport: DESKTOP });
    await page.goto(`${base()}/console/`);
    await page.getByLabel('用户名').fill('risk');
    await page.getByLabel('密码').fill('Quanzi2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: '会员风险' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('menuitem', { name: '会员风险' }).click();
    await page.getByTestId('risk-member-lookup').fill(family[0]!);
    await page.getByRole('button', { name: '查看' }).click();

    await expect.poll(() => page.getByText('所在团伙共 3 个账户').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText('设备与另外 2 个账户共用').count()).toBe(1);
    await expect.poll(() => page.getByTestId('ring-graph').locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('risk-score').textContent())).toBeGreaterThanOrEqual(80);
    await screenshot(page, 'risk-member-ring');

    await page.getByTestId('whitelist-household').click();
    await page.getByTestId('household-name').fill('王家');
    await page.getByTestId('household-reason').fill('一家三口共用平板，已电话核实');
    await page.getByTestId('household-ok').click();
    await expect.poll(() => page.getByText('没有命中任何规则').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText('王家').count()).toBeGreaterThan(0);
    await screenshot(page, 'risk-household-whitelisted');
  });
});
