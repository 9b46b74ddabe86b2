import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latestSmsCode, uniquePhone } from './api';
import { clientAddress, launch, memberSession, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const base = () => inject('baseUrl');
const address = clientAddress();
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base()}/api/v1${path}`, {
    method,
    headers: {
      origin: base(),
      'x-forwarded-for': address,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, any>;
}

describe('rewards in the member app', () => {
  it('a member draws the wheel (the result comes from the server) and opens the invite page with the poster', async () => {
    const phone = uniquePhone();
    await call('POST', '/auth/sms-codes', { phone, purpose: 'register' });
    const { member } = await call('POST', '/auth/register', {
      phone,
      code: await latestSmsCode(phone),
      password: 'Quanzi2026',
      agreementVersion: '2026-11',
    });

    const { token } = await call('POST', '/console/auth/login', { username: 'admin', password: 'Quanzi2026' });
    const auth = { authorization: `Bearer ${token}` };
    const wheel = await call(
      'POST',
      '/console/lottery/wheels',
      {
        name: '周年庆转盘',
        pointsCost: 0,
        prizes: [
          { name: '8 积分', kind: 'points', weight: 1, points: 8 },
          { name: '18 积分', kind: 'points', weight: 1, points: 18 },
        ],
      },
      auth,
    );
    await call('POST', `/console/lottery/wheels/${wheel.id}/open`, undefined, auth);
    await call(
      'POST',
      `/console/lottery/wheels/${wheel.id}/chances`,
      { memberId: member.id, count: 1, reason: '活动赠送' },
      { ...auth, 'idempotency-key': crypto.randomUUID() },
    );

    const { page } = await memberSession(browser, phone);
    await page.goto(`${base()}/lottery/${wheel.id}`);
    await expect.poll(() => page.getByText('剩余 1 次').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('draw').click();
    // The wheel spins to the server's prize, then says which it was.
    await expect.poll(() => page.getByText(/恭喜获得：(8|18) 积分/).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'rewards-lottery-won');

    await page.goto(`${base()}/invite`);
    const code = page.getByTestId('referral-code');
    await expect.poll(async () => (await code.textContent())?.trim() ?? '', { timeout: 15_000 }).toMatch(/^[A-Z2-9]{8}$/);
    await expect
      .poll(() => page.locator('img.poster').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 })
      .toBe(600);
    await screenshot(page, 'rewards-invite');
  });
});
