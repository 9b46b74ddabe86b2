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

/**
 * The campaign's notice is a marketing message (campaign_news): inside quiet hours (22:00–08:00
 * Shanghai) it waits for the morning. The server's test clock is moved to 10:00 Shanghai if needed.
 */
async function outOfQuietHours() {
  const { now } = await api<{ now: string }>('/api/test/clock', { method: 'POST', body: { advanceMs: 0 } });
  const shanghai = new Date(new Date(now).getTime() + 8 * 3600_000);
  const minutes = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes();
  if (minutes >= 8 * 60 + 30 && minutes < 21 * 60 + 30) return;
  const target = 10 * 60;
  const advance = (((target - minutes) % 1440) + 1440) % 1440;
  await api('/api/test/clock', { method: 'POST', body: { advanceMs: advance * 60_000 } });
}

const PIN = '369258';
// The demo seed's campaigns (apps/api/src/app/demo-growth.ts).
const FIRST_INVESTMENT = '新人首投礼 · 投得越多奖励越多';
const WHEEL = '新人幸运转盘';

describe('the growth journey of a new member', () => {
  it('registers from the 新人礼 link → newbie zone → first investment with the registration coupon → tiered reward and notice → draws the wheel', async () => {
    const base = inject('baseUrl');
    await outOfQuietHours();
    const { page, context } = await newPage(browser);
    const phone = uniquePhone();

    // Lands from the 新人礼 link and registers in the app.
    await page.goto(`${base}/register?utm_campaign=newbie-gift`);
    await page.getByPlaceholder('请输入手机号').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.getByText('秒后重发').count()).toBeGreaterThan(0);
    await page.getByPlaceholder('请输入验证码').fill(await latestSmsCode(phone));
    await page.getByPlaceholder('8-64位，含字母和数字').fill('Welcome2026');
    await page.getByText('我已阅读并同意').click();
    await page.getByRole('button', { name: '注册' }).click();

    // The newbie zone from home.
    await page.getByTestId('home-newbie-zone').click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('newbie-eligibility').textContent(), { timeout: 15_000 }).toContain('你还没有投资过');
    await page.getByTestId('product-card-QZ-NEW-7').waitFor();
    await screenshot(page, 'journey-newbie-zone');

    // Setup the other e2e files click through: real name, card, payment password, assessment, ¥2,000 topped up.
    const { token } = await api('/api/v1/auth/login', { method: 'POST', body: { phone, password: 'Welcome2026' } });
    await api('/api/v1/me/real-name', { method: 'POST', token, body: { name: '吴新', idNumber: testIdNumber() } });
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
    // ¥2,000 topped up on the sandbox cashier, as wallet.e2e.test.ts clicks it.
    await page.goto(`${base}/wallet`);
    await page.getByTestId('wallet-top-up').click({ timeout: 15_000 });
    await page.getByTestId('top-up-amount').locator('input').fill('2000');
    await page.getByTestId('top-up-submit').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/sandbox/pay/');
    await page.getByRole('button', { name: '确认支付' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/wallet/orders/');
    await expect.poll(async () => (await api('/api/v1/wallet', { token })).available, { timeout: 15_000 }).toBe('200000');

    // The registration campaign's 满减 coupon: ¥8 off a purchase of ¥500 or more.
    const welcomeCoupon = async () =>
      (await api('/api/v1/me/coupons', { token })).items.find((c: { threshold?: string }) => c.threshold === '50000');
    await expect.poll(welcomeCoupon, { timeout: 20_000 }).toBeTruthy();
    const welcome = await welcomeCoupon();
    expect(welcome).toMatchObject({ type: 'cash_back', amount: '800', status: 'available' });

    // Buys ¥1,000 of the newbie-only product, choosing the coupon in the buy form.
    await page.goto(`${base}/newbie`);
    await page.getByTestId('product-card-QZ-NEW-7').click({ timeout: 15_000 });
    await page.getByTestId('product-buy').click();
    await page.getByTestId('buy-amount').locator('input').fill('1000');
    await page.getByTestId(`buy-coupon-${welcome.id}`).click({ timeout: 15_000 });
    await page.getByTestId('buy-accept').click();
    await screenshot(page, 'journey-buy-with-coupon');
    await page.getByTestId('buy-submit').click();
    await typePin(page, PIN);
    await page.getByTestId('buy-result').waitFor({ timeout: 15_000 });
    // ¥8 back to the balance, paid by marketing.
    await expect
      .poll(async () => (await api('/api/v1/wallet', { token })).available, { timeout: 15_000 })
      .toBe(String(200000 - 100000 + 800));
    const used = (await api('/api/v1/me/coupons', { token })).items.find((c: { id: string }) => c.id === welcome.id);
    expect(used).toMatchObject({ status: 'used', paid: '800' });

    // The tiered first-investment reward: ¥1,000 is the second tier — 300 points and one draw.
    await expect
      .poll(
        async () =>
          (await api('/api/v1/me/points', { token })).entries.find((e: { reason: string }) => e.reason === FIRST_INVESTMENT)?.points,
        { timeout: 30_000, interval: 500 },
      )
      .toBe(300);
    await page.goto(`${base}/me/points`);
    await expect.poll(() => page.getByText(FIRST_INVESTMENT).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'journey-points');

    // The in-app notice.
    await page.goto(`${base}/inbox`);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByText('首投奖励已到账').count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'journey-inbox');

    // Draws the wheel with the chance the campaign gave; the result comes from the server.
    const wheel = (await api('/api/v1/lottery', { token })).items.find((w: { name: string }) => w.name === WHEEL);
    expect(wheel).toBeDefined();
    await page.goto(`${base}/lottery/${wheel.id}`);
    await expect.poll(() => page.getByText('剩余 1 次').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('draw').click();
    await expect.poll(() => page.getByText(/恭喜获得：|很遗憾，没有抽中/).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, 'journey-lottery');
    const draws = await api('/api/v1/me/lottery/draws', { token });
    expect(draws.items[0]).toMatchObject({ wheelId: wheel.id, paidWith: 'chance' });
    expect((await api(`/api/v1/lottery/${wheel.id}`, { token })).chances).toBe(0);
    await context.close();
  });
});
