import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { onboardedMember } from './api';
import { DESKTOP, launch, loginMember, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('a member checks in and reads their points and level; an operator adjusts the points', () => {
  it('checks in once a day, sees the points in the statement, then a console adjustment', async () => {
    const base = inject('baseUrl');
    const { phone, memberId } = await onboardedMember();
    const { page, context } = await newPage(browser);
    await loginMember(page, phone, 'Welcome2026');

    await page.goto(`${base}/me`);
    await page.getByTestId('me-checkin').click();
    await expect.poll(() => page.getByText('已连续签到 0 天').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('checkin-button').click();
    await expect.poll(() => page.getByText('今日已签到').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('已连续签到 1 天').count()).toBe(1);
    await screenshot(page, 'member-checkin');

    // 5 for the check-in, on top of the 500 the growth tasks gave for registering, 实名 and 绑卡.
    await page.goto(`${base}/me/points`);
    await expect.poll(() => page.getByTestId('points-balance').textContent(), { timeout: 15_000 }).toBe('505');
    await expect.poll(() => page.getByText('签到（连续 1 天）').count()).toBe(1);
    await screenshot(page, 'member-points');

    await page.goto(`${base}/me/level`);
    await expect.poll(() => page.getByTestId('level-name').textContent(), { timeout: 15_000 }).toBe('普通会员');
    expect(await page.getByText('钻石会员').count()).toBe(1);
    await screenshot(page, 'member-level');

    const consolePage = await newPage(browser, { viewport: DESKTOP });
    const op = consolePage.page;
    await op.goto(`${base}/console/`);
    await op.getByLabel('用户名').fill('admin');
    await op.getByLabel('密码').fill('Quanzi2026');
    await op.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => op.getByRole('menuitem', { name: '积分调整' }).count(), { timeout: 15_000 }).toBe(1);
    await op.getByRole('menuitem', { name: '积分调整' }).click();
    await op.getByTestId('adjust-member').fill(memberId);
    await op.getByTestId('adjust-lookup').click();
    await expect.poll(() => op.getByTestId('adjust-balance').textContent(), { timeout: 15_000 }).toBe('505');
    await op.getByTestId('adjust-points').fill('100');
    await op.getByTestId('adjust-reason').fill('客诉补偿');
    await op.getByTestId('adjust-submit').click();
    await op.getByTestId('adjust-confirm').click();
    await expect.poll(() => op.getByTestId('adjust-balance').textContent(), { timeout: 15_000 }).toBe('605');
    await screenshot(op, 'console-points-adjust');

    await op.getByRole('menuitem', { name: '等级规则' }).click();
    await expect.poll(() => op.getByTestId('rule-name-4').inputValue(), { timeout: 15_000 }).toBe('钻石会员');
    expect(await op.getByTestId('rules-remove').isEnabled()).toBe(true);
    await screenshot(op, 'console-level-rules');
    await consolePage.context.close();

    await page.goto(`${base}/me/points`);
    await expect.poll(() => page.getByTestId('points-balance').textContent(), { timeout: 15_000 }).toBe('605');
    expect(await page.getByText('客诉补偿').count()).toBe(1);
    await context.close();
  });
});
