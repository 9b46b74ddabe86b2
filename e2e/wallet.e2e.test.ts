import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, loginMember, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

// The demo member (verified, ICBC card bound, payment password set): onboarding has its own test,
// and creating another member here would spend the per-IP SMS limit the other files need.
const MEMBER = { phone: '13800000001', password: 'Quanzi2026' };
const PIN = '135790';

/** Types the payment password on the app's own number keypad, as a member taps it. */
async function typePin(page: Page, pin: string) {
  for (const digit of pin) await page.locator('.adm-number-keyboard-key', { hasText: new RegExp(`^${digit}$`) }).click();
}

/** "¥19,000.50" → 1900050. */
const fen = (shown: string) => Math.round(Number(shown.replace(/[¥,]/g, '')) * 100);

async function withdraw(page: Page, yuan: string) {
  const base = inject('baseUrl');
  await page.goto(`${base}/wallet/withdraw`);
  await page.getByTestId('withdraw-amount').locator('input').fill(yuan);
  await page.getByTestId('withdraw-submit').click();
  await typePin(page, PIN);
  await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/wallet/orders/');
}

describe('a member moves money through the wallet, and finance reviews a large withdrawal', () => {
  it('tops up on the gateway page, sees balance and statement, withdraws; an operator approves the large one', async () => {
    const base = inject('baseUrl');
    const { page } = await newPage(browser);
    await loginMember(page, MEMBER.phone, MEMBER.password);

    await page.goto(`${base}/me`);
    await page.getByTestId('me-wallet').click();
    // The demo gives 林晓 ¥9,000.00 after her first ¥1,000 in 现金管理A (README), plus whatever that
    // holding has earned by now (the investing test, sharing this server, moves the clock on).
    await expect.poll(() => page.getByTestId('wallet-available').textContent()).toMatch(/^¥9,000\.\d\d$/);
    const startFen = fen((await page.getByTestId('wallet-available').textContent())!);
    await screenshot(page, 'wallet-demo-balance');

    // Top up ¥10,000.50 and pay on the sandbox gateway's own page.
    await page.getByTestId('wallet-top-up').click();
    // The member pays with a channel the wallet offers: 支付宝 now (微信支付 once its gateway is registered).
    await expect.poll(() => page.getByText('支付宝', { exact: true }).count()).toBe(1);
    await page.getByTestId('top-up-amount').locator('input').fill('10000.5');
    await page.getByTestId('top-up-submit').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/sandbox/pay/');
    expect(await page.getByText('沙箱收银台').count()).toBeGreaterThan(0);
    expect(await page.getByText('10,000.50').or(page.getByText('10000.50')).count()).toBeGreaterThan(0);
    await screenshot(page, 'sandbox-pay-page');
    await page.getByRole('button', { name: '确认支付' }).click();

    // Back on Quanzi: the signed callback credits the wallet.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/wallet/orders/');
    await expect.poll(() => page.getByTestId('order-result').textContent(), { timeout: 20_000 }).toBe('充值成功');
    await screenshot(page, 'wallet-top-up-result');
    await page.getByTestId('order-back-to-wallet').click();
    await expect.poll(async () => fen((await page.getByTestId('wallet-available').textContent()) ?? '')).toBe(startFen + 1_000_050);

    // The inbox tells the member too (notification module, fed by the wallet's events).
    await page.goto(`${base}/inbox`);
    await expect.poll(() => page.getByText(/充值成功/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'inbox');
    await page.goto(`${base}/wallet`);
    await page.getByTestId('wallet-statements').click();
    await expect.poll(() => page.getByText('+10,000.50').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.adm-list-item-content-main', { hasText: '充值' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'wallet-statements');

    // A small withdrawal goes straight to the gateway; a large one waits for finance.
    await withdraw(page, '30');
    await expect.poll(() => page.getByTestId('order-result').textContent(), { timeout: 15_000 }).toMatch(/提现处理中|提现已到账/);
    await withdraw(page, '6000');
    await expect.poll(() => page.getByTestId('order-result').textContent()).toBe('提现审核中');
    await page.getByTestId('order-back-to-wallet').click();
    await expect.poll(() => page.getByTestId('wallet-frozen').textContent(), { timeout: 15_000 }).toMatch(/¥6,0(00|30)\.00/);
    await screenshot(page, 'wallet-after-withdrawals');

    // Finance approves the large withdrawal in the console.
    const { page: console } = await newPage(browser, { viewport: DESKTOP });
    await console.goto(`${base}/console/`);
    await console.getByLabel('用户名').fill('finance');
    await console.getByLabel('密码').fill('Quanzi2026');
    await console.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => console.getByRole('menuitem', { name: '提现审核' }).count(), { timeout: 15_000 }).toBe(1);
    await console.getByRole('menuitem', { name: '提现审核' }).click();
    const approve = console.locator('[data-testid^="approve-"]').first();
    await approve.waitFor({ timeout: 15_000 });
    await console.waitForTimeout(1000); // let the page's fade-in finish: the screenshot is for people
    await screenshot(console, 'console-withdrawal-review');
    await approve.click();
    await console.getByTestId('review-note').fill('资金来源核实无误');
    await console.getByTestId('review-confirm').click();
    await expect.poll(() => console.locator('[data-testid^="approve-"]').count(), { timeout: 15_000 }).toBe(0);

    // Finance refunds ¥0.50 of a credited top-up: back through the gateway (alipay.trade.refund).
    await console.getByRole('menuitem', { name: '资金订单' }).click();
    const refund = console.locator('[data-testid^="refund-"]').first();
    await refund.waitFor({ timeout: 15_000 });
    await refund.click();
    await console.getByTestId('refund-amount').fill('0.50');
    await console.getByTestId('refund-reason').fill('冷静期内撤销');
    await screenshot(console, 'console-refund');
    await console.getByTestId('refund-confirm').click();
    await expect.poll(() => console.getByText('退款成功').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // The member's order moves on: paying, then paid out by the gateway.
    await page.goto(`${base}/wallet`);
    await expect.poll(() => page.getByText('处理中').or(page.getByText('成功')).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
