import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, memberSession, screenshot } from './browser';

const LIN = '13800000001'; // 稳健的林晓, a regular in 稳健理财交流圈
const ZHOU = '13800000003'; // 理财新手小周, the appointed expert, admin of the same group
const NEWCOMER = '13800000002'; // in no group

/** Member-written text that must never run: it has to show exactly as typed. */
const PAYLOADS = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss = \'img\'">',
  '<svg onload="window.__xss = \'svg\'"><circle r=5 /></svg>',
  'javascript:window.__xss="link"',
  '[点我领体验金](javascript:window.__xss="md")',
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** A logged-in member's page that records any dialog a script might open. */
async function memberPage(phone: string) {
  const { context, page } = await memberSession(browser, phone);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { context, page, dialogs };
}

const api = <T>(page: Page, path: string, init?: { method: string; body: unknown }) =>
  page.evaluate(
    async ([p, i]) => {
      const res = await fetch(p as string, {
        method: (i as { method?: string } | undefined)?.method ?? 'GET',
        headers: { 'content-type': 'application/json' },
        body: i ? JSON.stringify((i as { body: unknown }).body) : undefined,
      });
      return res.json();
    },
    [path, init] as const,
  ) as Promise<T>;

async function groupNamed(page: Page, name: string): Promise<string> {
  const { items } = await api<{ items: Array<{ id: string; name: string }> }>(page, '/api/v1/groups?view=discover&limit=50');
  const found = items.find((g) => g.name === name);
  if (!found) throw new Error(`no group ${name}`);
  return found.id;
}

async function send(page: Page, text: string) {
  const input = page.getByTestId('composer-input').locator('xpath=descendant-or-self::textarea').first();
  await input.fill(text);
  await page.getByTestId('composer-send').click();
  // Sent once the composer is empty again.
  await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe('');
}

const messageCount = (page: Page, text: string) => page.getByTestId('chat-messages').getByText(text, { exact: true }).count();

