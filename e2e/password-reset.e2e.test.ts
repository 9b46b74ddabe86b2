import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latestSmsCode, testIdNumber, uniquePhone } from './api';
import { launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** A registered, real-name-verified member with a payment password, over the public API. */
async function verifiedMember() {
  const base = inject('baseUrl');
  const call = async (method: string, path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: base, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const data = res.status === 204 ? undefined : await res.json();
    if (!res.ok) throw new Error(`${path}: ${JSON.stringify(data)}`);
    return data;
  };
  const phone = uniquePhone();
  const idNumber = testIdNumber();
  await call('POST', '/auth/sms-codes', { phone, purpose: 'register' });
  const { token } = await call('POST', '/auth/register', {
    phone,
    code: await latestSmsCode(phone),
    password: 'Welcome2026',
    agreementVersion: '2026-11',
  });
  await call('POST', '/me/real-name', { name: '孙丽', idNumber }, token);
  await call('PUT', '/me/payment-password', { paymentPassword: '135790' }, token);
  return { phone, idNumber, token };
}

describe('忘记密码', () => {
  it('resets the login password from the login page with an SMS code and the ID number’s last four', async () => {
    const base = inject('baseUrl');
    const m = await verifiedMember();
    const { page, context } = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '忘记密码' }).click();
    await page.getByPlaceholder('请输入注册手机号').fill(m.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.getByText('秒后重发').count()).toBeGreaterThan(0);
    await page.getByPlaceholder('请输入验证码').fill(await latestSmsCode(m.phone));
    // A wrong ID ending is refused (and spends the code), with the same words as for an unknown phone.
    const wrong = m.idNumber.slice(-4) === '0000' ? '1111' : '0000';
    await page.getByPlaceholder('已实名用户必填').fill(wrong);
    await page.getByPlaceholder('8-64位，含字母和数字').fill('Renewed2026');
    await page.getByPlaceholder('请再次输入新密码').fill('Renewed2026');
    await page.getByRole('button', { name: '重设密码' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('验证信息有误');
    await screenshot(page, 'member-forgot-password');

    // A new code: the per-purpose cooldown is a minute, so the test clock moves on and the code is
    // requested directly (the page's own countdown runs on the browser's time).
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify(body),
      });
    await post('/api/test/clock', { advanceMs: 61_000 });
    expect((await post('/api/v1/auth/sms-codes', { phone: m.phone, purpose: 'reset_password' })).status).toBe(202);
    await page.getByPlaceholder('请输入验证码').fill(await latestSmsCode(m.phone));
    await page.getByPlaceholder('已实名用户必填').fill(m.idNumber.slice(-4));
    await page.getByRole('button', { name: '重设密码' }).click();
    await expect.poll(() => page.getByText('登录密码已重设').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'member-forgot-password-done');

    // The old session is gone; the new password signs in.
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${m.token}` } });
    expect(me.status).toBe(401);
    await page.getByRole('button', { name: '去登录' }).click();
    await page.getByPlaceholder('请输入手机号').fill(m.phone);
    await page.getByPlaceholder('请输入密码').fill('Renewed2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain('/login');

    // 我的 / 安全中心 → 找回支付密码 (the form; the API flow is covered by the db tests).
    await page.goto(`${base}/me/security`);
    await page.getByText('找回支付密码').click();
    await expect.poll(() => page.getByText('验证码将发送至注册手机号').count()).toBe(1);
    await screenshot(page, 'member-reset-payment-password');
    await context.close();
  });
});
