import { createHash } from 'node:crypto';
import { shanghaiDay } from '../../platform/clock.js';
import type { AnalyticsDeps } from './deps.js';
import { t, type EventRow } from './repo.js';
import { addDays, dayStart, runRollups } from './rollups.js';
import { insertEvents } from './store.js';

/** A stable uuid from a text, so the seed inserts the same rows each time (and nothing twice). */
const uuidOf = (text: string): string => {
  const h = createHash('sha256').update(`analytics-demo:${text}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Visits per day and the chance of each next step, per channel: douyin is the vanity channel. */
const CHANNELS = [
  { channel: 'wechat', visits: 40, reg: 0.3, real: 0.8, card: 0.8, invest: 0.6, cost: 300_000n },
  { channel: 'douyin', visits: 90, reg: 0.25, real: 0.4, card: 0.5, invest: 0.1, cost: 900_000n },
  { channel: 'baidu', visits: 30, reg: 0.2, real: 0.7, card: 0.7, invest: 0.45, cost: 400_000n },
  { channel: 'xiaohongshu', visits: 10, reg: 0.35, real: 0.85, card: 0.85, invest: 0.7, cost: 80_000n },
  { channel: 'direct', visits: 15, reg: 0.2, real: 0.7, card: 0.7, invest: 0.5, cost: 0n },
];
const DAYS = 120;
const PRODUCTS = ['demo-product-steady', 'demo-product-growth', 'demo-product-newbie'];

/**
 * Four months of demo events through the store (page views, registrations, real names, cards,
 * investments, repeat investments, group activity), channel costs per month, then the rollups.
 * Ids are derived from the day and visitor, so running it again inserts nothing.
 */
export async function seedDemoAnalytics(deps: AnalyticsDeps): Promise<{ events: number }> {
  const now = deps.clock.now();
  const today = shanghaiDay(now);
  const done = await t(deps.db).selectFrom('analytics_events').select('id').where('id', '=', uuidOf('marker')).executeTakeFirst();
  if (done) return { events: 0 };
  const random = rng(17);
  const rows: EventRow[] = [];
  const stitches: Array<{
    anonymous_id: string;
    member_id: string;
    stitched_at: Date;
    channel: string;
    utm: string | null;
    visitAt: Date;
  }> = [];
  const groups = [uuidOf('group:a'), uuidOf('group:b'), uuidOf('group:c')];
  const push = (key: string, name: string, at: Date, r: Partial<EventRow>) =>
    rows.push({
      id: uuidOf(key),
      name,
      source: r.member_id ? 'server' : 'client',
      anonymous_id: null,
      member_id: null,
      occurred_at: at,
      received_at: at,
      channel: null,
      utm_source: null,
      device: null,
      product_id: null,
      group_id: null,
      amount: null,
      properties: { demo: true },
      ...r,
    });
  for (let d = DAYS; d >= 1; d--) {
    const day = addDays(today, -d);
    const base = dayStart(day).getTime();
    // A slow growth over the months, with weekends quieter.
    const weekday = new Date(base + 8 * 3600_000).getUTCDay();
    const scale = (0.6 + (0.6 * (DAYS - d)) / DAYS) * (weekday === 0 || weekday === 6 ? 0.7 : 1);
    for (const c of CHANNELS) {
      const visits = Math.round(c.visits * scale * (0.8 + random() * 0.4));
      for (let v = 0; v < visits; v++) {
        const key = `${day}:${c.channel}:${v}`;
        const anon = `demo${createHash('md5').update(key).digest('hex').slice(0, 20)}`;
        let at = base + Math.floor(random() * 14 * 3600_000) + 8 * 3600_000;
        const device = random() < 0.55 ? 'ios' : random() < 0.8 ? 'android' : 'desktop';
        const dims = { channel: c.channel, utm_source: c.channel === 'direct' ? null : c.channel, device };
        push(`${key}:pv`, 'page_view', new Date(at), { anonymous_id: anon, ...dims, properties: { demo: true, path: '/' } });
        if (random() < 0.5)
          push(`${key}:pv2`, 'page_view', new Date(at + 60_000), {
            anonymous_id: anon,
            ...dims,
            properties: { demo: true, path: '/products' },
          });
        if (random() >= c.reg) continue;
        const member = uuidOf(`member:${key}`);
        const step = (name: string, suffix: string, gapMs: number, extra: Partial<EventRow> = {}) => {
          at += Math.floor(gapMs * (0.2 + random()));
          if (at >= now.getTime()) return false;
          push(`${key}:${suffix}`, name, new Date(at), { member_id: member, channel: c.channel, utm_source: dims.utm_source, ...extra });
          return true;
        };
        const visitAt = new Date(at);
        if (!step('registered', 'registered', 10 * 60_000)) continue;
        // The visitor's anonymous id is stitched to the member at registration; the visit is the first touch.
        stitches.push({
          anonymous_id: anon,
          member_id: member,
          stitched_at: new Date(at),
          channel: c.channel,
          utm: dims.utm_source,
          visitAt,
        });
        if (random() < 0.7) step('joined_group', 'joined', 3600_000, { group_id: groups[Math.floor(random() * 3)]! });
        if (random() >= c.real || !step('real_name_verified', 'real', 3600_000)) continue;
        if (random() >= c.card || !step('card_bound', 'card', 6 * 3600_000)) continue;
        if (random() >= c.invest) continue;
        const ticket = BigInt(Math.round(1000 + random() ** 3 * 200_000)) * 100n;
        const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)]!;
        if (!step('invested', 'invested', 2 * 86_400_000, { amount: ticket, product_id: product })) continue;
        for (let k = 0; k < 3 && random() < 0.45; k++)
          step('invested', `invested:${k}`, 14 * 86_400_000, { amount: ticket / 2n, product_id: product });
        for (let k = 0; k < 4 && random() < 0.6; k++)
          step('posted', `posted:${k}`, 5 * 86_400_000, { group_id: groups[Math.floor(random() * 3)]! });
      }
    }
  }
  // A group fading away: its talk falls week after week (the health page's declining card).
  const fading = uuidOf('group:fading');
  const regulars = Array.from({ length: 30 }, (_, i) => uuidOf(`fading-member:${i}`));
  for (const [i, m] of regulars.entries())
    push(`fading:join:${i}`, 'joined_group', new Date(now.getTime() - 100 * 86_400_000), { member_id: m, group_id: fading });
  [2, 5, 9, 14, 20, 24, 25, 26].forEach((n, week) => {
    for (let i = 0; i < n; i++)
      push(`fading:${week}:${i}`, 'posted', new Date(now.getTime() - (week * 7 + (i % 7)) * 86_400_000 - 3600_000), {
        member_id: regulars[(i * 3 + week) % 30]!,
        group_id: fading,
      });
  });
  push('marker', 'seeded', now, { member_id: uuidOf('member:marker'), properties: { demo: true } });
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 2000) inserted += await insertEvents(deps.db, rows.slice(i, i + 2000));
  for (let i = 0; i < stitches.length; i += 1000) {
    const part = stitches.slice(i, i + 1000);
    await t(deps.db)
      .insertInto('analytics_identities')
      .values(part.map((x) => ({ anonymous_id: x.anonymous_id, member_id: x.member_id, stitched_at: x.stitched_at })))
      .onConflict((oc) => oc.column('anonymous_id').doNothing())
      .execute();
    await t(deps.db)
      .insertInto('analytics_first_touch')
      .values(
        part.map((x) => ({
          member_id: x.member_id,
          channel: x.channel,
          utm_source: x.utm,
          utm_medium: null,
          utm_campaign: null,
          referrer: null,
          touched_at: x.visitAt,
        })),
      )
      .onConflict((oc) => oc.column('member_id').doNothing())
      .execute();
  }
  await addCosts(deps, today);
  await runRollups(deps, now);
  return { events: inserted };
}

async function addCosts(deps: AnalyticsDeps, today: string) {
  for (let m = 0; m < 5; m++) {
    const first = new Date(dayStart(today).getTime() + 8 * 3600_000);
    first.setUTCDate(1);
    first.setUTCMonth(first.getUTCMonth() - m);
    const from = first.toISOString().slice(0, 10);
    const last = new Date(first);
    last.setUTCMonth(last.getUTCMonth() + 1);
    last.setUTCDate(0);
    const to = last.toISOString().slice(0, 10);
    for (const c of CHANNELS)
      if (c.cost > 0n)
        await t(deps.db)
          .insertInto('analytics_channel_costs')
          .values({
            channel: c.channel,
            period_from: from,
            period_to: to,
            amount: c.cost * 10n,
            entered_by: 'demo-seed',
            entered_at: deps.clock.now(),
          })
          .onConflict((oc) => oc.columns(['channel', 'period_from', 'period_to']).doNothing())
          .execute();
  }
}