describe('group chat in two browsers', () => {
  it('delivers messages live, renders hostile text as text, and catches a member up after a lost connection', async () => {
    const base = inject('baseUrl');
    const lin = await memberPage(LIN);
    const zhou = await memberPage(ZHOU);
    const groupId = await groupNamed(lin.page, '稳健理财交流圈');
    // A nickname that is markup must show as characters too.
    const renamed = await api<{ nickname?: string }>(zhou.page, '/api/v1/me/nickname', {
      method: 'PUT',
      body: { nickname: '<svg onload=1>' },
    });
    expect(renamed.nickname).toBe('<svg onload=1>');

    await lin.page.goto(`${base}/community/groups/${groupId}`);
    await zhou.page.goto(`${base}/community/groups/${groupId}`);
    await expect.poll(() => lin.page.getByTestId('chat-title').textContent(), { timeout: 15_000 }).toContain('稳健理财交流圈');
    await expect.poll(() => zhou.page.getByTestId('composer-send').count(), { timeout: 15_000 }).toBe(1);

    await send(lin.page, '大家好，今天的万份收益公布了吗？');
    await expect.poll(() => messageCount(zhou.page, '大家好，今天的万份收益公布了吗？'), { timeout: 10_000 }).toBe(1);
    await send(zhou.page, '公布了，在产品页能看到，过去的收益不代表未来。');
    await expect.poll(() => messageCount(lin.page, '公布了，在产品页能看到，过去的收益不代表未来。'), { timeout: 10_000 }).toBe(1);
    expect(await lin.page.getByTestId('chat-messages').getByText('<svg onload=1>', { exact: true }).count()).toBeGreaterThan(0);

    for (const payload of PAYLOADS) await send(lin.page, payload);
    for (const payload of PAYLOADS) await expect.poll(() => messageCount(zhou.page, payload), { timeout: 10_000 }).toBe(1);
    for (const { page, dialogs } of [lin, zhou]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      const chat = page.getByTestId('chat-messages');
      expect(await chat.locator('script, svg circle, img[src="x"]').count()).toBe(0);
      const hrefs = await chat.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.filter((h) => !/^https?:/.test(h))).toEqual([]);
    }
    await screenshot(zhou.page, 'community-chat-xss');

    // Zhou loses the connection; what Lin says meanwhile arrives once each when it comes back.
    await zhou.context.setOffline(true);
    const missed = ['断线时的第一条', '断线时的第二条', '断线时的第三条'];
    for (const text of missed) await send(lin.page, text);
    await zhou.context.setOffline(false);
    for (const text of missed) await expect.poll(() => messageCount(zhou.page, text), { timeout: 30_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    for (const text of missed) expect(await messageCount(zhou.page, text)).toBe(1);
    await screenshot(zhou.page, 'community-chat-after-reconnect');
    // Leave the demo member as other tests expect them.
    await api(zhou.page, '/api/v1/me/nickname', { method: 'PUT', body: { nickname: '理财新手小周' } });
    await lin.context.close();
    await zhou.context.close();
  });

  it('keeps a private group closed to members who are not in it', async () => {
    const base = inject('baseUrl');
    const lin = await memberPage(LIN);
    const outsider = await memberPage(NEWCOMER);
    const groupId = await groupNamed(outsider.page, '高净值会员圈');
    await send(await openChat(lin.page, base, groupId), '只在私密圈里说的话');
    await outsider.page.goto(`${base}/community/groups/${groupId}`);
    await expect.poll(() => outsider.page.getByTestId('chat-join-bar').count(), { timeout: 15_000 }).toBe(1);
    expect(await outsider.page.getByText('只在私密圈里说的话').count()).toBe(0);
    const search = await api<{ items: unknown[] }>(outsider.page, `/api/v1/search?q=${encodeURIComponent('私密圈')}&kind=message`);
    expect(search.items).toEqual([]);
    await screenshot(outsider.page, 'community-private-locked');
    await lin.context.close();
    await outsider.context.close();
  });

  it('lets an ordinary member share a product card that shows its risk warning', async () => {
    const base = inject('baseUrl');
    const lin = await memberPage(LIN);
    const groupId = await groupNamed(lin.page, '稳健理财交流圈');
    const page = await openChat(lin.page, base, groupId);
    await page.getByTestId('composer-product').click();
    await expect.poll(() => page.getByTestId('product-picker-hint').textContent(), { timeout: 10_000 }).toContain('风险提示');
    const option = page.locator('[data-testid^="product-option-"]').first();
    await option.waitFor({ timeout: 10_000 });
    const productId = (await option.getAttribute('data-testid'))!.replace('product-option-', '');
    await option.click();
    const card = page.getByTestId('chat-messages').getByTestId(`product-card-${productId}`).last();
    await card.waitFor({ timeout: 10_000 });
    const warning = await card.getByTestId('product-card-risk-warning').textContent();
    expect(warning).toContain('风险提示');
    expect(warning!.length).toBeGreaterThan(15);
    expect(await card.getByText(/^R\d/).count()).toBe(1);
    // Clamped to a few lines; a tap shows the whole warning.
    await card.getByTestId('product-card-risk-warning').click();
    expect(await card.getByTestId('product-card-risk-warning').getAttribute('aria-expanded')).toBe('true');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'community-member-product-card');

    // The thread editor offers the same products; the thread shows each one's risk warning.
    await page.goto(`${base}/community/threads/new?groupId=${groupId}`);
    await page.getByTestId('thread-title-input').locator('input').fill('分享一款产品给大家参考');
    await page.getByTestId('thread-body-input').locator('textarea').first().fill('先看风险提示，再看是否适合自己。');
    await page.getByTestId('product-pick-open').click();
    await expect.poll(() => page.getByTestId('product-picker-hint').textContent(), { timeout: 10_000 }).toContain('风险提示');
    await page.getByTestId('product-picker').locator('.adm-check-list-item').first().click();
    await page.getByTestId('product-pick-done').click();
    await page.getByTestId('new-thread-form').locator('button[type="submit"]').click();
    const risk = page.locator('[data-testid^="thread-product-risk-"]').first();
    await risk.waitFor({ timeout: 15_000 });
    expect(await risk.textContent()).toContain('风险提示');
    await screenshot(page, 'community-thread-product-risk');
    await lin.context.close();
  });
});

async function openChat(page: Page, base: string, groupId: string): Promise<Page> {
  await page.goto(`${base}/community/groups/${groupId}`);
  await expect.poll(() => page.getByTestId('composer-send').count(), { timeout: 15_000 }).toBe(1);
  return page;
}
