import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { postgresEngine } from './engine.js';
import { summarise, type FunnelSpec } from './funnel.js';
import type { EventRow } from './repo.js';
import { insertEvents } from './store.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Deterministic pseudo-random numbers. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the funnel in SQL gives the same numbers as the state machine', () => {
  it('on random people with repeats, ties, late steps and breakdowns', async () => {
    const random = rng(7);
    const T0 = Date.parse('2026-11-01T00:00:00+08:00');
    const names = ['page_view', 'registered', 'real_name_verified', 'card_bound', 'invested'];
    const channels = ['wechat', 'douyin', 'baidu'];
    const rows: EventRow[] = [];
    for (let p = 0; p < 400; p++) {
      const member = randomUUID();
      const anon = random() < 0.3 ? `anon${p}xxxxxxxx` : null;
      let at = T0 - 3 * 86_400_000 + Math.floor(random() * 40 * 86_400_000);
      for (let k = 0; k < 12; k++) {
        // Mostly forward through the steps, sometimes back or repeated; a quarter at the same instant as the previous event.
        const name = names[Math.min(4, Math.floor(random() * 5 + k / 4))]!;
        if (random() > 0.25) at += Math.floor(random() * 5 * 86_400_000);
        rows.push({
          id: randomUUID(),
          name,
          source: anon && name === 'page_view' ? 'client' : 'server',
          anonymous_id: anon && name === 'page_view' ? anon : null,
          member_id: anon && name === 'page_view' ? null : member,
          occurred_at: new Date(at),
          received_at: new Date(at),
          channel: channels[Math.floor(random() * 3)]!,
          utm_source: null,
          device: random() < 0.5 ? 'ios' : null,
          product_id: name === 'invested' ? `p${Math.floor(random() * 3)}` : null,
          group_id: null,
          amount: null,
          properties: { kind: random() < 0.5 ? 'a' : 'b' },
        });
      }
    }
    await insertEvents(database.db, rows);
    const engine = postgresEngine(database.db);
    for (const breakdown of [undefined, 'channel', 'device', 'product'] as const) {
      for (const windowDays of [1, 14]) {
        const spec: FunnelSpec = {
          steps: names.map((event, k) => (k === 1 ? { event, properties: { kind: 'a' } } : { event })),
          windowMs: windowDays * 86_400_000,
          order: 'ordered',
          fromMs: T0,
          toMs: T0 + 30 * 86_400_000,
          breakdown,
        };
        const viaSql = await engine.summary(spec);
        const viaStateMachine = summarise(spec, await engine.funnel(spec));
        expect(viaSql).toEqual(viaStateMachine);
        expect(viaSql.steps[0]!.count).toBeGreaterThan(50);
      }
    }
  });
});
