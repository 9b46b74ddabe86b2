import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addressedApi, latestSmsCode, testCard, testIdNumber, uniquePhone } from './api';
import { launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

// This file's API calls come from their own address.
const api = addressedApi();

async function typePin(page: Page, pin: string) {
  for (const digit of pin) await page.locator('.adm-number-keyboard-key', { hasText: new RegExp(`^${digit}$`) }).click();
}

const PIN = '258036';

describe('a newcomer finds the newbie zone, buys the newbie-only product and sees the growth tasks reward it', () => {
  it('register → newbie zone → task center → first investment in the newbie product → task done with points', async () => {
    const base = inject('baseUrl');
    const { page, context } = await newPage(browser);
    const phone = uniquePhone();

    // Registers in the app.
    await page.goto(`${base}/register`);
    await page.getByPlaceholder('请输入手机号').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.getByText('秒后重发').count()).toBeGreaterThan(0);
    await page.getByPlaceholder('请输入验证码').fill(await latestSmsCode(phone));
    await page.getByPlaceholder('8-64位，含字母和数字').fill('Welcome2026');
    await page.getByText('我已阅读并同意').click();
    await page.getByRole('button', { name: '注册' }).click();

    // From home into the newbie zone: eligible, the newbie-only product, privileges and the guide.
    await page.getByTestId('home-newbie-zone').click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('newbie-eligibility').textContent(), { timeout: 15_000 }).toContain('你还没有投资过');
    await page.getByTestId('product-card-QZ-NEW-7').waitFor();
    expect(await page.getByTestId('product-card-QZ-NEW-7').textContent()).toContain('新手专享');
    expect(await page.getByTestId('newbie-privileges').textContent()).toContain('新手专享产品');
    expect(await page.getByTestId('newbie-guide').textContent()).toContain('实名认证');
    await screenshot(page, 'newbie-zone');

    // The task center: registering already counted.
    await page.getByTestId('newbie-view-tasks').click();
    await expect.poll(() => page.getByTestId('task-register').getAttribute('data-done'), { timeout: 15_000 }).toBe('true');
    expect(await page.getByTestId('task-first_invest').getAttribute('data-done')).toBe('false');
    await screenshot(page, 'newbie-tasks-start');

    // Real name, card, payment password, assessment and a top-up (their own tests click them; here they are setup).
    const { token } = await api('/api/v1/auth/login', { method: 'POST', body: { phone, password: 'Welcome2026' } });
    await api('/api/v1/me/real-name', { method: 'POST', token, body: { name: '周新', idNumber: testIdNumber() } });
    const reserved = uniquePhone();
    await api('/api/v1/auth/sms-codes', { method: 'POST', token, body: { phone: reserved, purpose: 'bind_card' } });
    await api('/api/v1/me/bank-cards', {
      method: 'POST',
      token,
      body: { cardNumber: testCard(), reservedPhone: reserved, code: await latestSmsCode(reserved) },
    });
    await api('/api/v1/me/payment-password', { method: 'PUT', token, body: { paymentPassword: PIN } });
    const { questions } = await api('/api/v1/suitability/questionnaire', { token });
    await api('/api/v1/suitability/answers', {
      method: 'POST',
      token,
      body: {
        answers: (questions as Array<{ id: string; options: Array<{ id: string }> }>).map((q) => ({
          questionId: q.id,
          optionId: q.options.at(-1)!.id,
        })),
      },
    });
    const topUp = await api('/api/v1/wallet/top-ups', { method: 'POST', token, key: true, body: { amount: '100000' } });
    // The pay URL is Alipay's signed wap-pay redirect: opening it creates the trade and lands on the cashier.
    const opened = await fetch(topUp.payUrl, { redirect: 'manual' });
    const tradeNo = String(opened.headers.get('location') ?? '').split('/sandbox/pay/')[1];
    expect(tradeNo, `cashier redirect: ${opened.status}`).toBeTruthy();
    await api(`/sandbox/payments/${tradeNo}/pay`, { method: 'POST' });
    await expect.poll(async () => (await api('/api/v1/wallet', { token })).available, { timeout: 15_000 }).toBe('100000');

    // Buys ¥500 of the newbie-only product in the app.
    await page.goto(`${base}/newbie`);
    await page.getByTestId('product-card-QZ-NEW-7').click({ timeout: 15_000 });
    await page.getByTestId('product-buy').click();
    await page.getByTestId('buy-amount').locator('input').fill('500');
    await page.getByTestId('buy-accept').click();
    await page.getByTestId('buy-submit').click();
    await typePin(page, PIN);
    await page.getByTestId('buy-result').waitFor({ timeout: 15_000 });

    // The task center shows the first investment done and the points: 100 + 200 + 200 + 500.
    await page.goto(`${base}/tasks`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('task-first_invest').waitFor();
          return page.getByTestId('task-first_invest').getAttribute('data-done');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('true');
    await expect.poll(() => page.getByTestId('task-progress').textContent(), { timeout: 15_000 }).toContain('累计获得 1000 积分');
    expect(await page.getByTestId('task-repeat_invest').getAttribute('data-done')).toBe('false');
    await screenshot(page, 'newbie-tasks-first-invest');

    // The zone now says the newbie products are no longer open to this member, and a second purchase is refused.
    await page.goto(`${base}/newbie`);
    await expect.poll(() => page.getByTestId('newbie-eligibility').textContent(), { timeout: 15_000 }).toContain('你已完成过投资');
    await context.close();
  });
});
