import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('the community charter is public, versioned and shows what changed', () => {
  it('a visitor reads the rules; after compliance publishes a new version, the diff shows the change', async () => {
    const base = inject('baseUrl');
    const { page } = await newPage(browser);
    await page.goto(`${base}/charter`);
    await expect.poll(() => page.getByText('R2 禁止站外引流').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText(/没有"批评平台"这一条/).count()).toBeGreaterThan(0);

    const login = await fetch(`${base}/api/v1/console/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: 'compliance', password: 'Quanzi2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const current = (await (await fetch(`${base}/api/v1/public/charter`)).json()) as { current: { rules: Array<{ code: string }> } };
    const published = await fetch(`${base}/api/v1/console/charter`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        rules: [...current.current.rules, { code: 'R9', title: '直播礼仪', body: '直播间提问请围绕主题，不刷屏，不索要联系方式。' }],
        summary: '新增直播礼仪',
      }),
    });
    expect(published.status).toBe(201);

    await page.reload();
    await page.getByText('与上一版对比').first().click();
    await expect.poll(() => page.getByTestId('charter-diff').getByText('新增').count(), { timeout: 10_000 }).toBe(1);
    expect(
      await page
        .getByTestId('charter-diff')
        .getByText(/直播礼仪/)
        .count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'charter-diff');
  });
});
