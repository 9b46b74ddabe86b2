import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, loginMember, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

// The demo member (verified, card bound): onboarding has its own test.
const MEMBER = { phone: '13800000001', password: 'Quanzi2026' };

/** "¥19,000.50" → 1900050. */
const fen = (shown: string) => Math.round(Number(shown.replace(/[¥,]/g, '')) * 100);

describe('a member tops up with 微信支付', () => {
  it('chooses WeChat Pay, pays on the WeChat Pay cashier (QR), comes back and sees the money', async () => {
    const base = inject('baseUrl');
    const { page } = await newPage(browser);
    await loginMember(page, MEMBER.phone, MEMBER.password);
    await page.goto(`${base}/wallet`);
    await expect.poll(() => page.getByTestId('wallet-available').textContent()).toMatch(/^¥[\d,]+\.\d\d$/);
    const startFen = fen((await page.getByTestId('wallet-available').textContent())!);

    await page.getByTestId('wallet-top-up').click();
    await page.getByTestId('top-up-channel').getByText('微信支付').click();
    await page.getByTestId('top-up-amount').locator('input').fill('88.8');
    await page.getByTestId('top-up-submit').click();

    // The WeChat Pay H5 cashier of the sandbox: the amount and the QR of code_url.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/sandbox/wechatpay/cashier/');
    expect(await page.locator('.amount').textContent()).toBe('¥88.80');
    expect(await page.locator('.qr svg').count()).toBe(1);
    await screenshot(page, 'wechatpay-cashier');
    await page.getByRole('button', { name: '模拟扫码并确认支付' }).click();
    await expect.poll(() => page.getByText('支付成功').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('link', { name: '返回商户' }).click();

    // Back on Quanzi: the encrypted notification credits the wallet.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/wallet/orders/');
    await expect.poll(() => page.getByTestId('order-result').textContent(), { timeout: 20_000 }).toBe('充值成功');
    await screenshot(page, 'wechatpay-top-up-result');
    await page.goto(`${base}/wallet`);
    await expect.poll(async () => fen((await page.getByTestId('wallet-available').textContent()) ?? '')).toBe(startFen + 8_880);
  });
});
