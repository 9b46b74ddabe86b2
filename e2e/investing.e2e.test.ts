import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

// The demo member who is verified with a card and a payment password but has taken no risk assessment.
const MEMBER = { phone: '13800000003', password: 'Quanzi2026', pin: '135790' };

async function api<T = any>(path: string, options: { method?: string; token?: string; body?: unknown; key?: boolean } = {}): Promise<T> {
  const base = inject('baseUrl');
  const res = await fetch(`${base}${path}`, {
    method: options.method ?? 'GET',
    headers: {
      origin: base,
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.key ? { 'idempotency-key': crypto.randomUUID() } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const data = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`);
  return data as T;
}

async function typePin(page: Page, pin: string) {
  for (const digit of pin) await page.locator('.adm-number-keyboard-key', { hasText: new RegExp(`^${digit}$`) }).click();
}

describe('a member takes the risk questionnaire, buys a demand product and sees the next day’s earnings', () => {
  it('questionnaire → purchase → holding → credited earnings (clock moved) → the public disclosure changes', async () => {
    const base = inject('baseUrl');
    // Money in through the gateway (the wallet test clicks this path; here it is setup).
    const { token } = await api('/api/v1/auth/login', { method: 'POST', body: { phone: MEMBER.phone, password: MEMBER.password } });
    const topUp = await api('/api/v1/wallet/top-ups', { method: 'POST', token, key: true, body: { amount: '200000' } });
    // The pay URL is the SDK's signed redirect: the gateway opens the cashier of a new trade.
    const opened = await fetch(topUp.payUrl, { redirect: 'manual' });
    await api(`/sandbox/payments/${String(opened.headers.get('location')).split('/sandbox/pay/')[1]}/pay`, { method: 'POST' });
    await expect.poll(async () => (await api('/api/v1/wallet', { token })).available, { timeout: 15_000 }).toBe('200000');
    const before = await api('/api/v1/public/disclosure');

    const { page } = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByPlaceholder('请输入手机号').fill(MEMBER.phone);
    await page.getByPlaceholder('请输入密码').fill(MEMBER.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain('/login');

    // Without an assessment the product cannot be bought: the app sends the member to the questionnaire.
    await page.goto(`${base}/invest`);
    await page.getByTestId('product-card-QZ-CASH-A').click();
    await page.getByTestId('product-buy').click();
    await page.getByTestId('suitability-required').waitFor({ timeout: 15_000 });
    await screenshot(page, 'invest-suitability-required');
    await page.getByTestId('suitability-required').getByRole('button').first().click();
    await page.getByTestId('suitability-start').click();
    const { questions } = await api('/api/v1/suitability/questionnaire', { token });
    for (const [i, q] of (questions as Array<{ id: string; options: Array<{ id: string }> }>).entries()) {
      // The most experienced answer to each question (the last option).
      await page.getByTestId(`suitability-option-${q.id}-${q.options.at(-1)!.id}`).click();
      await page.getByTestId(i === questions.length - 1 ? 'suitability-submit' : 'suitability-next').click();
    }
    await expect.poll(() => page.getByTestId('suitability-level').textContent(), { timeout: 15_000 }).toMatch(/C5/);
    await screenshot(page, 'invest-suitability-result');

    // Buy ¥1,000 of the demand product with the payment-password keypad.
    await page.goto(
      `${base}/products/${(await api('/api/v1/products?type=demand', { token })).items.find((p: { code: string }) => p.code === 'QZ-CASH-A').id}/buy`,
    );
    await page.getByTestId('buy-amount').locator('input').fill('1000');
    await page.getByTestId('buy-accept').click();
    await page.getByTestId('buy-submit').click();
    await typePin(page, MEMBER.pin);
    await page.getByTestId('buy-result').waitFor({ timeout: 15_000 });
    await screenshot(page, 'invest-bought');
    const [holding] = (await api('/api/v1/holdings', { token })).items;
    expect(holding).toMatchObject({ principal: '100000', earned: '0' });

    // The issuer declares the first day's 万份收益; tomorrow night's job credits it.
    const { token: finance } = await api('/api/v1/console/auth/login', {
      method: 'POST',
      body: { username: 'finance', password: 'Quanzi2026' },
    });
    await api(`/api/v1/console/investing/products/${holding.product.id}/yields`, {
      method: 'POST',
      token: finance,
      body: { day: holding.valueDate, per10k: '0.6512' },
    });
    await api('/api/test/clock', { method: 'POST', body: { advanceMs: 2 * 86_400_000 } });
    await api('/api/test/jobs/investing-daily-earnings', { method: 'POST' });

    await page.goto(`${base}/holdings/${holding.id}`);
    // ¥1,000 × 0.6512 / 10,000 = ¥0.06512 → 6 fen credited (the rest carries to tomorrow).
    await expect.poll(() => page.getByTestId('holding-earned').textContent(), { timeout: 15_000 }).toContain('0.06');
    expect(await page.getByTestId('holding-principal').textContent()).toContain('1,000.00');
    await screenshot(page, 'invest-holding-earned');

    // The public disclosure page, logged out, shows the purchase in its figures.
    const { page: visitor } = await newPage(browser);
    await visitor.goto(`${base}/disclosure`);
    const outstanding = BigInt(before.platform.outstanding) + 100_000n;
    const yuan = `${(outstanding / 100n).toLocaleString('en-US')}.${String(outstanding % 100n).padStart(2, '0')}`;
    await expect.poll(() => visitor.getByTestId('disclosure-outstanding').textContent(), { timeout: 15_000 }).toContain(yuan);
    await screenshot(visitor, 'disclosure');
  });
});
