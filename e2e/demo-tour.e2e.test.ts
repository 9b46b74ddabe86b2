import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, memberSession, newPage, screenshot } from './browser';

/**
 * The README's tour of the demo, step by step at phone size (the console at desktop size), on the
 * state a fresh `npm start` seeds. Other browser tests share this server and move money and time,
 * so exact balances are left to apps/api/src/app/demo-seed.db.test.ts; this checks what a person
 * following the README sees.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const LIN = '13800000001';
const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

async function consolePage(username: string, path: string) {
  const base = inject('baseUrl');
  const { page } = await newPage(browser, { viewport: DESKTOP });
  await page.goto(`${base}/console/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Quanzi2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain('/login');
  await page.goto(`${base}/console${path}`);
  return page;
}

describe('the README tour', () => {
  it('林晓 has taken the risk assessment, holds 现金管理A and sees where her balance came from', async () => {
    const base = inject('baseUrl');
    const { page } = await memberSession(browser, LIN);
    await page.goto(`${base}/invest`);
    await expect.poll(() => page.getByText('C3 平衡型').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'tour-invest');
    await page.getByTestId('invest-holdings').click();
    const holding = page.locator('[data-testid^="holding-"]', { hasText: '现金管理A（活期）' }).first();
    await holding.waitFor({ timeout: 15_000 });
    await holding.click();
    await expect.poll(() => text(page, 'holding-principal'), { timeout: 15_000 }).toContain('¥1,000.00');
    await screenshot(page, 'tour-holding');
    await page.goto(`${base}/wallet/statements`);
    await expect.poll(() => page.getByText('演示账户初始资金').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'tour-statements');
  });

  it('直播 lists last night’s session with its recap and the booked one; search finds words inside words, snippets as displayed', async () => {
    const base = inject('baseUrl');
    const { page } = await memberSession(browser, LIN);
    await page.goto(`${base}/community/live`);
    await expect.poll(() => page.getByText('已预约').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'tour-live');
    await page.locator('[data-testid^="live-card-"]', { hasText: '活期还是定期' }).getByTestId('live-card-recap').click();
    await expect.poll(() => page.getByText('已回答的问题（2）').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'tour-recap');

    // The welcome post's Markdown (**不承诺保本保收益**) shows bold, never as stars.
    await page.goto(`${base}/community/search?q=${encodeURIComponent('保本')}`);
    const snippet = page.getByTestId('search-hit-snippet').first();
    await snippet.waitFor({ timeout: 15_000 });
    expect(await snippet.textContent()).toContain('不承诺保本保收益');
    expect(await snippet.textContent()).not.toContain('**');
    expect(await snippet.locator('strong mark, mark strong').count()).toBeGreaterThan(0);
    await screenshot(page, 'tour-search-markdown');

    // 回放 inside 直播回放 (jieba cuts it 直播 / 回 / 放在): found, and marked in the snippet.
    const posted = await page.evaluate(async () => {
      const res = await fetch('/api/v1/threads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: '昨晚错过了直播', body: '昨晚的直播回放在哪里看？' }),
      });
      return res.status;
    });
    expect(posted).toBe(201);
    await page.goto(`${base}/community/search?q=${encodeURIComponent('回放')}`);
    await expect
      .poll(() => page.getByTestId('search-results').locator('mark', { hasText: '回放' }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'tour-search-inside-words');
  });

  it('the public 处理记录 already lists the filter’s hold, the owner’s hide and the manager’s warning, for visitors too', async () => {
    const base = inject('baseUrl');
    const { page } = await newPage(browser);
    await page.goto(`${base}/modlog`);
    for (const label of ['暂缓发布待审核', '隐藏', '警告'])
      await expect.poll(() => page.getByText(label, { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByText('想一起薅羊毛的加微信 ***，带你找高收益').count()).toBe(1);
    await screenshot(page, 'tour-modlog');
  });

  it('in the console, the held question waits in the queue, both sessions are listed and compliance has the appeal', async () => {
    const queue = await consolePage('community', '/community/moderation');
    await expect.poll(() => queue.getByText('刚来，请问这里的产品都保本吗？亏了能赔吗？').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(queue, 'tour-console-queue');
    await queue.goto(`${inject('baseUrl')}/console/community/live`);
    await expect.poll(() => queue.getByText('新手第一课：风险测评和体验金怎么用').count(), { timeout: 15_000 }).toBe(1);
    expect(await queue.getByText('活期还是定期？持牌理财师在线答疑').count()).toBe(1);
    await screenshot(queue, 'tour-console-live');
    const appeals = await consolePage('compliance', '/community/appeals');
    await expect.poll(() => appeals.getByText('我只是想和大家交流理财心得，没有要骗人。').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(appeals, 'tour-console-appeals');
  });
});
