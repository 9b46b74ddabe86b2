import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latestSmsCode, testCard, testIdNumber, uniquePhone } from './api';
import { launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('a newcomer registers, verifies their real name and binds a card in the member app', () => {
  it('walks the whole newcomer path in Chinese on a phone', async () => {
    const base = inject('baseUrl');
    const { page, context } = await newPage(browser);
    const phone = uniquePhone();

    await page.goto(`${base}/register?channel=e2e&utm_campaign=autumn`);
    await page.getByPlaceholder('请输入手机号').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.getByText('秒后重发').count()).toBeGreaterThan(0);
    await page.getByPlaceholder('请输入验证码').fill(await latestSmsCode(phone));
    await page.getByPlaceholder('8-64位，含字母和数字').fill('Welcome2026');
    await page.getByText('我已阅读并同意').click();
    await screenshot(page, 'member-register');
    await page.getByRole('button', { name: '注册' }).click();

    await expect.poll(() => page.getByText('新手任务').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText(`${phone.slice(0, 3)}****${phone.slice(-4)}`).count()).toBeGreaterThan(0);
    await page.getByText('注册成功，欢迎加入圈子').waitFor({ state: 'detached' });
    await screenshot(page, 'member-home');

    await page.getByText('实名认证').first().click();
    await page.getByPlaceholder('请输入真实姓名').fill('王小明');
    await page.getByPlaceholder('请输入18位身份证号').fill('110105199003071230');
    await page.getByRole('button', { name: '提交认证' }).click();
    await expect.poll(() => page.getByText('身份证号码有误，请核对').count()).toBe(1);
    await page.getByPlaceholder('请输入18位身份证号').fill(testIdNumber());
    await page.getByRole('button', { name: '提交认证' }).click();

    await expect.poll(() => page.getByText('持卡人：王*').count(), { timeout: 15_000 }).toBe(1);
    const card = testCard();
    await page.getByPlaceholder('请输入银行卡号').fill(card);
    await expect.poll(() => page.getByText('中国工商银行 · 储蓄卡').count()).toBe(1);
    // The phone reserved with the bank may differ from the login phone (and has its own SMS cooldown).
    const reservedPhone = uniquePhone();
    await page.getByPlaceholder('请输入银行预留手机号').fill(reservedPhone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByPlaceholder('请输入验证码').fill(await latestSmsCode(reservedPhone));
    await screenshot(page, 'member-bind-card');
    await page.getByRole('button', { name: '确认绑定' }).click();

    await expect
      .poll(() => page.getByText(`中国工商银行 · ${card.slice(0, 4)} **** **** ${card.slice(-4)}`).count(), { timeout: 15_000 })
      .toBe(1);
    await screenshot(page, 'member-cards');

    await page.goto(`${base}/me`);
    await expect.poll(() => page.getByText('已认证').count()).toBe(1);
    await screenshot(page, 'member-me');
    await context.close();
  });

  it('shows errors a member can act on, and renders in English', async () => {
    const base = inject('baseUrl');
    const { page, context } = await newPage(browser, { locale: 'en-US' });
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('qz_lang', 'en'));
    await page.reload();
    await page.getByPlaceholder('Mobile number').fill('13800000001');
    await page.getByPlaceholder('Password').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong phone number or password');
    await page.getByPlaceholder('Password').fill('Quanzi2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByText('Getting started').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'member-home-en');
    await context.close();
  });
});

describe('live updates over the real-time hub', () => {
  it('a change made on another device shows on the open home page without a reload', async () => {
    const base = inject('baseUrl');
    const phone = uniquePhone();
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return res.json();
    };
    await post('/auth/sms-codes', { phone, purpose: 'register' });
    const { token } = await post('/auth/register', {
      phone,
      code: await latestSmsCode(phone),
      password: 'Welcome2026',
      agreementVersion: '2026-11',
    });

    const { page, context } = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByPlaceholder('请输入手机号').fill(phone);
    await page.getByPlaceholder('请输入密码').fill('Welcome2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByText('已完成 0/3，完成后即可参与理财').count(), { timeout: 15_000 }).toBe(1);
    // Give the page's socket a moment to subscribe, then verify from "another device" (the API).
    await page.waitForTimeout(500);
    await post('/me/real-name', { name: '陈晨', idNumber: testIdNumber('19910101') }, token);
    await expect.poll(() => page.getByText('已完成 1/3，完成后即可参与理财').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText('连接中断，正在重新连接…').count()).toBe(0);
    await context.close();
  });
});
