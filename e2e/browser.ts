import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** Debian chromium driven by playwright-core; playwright gives every launch a fresh temporary profile. */
export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Each browser is its own client address (the server runs with TRUST_PROXY=1), as real members
 * are: per-address limits such as 10 logins a minute then apply per person, not to the whole suite.
 */
export const clientAddress = () =>
  `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

export async function newPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? PHONE,
    locale: options.locale ?? 'zh-CN',
    extraHTTPHeaders: { 'x-forwarded-for': clientAddress() },
  });
  const page = await context.newPage();
  return { context, page };
}

/** Screenshots land in .tmp/screenshots for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Logs a member in through the app's login page, as they would. */
export async function loginMember(page: Page, phone: string, password = 'Quanzi2026'): Promise<void> {
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByPlaceholder('请输入手机号').fill(phone);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain('/login');
}

const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/**
 * A phone-sized page signed in as the member: the first call logs in through the app, later calls
 * in the same file reuse that session (login is rate-limited per address, as it should be).
 */
export async function memberSession(browser: Browser, phone: string): Promise<{ context: BrowserContext; page: Page }> {
  const saved = sessions.get(phone);
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    extraHTTPHeaders: { 'x-forwarded-for': clientAddress() },
    ...(saved ? { storageState: saved } : {}),
  });
  const page = await context.newPage();
  if (saved) await page.goto(`${inject('baseUrl')}/`);
  else {
    await loginMember(page, phone);
    sessions.set(phone, await context.storageState());
  }
  return { context, page };
}
