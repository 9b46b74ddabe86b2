/**
 * Quanzi's web analytics SDK: page views, clicks on marked elements (`data-track="name"`), custom
 * events; batched, retried with backoff, flushed with `sendBeacon` when the page is hidden; an
 * anonymous id kept per browser and stitched to the member at login/registration (`identify()`,
 * sent with the session cookie; earlier anonymous events are then the member's); UTM parameters,
 * referrer and the first-touch channel kept on every event. Business facts (registered, invested …)
 * are never sent from here: the server takes them from its own outbox.
 */
export interface AnalyticsEvent {
  name: string;
  anonymousId: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

export interface Transport {
  /** POST the batch; resolves with the HTTP status (0 for a network error). */
  post(url: string, body: string): Promise<number>;
  /** Fire-and-forget on unload; false when the browser refused it. */
  beacon?(url: string, body: string): boolean;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface AnalyticsOptions {
  endpoint?: string;
  transport: Transport;
  /** Persistent (localStorage): anonymous id, first touch, unsent events. */
  store: KeyValueStore;
  /** Per session (sessionStorage): this visit's UTM parameters. */
  session: KeyValueStore;
  /** The page's URL and referrer when the SDK starts. */
  location: { href: string };
  referrer?: string;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Events per request (the server keeps at most 50). */
  batchSize?: number;
  /** How long events wait to be batched. */
  flushMs?: number;
  /** Unsent events kept at most (oldest dropped first). */
  maxQueue?: number;
}

const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
const KEYS = { anon: 'qz_anon', first: 'qz_first_touch', queue: 'qz_events', utm: 'qz_utm' } as const;

/** Delay before retry n (1-based): 1 s, 2 s, 4 s … capped at 60 s, with ±50 % jitter. */
export const backoffMs = (attempt: number, random: () => number): number => Math.min(60_000, 1000 * 2 ** (attempt - 1)) * (0.5 + random());

function randomId(random: () => number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 24; i++) s += chars[Math.floor(random() * chars.length)];
  return s;
}

export function createAnalytics(options: AnalyticsOptions) {
  const endpoint = options.endpoint ?? '/api/v1/events';
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const batchSize = options.batchSize ?? 20;
  const flushMs = options.flushMs ?? 3000;
  const maxQueue = options.maxQueue ?? 500;
  const { store, session, transport } = options;

  let anonymousId = store.getItem(KEYS.anon);
  if (!anonymousId || !/^[A-Za-z0-9_-]{8,64}$/.test(anonymousId)) {
    anonymousId = randomId(random);
    store.setItem(KEYS.anon, anonymousId);
  }

  // This visit's UTM parameters (kept for the session) and the first touch (kept for ever).
  const url = new URL(options.location.href);
  const landing: Record<string, string> = {};
  for (const k of UTM) {
    const v = url.searchParams.get(k);
    if (v) landing[k] = v.slice(0, 100);
  }
  if (Object.keys(landing).length) session.setItem(KEYS.utm, JSON.stringify(landing));
  const utm = parse<Record<string, string>>(session.getItem(KEYS.utm)) ?? {};
  const referrer = options.referrer && !sameSite(options.referrer, url) ? options.referrer.slice(0, 300) : undefined;
  let firstTouch = parse<Record<string, string>>(store.getItem(KEYS.first));
  if (!firstTouch) {
    firstTouch = { ...utm, ...(referrer ? { referrer } : {}), at: new Date(now()).toISOString() };
    store.setItem(KEYS.first, JSON.stringify(firstTouch));
  }

  let queue: AnalyticsEvent[] = parse<AnalyticsEvent[]>(store.getItem(KEYS.queue)) ?? [];
  let timer: unknown = null;
  let attempt = 0;
  let sending = false;

  const persist = () => store.setItem(KEYS.queue, JSON.stringify(queue));
  const schedule = (ms: number) => {
    if (timer !== null) return;
    timer = setTimer(() => {
      timer = null;
      void flush();
    }, ms);
  };

  function enqueue(name: string, properties: Record<string, unknown> = {}) {
    queue.push({
      name,
      anonymousId: anonymousId!,
      timestamp: new Date(now()).toISOString(),
      properties: {
        ...(utm.utm_source || firstTouch?.utm_source ? { utm_source: utm.utm_source ?? firstTouch?.utm_source } : {}),
        ...(utm.utm_medium ? { utm_medium: utm.utm_medium } : {}),
        ...(utm.utm_campaign ? { utm_campaign: utm.utm_campaign } : {}),
        ...(referrer ? { referrer } : firstTouch?.referrer ? { referrer: firstTouch.referrer } : {}),
        ...properties,
      },
    });
    if (queue.length > maxQueue) queue = queue.slice(queue.length - maxQueue);
    persist();
    if (queue.length >= batchSize) void flush();
    else schedule(flushMs);
  }

  /** Sends what is queued, a batch at a time; a failed request is retried with backoff, the events kept. */
  async function flush(): Promise<void> {
    if (sending || queue.length === 0) return;
    sending = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, batchSize);
        const status = await transport.post(endpoint, JSON.stringify({ events: batch })).catch(() => 0);
        // 2xx: kept (or dropped by the server for a reason retrying will not change); 4xx other than 429: never retried.
        if ((status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429)) {
          queue = queue.slice(batch.length);
          persist();
          attempt = 0;
          continue;
        }
        attempt++;
        if (timer !== null) clearTimer(timer);
        timer = null;
        schedule(backoffMs(attempt, random));
        return;
      }
    } finally {
      sending = false;
    }
  }

  return {
    anonymousId: () => anonymousId!,
    firstTouch: () => ({ ...firstTouch }),
    pending: () => queue.length,
    page(path: string, properties: Record<string, unknown> = {}) {
      enqueue('page_view', { path: path.slice(0, 300), ...properties });
    },
    track(name: string, properties: Record<string, unknown> = {}) {
      enqueue(name, properties);
    },
    /** After login or registration: sent now, with the session cookie, so the server stitches this browser's id. */
    async identify() {
      enqueue('identify', {});
      await flush();
    },
    /** Clicks on elements carrying `data-track="…"` (and their children) become `click` events. */
    trackClicks(root: { addEventListener(type: 'click', fn: (e: { target: unknown }) => void, capture?: boolean): void }) {
      root.addEventListener(
        'click',
        (e) => {
          let el = e.target as { getAttribute?(n: string): string | null; parentElement?: unknown } | null;
          for (let depth = 0; el && depth < 6; depth++) {
            const name = el.getAttribute?.('data-track');
            if (name) return enqueue('click', { target: name.slice(0, 64) });
            el = el.parentElement as typeof el;
          }
        },
        true,
      );
    },
    flush,
    /** On `pagehide` / hidden: the queue goes by `sendBeacon` (no response to wait for). */
    unload() {
      while (queue.length > 0) {
        const batch = queue.slice(0, batchSize);
        // Refused (too large, no beacon): the rest stays queued for the next visit.
        if (!(transport.beacon?.(endpoint, JSON.stringify({ events: batch })) ?? false)) break;
        queue = queue.slice(batch.length);
      }
      persist();
    },
  };
}
export type Analytics = ReturnType<typeof createAnalytics>;

function parse<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function sameSite(referrer: string, url: URL): boolean {
  try {
    return new URL(referrer).host === url.host;
  } catch {
    return false;
  }
}

/** The browser wiring: fetch with the session cookie, sendBeacon, localStorage/sessionStorage, pagehide. */
export function startBrowserAnalytics(endpoint = '/api/v1/events'): Analytics {
  const analytics = createAnalytics({
    endpoint,
    transport: {
      post: (u, body) =>
        fetch(u, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body,
          keepalive: true,
        }).then(
          (r) => r.status,
          () => 0,
        ),
      beacon: (u, body) => navigator.sendBeacon?.(u, new Blob([body], { type: 'application/json' })) ?? false,
    },
    store: localStorage,
    session: sessionStorage,
    location: window.location,
    referrer: document.referrer,
  });
  const hide = () => analytics.unload();
  window.addEventListener('pagehide', hide);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && hide());
  analytics.trackClicks(document);
  return analytics;
}
