import { describe, expect, it } from 'vitest';
import { personFunnel, summarise, type FunnelSpec, type PersonEvent, type PersonOutcome } from './funnel.js';

const H = 3600_000;
const D = 24 * H;
const T0 = Date.parse('2026-11-01T00:00:00+08:00');
const ev = (name: string, at: number, extra: Partial<PersonEvent> = {}): PersonEvent => ({
  name,
  at,
  properties: {},
  channel: null,
  utmSource: null,
  device: null,
  productId: null,
  ...extra,
});
const spec = (order: FunnelSpec['order'], windowDays = 14, extra: Partial<FunnelSpec> = {}): FunnelSpec => ({
  steps: [{ event: 'page_view' }, { event: 'registered' }, { event: 'invested' }],
  windowMs: windowDays * D,
  order,
  fromMs: T0,
  toMs: T0 + 10 * D,
  ...extra,
});
const run = (s: FunnelSpec, people: Record<string, PersonEvent[]>) => {
  const out = new Map<string, PersonOutcome>();
  for (const [p, events] of Object.entries(people)) {
    const o = personFunnel(s, events);
    if (o.reached) out.set(p, o);
  }
  return summarise(s, out);
};
const counts = (r: ReturnType<typeof run>) => r.steps.map((s) => s.count);

describe('funnel semantics (hand-computed)', () => {
  const people: Record<string, PersonEvent[]> = {
    // all three in order, quickly
    a: [ev('page_view', T0 + H), ev('registered', T0 + 2 * H), ev('invested', T0 + 3 * H)],
    // repeats page views and registrations: still counted once per step
    b: [ev('page_view', T0 + H), ev('page_view', T0 + 2 * H), ev('registered', T0 + 3 * H), ev('registered', T0 + 4 * H)],
    // invests exactly at the window's edge (14 days after the first page view): counts
    c: [ev('page_view', T0 + D), ev('registered', T0 + 2 * D), ev('invested', T0 + 15 * D)],
    // invests one second after the edge: does not
    d: [ev('page_view', T0 + D), ev('registered', T0 + 2 * D), ev('invested', T0 + 15 * D + 1000)],
    // registered before the visit: ordered mode does not count the registration
    e: [ev('registered', T0), ev('page_view', T0 + H), ev('invested', T0 + 2 * H)],
    // a click between the visit and the registration: breaks strict only
    f: [ev('page_view', T0 + H), ev('click', T0 + 90 * 60_000), ev('registered', T0 + 2 * H), ev('invested', T0 + 3 * H)],
    // first page view before the range: the first one inside it starts the window
    g: [ev('page_view', T0 - D), ev('page_view', T0 + 2 * H), ev('registered', T0 + 3 * H)],
    // entered after the range: not in the funnel
    h: [ev('page_view', T0 + 11 * D), ev('registered', T0 + 11 * D + H)],
  };

  it('ordered: the first entry into step 1 starts the window, each person once per step, window edge inclusive', () => {
    expect(counts(run(spec('ordered'), people))).toEqual([7, 6, 3]); // a b c d e f g | a b c d f g | a c f
  });

  it('strict: another event between two steps breaks the chain', () => {
    const strict = run(spec('strict'), people);
    // f's click and b's second page view sit between page_view and registered; e's investment follows the visit.
    expect(counts(strict)).toEqual([7, 4, 2]); // reg: a c d g; invest: a c
  });

  it('any order: k different steps inside the window from the first step event', () => {
    // e: registered, page_view, invested → 3 steps in any order; everyone made at least two.
    expect(counts(run(spec('any'), people))).toEqual([7, 7, 4]); // 3 steps: a c e f
  });

  it('a shorter window cuts conversions and time to convert is bucketed', () => {
    const r = run(spec('ordered', 1), people);
    expect(counts(r)).toEqual([7, 6, 2]); // c and d register exactly a day later (inclusive); invest: a f
    expect(r.timeToConvert.find((b) => b.bucket === '1-24h')!.people).toBe(2);
    // visit → registration: 1h a f g, 2h b, 1d c d → median 1.5h
    expect(r.steps[1]!.medianSecondsFromPrevious).toBe(5400);
  });

  it('breaks down by the channel of the event that entered step 1', () => {
    const r = run(spec('ordered', 14, { breakdown: 'channel' }), {
      x: [ev('page_view', T0, { channel: 'douyin' }), ev('registered', T0 + H, { channel: 'wechat' })],
      y: [ev('page_view', T0, { channel: 'wechat' })],
      z: [ev('page_view', T0, { channel: 'douyin' })],
    });
    expect(r.breakdown).toEqual([
      {
        value: 'douyin',
        steps: [
          { step: 1, count: 2 },
          { step: 2, count: 1 },
          { step: 3, count: 0 },
        ],
      },
      {
        value: 'wechat',
        steps: [
          { step: 1, count: 1 },
          { step: 2, count: 0 },
          { step: 3, count: 0 },
        ],
      },
    ]);
  });

  it('property filters must all match', () => {
    const s = spec('ordered', 14, { steps: [{ event: 'page_view', properties: { path: '/products' } }, { event: 'invested' }] });
    const r = run(s, {
      p: [ev('page_view', T0, { properties: { path: '/' } }), ev('invested', T0 + H)],
      q: [ev('page_view', T0, { properties: { path: '/products' } }), ev('invested', T0 + H)],
    });
    expect(counts(r)).toEqual([1, 1]);
  });
});
