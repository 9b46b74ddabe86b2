import { describe, expect, it } from 'vitest';
import { backoffMs, createAnalytics, type KeyValueStore } from './index.js';

const memory = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

function setup(href = 'https://quanzi.example/?utm_source=douyin&utm_campaign=spring', statuses: number[] = []) {
  const posts: Array<{ url: string; events: Array<{ name: string; anonymousId: string; properties: Record<string, unknown> }> }> = [];
  const beacons: string[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  let t = Date.parse('2026-12-01T02:00:00Z');
  const store = memory();
  const session = memory();
  const make = (h = href) =>
    createAnalytics({
      transport: {
        post: async (url, body) => {
          posts.push({ url, events: JSON.parse(body).events });
          return statuses.shift() ?? 200;
        },
        beacon: (_url, body) => {
          beacons.push(body);
          return true;
        },
      },
      store,
      session,
      location: { href: h },
      referrer: 'https://www.baidu.com/s?wd=理财',
      now: () => t,
      random: () => 0.5,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      batchSize: 3,
    });
  return { make, posts, beacons, timers, store, advance: (ms: number) => (t += ms) };
}

describe('analytics SDK', () => {
  it('batches events with the UTM parameters, referrer and a stable anonymous id', async () => {
    const s = setup();
    const a = s.make();
    a.page('/');
    a.track('product_viewed', { productId: 'p1' });
    expect(s.posts).toHaveLength(0); // waiting for the batch timer
    a.page('/products');
    await Promise.resolve();
    expect(s.posts).toHaveLength(1);
    const [first] = s.posts[0]!.events;
    expect(first).toMatchObject({
      name: 'page_view',
      properties: { path: '/', utm_source: 'douyin', utm_campaign: 'spring', referrer: 'https://www.baidu.com/s?wd=理财' },
    });
    expect(new Set(s.posts[0]!.events.map((e) => e.anonymousId)).size).toBe(1);
    // The same browser later, without UTM in the URL: same anonymous id, first touch kept.
    const again = s.make('https://quanzi.example/me');
    expect(again.anonymousId()).toBe(a.anonymousId());
    expect(again.firstTouch()).toMatchObject({ utm_source: 'douyin' });
  });

  it('retries a failed batch with backoff and keeps its events until the server has them', async () => {
    const s = setup(undefined, [0, 503, 200]);
    const a = s.make();
    a.page('/');
    await a.flush();
    expect(a.pending()).toBe(1);
    expect(s.timers.at(-1)!.ms).toBe(backoffMs(1, () => 0.5));
    s.timers.at(-1)!.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(a.pending()).toBe(1);
    expect(s.timers.at(-1)!.ms).toBe(backoffMs(2, () => 0.5));
    s.timers.at(-1)!.fn();
    await new Promise((r) => setTimeout(r, 0));
    expect(a.pending()).toBe(0);
    expect(s.posts).toHaveLength(3);
  });

  it('unsent events survive a reload and go by sendBeacon when the page is hidden', async () => {
    const s = setup(undefined, [0]);
    const a = s.make();
    a.page('/');
    a.track('buy_clicked');
    a.unload();
    expect(s.beacons).toHaveLength(1);
    expect(JSON.parse(s.beacons[0]!).events.map((e: { name: string }) => e.name)).toEqual(['page_view', 'buy_clicked']);
    expect(a.pending()).toBe(0);
    const b = s.make();
    b.track('search');
    const c = s.make(); // reload before the timer fired: the queued event is still there
    expect(c.pending()).toBe(1);
  });

  it('identify sends at once so the server can stitch the anonymous id to the member', async () => {
    const s = setup();
    const a = s.make();
    a.page('/register');
    await a.identify();
    expect(s.posts.flatMap((p) => p.events.map((e) => e.name))).toEqual(['page_view', 'identify']);
  });

  it('backoff grows and is capped', () => {
    expect(backoffMs(1, () => 0.5)).toBe(1000);
    expect(backoffMs(4, () => 0.5)).toBe(8000);
    expect(backoffMs(20, () => 0.5)).toBe(60_000);
  });
});
