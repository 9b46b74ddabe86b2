import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('the console home shows the growth funnel on the demo data', () => {
  it('a growth operator lands on the dashboard: funnel chart with numbers, waterfall, channels quadrant', async () => {
    const base = inject('baseUrl');
    const { page, context } = await newPage(browser, { viewport: DESKTOP });
    await page.goto(`${base}/console/`);
    await page.getByLabel('用户名').fill('growth');
    await page.getByLabel('密码').fill('Quanzi2026');
    await page.getByRole('button', { name: '登录' }).click();
    // The home is the growth dashboard: the funnel chart draws on a canvas, each step's count below it.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/console/analytics');
    const funnel = page.locator('[data-chart^="转化漏斗"] canvas');
    await expect.poll(() => funnel.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const firstStep = page.locator('.ant-statistic').filter({ hasText: '访问' }).first();
    await expect
      .poll(async () => Number((await firstStep.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, '')), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    const invested = page.locator('.ant-statistic').filter({ hasText: '首投' }).first();
    expect(Number((await invested.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-chart^="投资额变化分解"] canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'console-analytics-home');

    await page.getByRole('menuitem', { name: '渠道分析' }).click();
    await expect.poll(() => page.locator('[data-chart^="四象限"] canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The demo's douyin channel brings many visitors and few investors: flagged.
    await expect.poll(() => page.getByText('虚荣指标').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'console-analytics-channels');
    await context.close();
  });
});
