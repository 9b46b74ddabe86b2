import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { onboardedMember } from './api';
import { DESKTOP, launch, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('an operator finds a new member’s security events in the console', () => {
  it('logs in, finds the member, reads the audit log filtered by action and target', async () => {
    const base = inject('baseUrl');
    const { phone, memberId } = await onboardedMember();
    const { page, context } = await newPage(browser, { viewport: DESKTOP });

    await page.goto(`${base}/console/`);
    await page.getByLabel('用户名').fill('compliance');
    await page.getByLabel('密码').fill('Quanzi2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: '会员管理' }).count(), { timeout: 15_000 }).toBe(1);
    // Compliance has no operator management and no SMS outbox in its menu.
    expect(await page.getByRole('menuitem', { name: '运营人员' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '短信发件箱' }).count()).toBe(0);

    await page.getByPlaceholder('输入完整手机号或会员 ID 搜索').fill(phone);
    await page.getByPlaceholder('输入完整手机号或会员 ID 搜索').press('Enter');
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    await expect.poll(() => page.getByRole('link', { name: masked }).count()).toBe(1);
    expect(await page.getByText(phone).count()).toBe(0);
    await screenshot(page, 'console-members');

    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByPlaceholder('按操作筛选（前缀，如 member.）').fill('member.');
    await page.getByPlaceholder('对象 ID').fill(memberId);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByText('member.real_name_verified').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText('member.registered').count()).toBe(1);
    // Actions and objects read in Chinese; the code stays beside the label for the prefix filter.
    expect(await page.getByText('完成实名认证').count()).toBe(1);
    expect(await page.getByText('会员注册').count()).toBe(1);
    expect(await page.getByRole('cell', { name: /^会员 / }).count()).toBeGreaterThan(0);
    await screenshot(page, 'console-audit');

    await page.getByPlaceholder('对象 ID').fill('');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByText('member.bank_card_bound').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '校验哈希链' }).click();
    await expect.poll(() => page.getByText(/哈希链完整/).count()).toBe(1);
    await context.close();
  });

  it('customer service reads the sandbox SMS outbox; the console renders in English', async () => {
    const base = inject('baseUrl');
    const { page, context } = await newPage(browser, { viewport: DESKTOP });
    await page.goto(`${base}/console/login`);
    await page.evaluate(() => localStorage.setItem('qz_console_lang', 'en'));
    await page.reload();
    await page.getByLabel('Username').fill('service');
    await page.getByLabel('Password').fill('Quanzi2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('menuitem', { name: 'SMS outbox' }).click();
    await expect.poll(() => page.getByText(/Sign-up|Bind card/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'console-sms-en');
    await page.goto(`${base}/console/audit-log`);
    await expect.poll(() => page.getByText('403').count()).toBe(1);
    await context.close();
  });
});
