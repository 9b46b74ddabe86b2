import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientAddress, launch, memberSession, newPage, screenshot } from './browser';

const LIN = '13800000001';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** JSON over the page's own session (cookie), as the app calls the API. */
const api = <T>(page: Page, path: string, init?: { method: string; body?: unknown }) =>
  page.evaluate(
    async ([p, i]) => {
      const opts = i as { method: string; body?: unknown } | undefined;
      const res = await fetch(p as string, {
        method: opts?.method ?? 'GET',
        headers: { 'content-type': 'application/json' },
        body: opts?.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      return res.json();
    },
    [path, init] as const,
  ) as Promise<T>;

async function consoleToken(username: string): Promise<string> {
  const base = inject('baseUrl');
  const res = await fetch(`${base}/api/v1/console/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': clientAddress() },
    body: JSON.stringify({ username, password: 'Quanzi2026' }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function asOperator<T>(token: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${inject('baseUrl')}${path}`, {
    method: 'POST',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

async function assertNothingRan(page: Page, dialogs: string[], container: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const area = page.getByTestId(container);
  // (The app's own icons are SVG; what must not exist is anything a member's text could have created.)
  expect(await area.locator('script, img[src="x"], iframe, [onload], [onerror]').count()).toBe(0);
  const hrefs = await area.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs.filter((h) => !/^https?:/.test(h))).toEqual([]);
}

describe('threads, live comments and the public log render members’ text as text', () => {
  it('shows a thread full of markup and Markdown link tricks exactly as typed, with safe links only', async () => {
    const base = inject('baseUrl');
    const { page } = await memberSession(browser, LIN);
    const dialogs: string[] = [];
    page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
    const thread = await api<{ id: string }>(page, '/api/v1/threads', {
      method: 'POST',
      body: {
        title: '<img src=x onerror="window.__xss=1"> 标题',
        body: [
          '**加粗** 和 [正规链接](https://example.com/a)',
          '[领取体验金](javascript:window.__xss="md")',
          '[大小写](JaVaScRiPt:window.__xss="case")',
          '<script>window.__xss="script"</script>',
          '<svg onload="window.__xss=\'svg\'"></svg>',
          '#理财日记#',
        ].join('\n\n'),
      },
    });
    expect(thread.id).toBeTruthy();
    await page.goto(`${base}/community/threads/${thread.id}`);
    await expect.poll(() => page.getByTestId('thread-title').textContent(), { timeout: 15_000 }).toContain('<img src=x onerror=');
    await expect.poll(() => page.getByTestId('thread-detail').getByText('<script>window.__xss="script"</script>').count()).toBe(1);
    expect(await page.getByTestId('thread-detail').locator('strong').filter({ hasText: '加粗' }).count()).toBe(1);
    const safe = page.getByTestId('thread-detail').locator('a[href="https://example.com/a"]');
    expect(await safe.getAttribute('rel')).toContain('noopener');
    await assertNothingRan(page, dialogs, 'thread-detail');
    await screenshot(page, 'community-thread-xss');
  });

  it('shows hostile live comments as text in the room', async () => {
    const base = inject('baseUrl');
    const manager = await consoleToken('community');
    const session = await asOperator<{ id: string }>(manager, '/api/v1/console/live', {
      title: '定期产品怎么选',
      description: '答疑直播',
      hostName: '理财师·王磊',
      streamUrl: 'https://live.example.com/room/1',
      // Far enough ahead of the server's clock, which other browser tests move forward by days.
      scheduledAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(session.id).toBeTruthy();
    await asOperator(manager, `/api/v1/console/live/${session.id}/start`);

    const { page } = await memberSession(browser, LIN);
    const dialogs: string[] = [];
    page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
    await page.goto(`${base}/community/live/${session.id}`);
    await expect.poll(() => page.getByTestId('live-title').textContent(), { timeout: 15_000 }).toContain('定期产品怎么选');
    const payload = '<img src=x onerror="window.__xss=\'live\'">';
    const posted = await api<{ id?: string }>(page, `/api/v1/live/${session.id}/comments`, { method: 'POST', body: { body: payload } });
    expect(posted.id).toBeTruthy();
    await expect.poll(() => page.getByText(payload, { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, 'community-live-room');
  });

  it('publishes the word filter’s hold in the public log, with the rule, for visitors without an account', async () => {
    const base = inject('baseUrl');
    const member = await memberSession(browser, LIN);
    const groups = await api<{ items: Array<{ id: string; name: string }> }>(member.page, '/api/v1/groups?view=mine');
    const group = groups.items.find((g) => g.name === '稳健理财交流圈')!;
    const held = await api<{ status: string }>(member.page, `/api/v1/groups/${group.id}/messages`, {
      method: 'POST',
      body: { text: '这款产品保本保息，放心买' },
    });
    expect(held.status).toBe('held');

    const { page } = await newPage(browser);
    await page.goto(`${base}/modlog`);
    await expect.poll(() => page.getByText(/R3/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByText('社区经理·周宁').count()).toBe(0);
    await screenshot(page, 'community-modlog');
  });
});
