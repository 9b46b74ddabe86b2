import type { Channels } from '@quanzi/contracts';
import { sql } from 'kysely';
import { shanghaiDay } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import { transact } from '../../platform/db/transact.js';
import type { AnalyticsDeps } from './deps.js';
import { addDays, dayStart } from './rollups.js';
import { t } from './repo.js';

/** Share of invested amount the platform earns, for ROI (documented in API.md). */
export const REVENUE_RATE = 0.02;

export interface ChannelFacts {
  channel: string;
  uv: number;
  registrations: number;
  realNames: number;
  firstInvestments: number;
  amount: bigint;
  cost: bigint;
  retention30: number | null;
}

type Row = Channels['items'][number];

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Vanity warning and four-quadrant placement. Pure.
 * - volume = registrations, quality = first investments / registrations;
 * - thresholds default to the median volume and the overall conversion;
 * - vanity: high visits or registrations (≥ the median and above the volume threshold) while the
 *   conversion is under half the overall one, or the ROI is negative.
 * - quadrants: high volume + high quality → grow; high volume + low quality → fix quality;
 *   low volume + high quality → test (try more budget); low + low → cut.
 */
export function assess(
  facts: ChannelFacts[],
  thresholds: { volume?: number | undefined; quality?: number | undefined } = {},
): { items: Row[]; volumeThreshold: number; qualityThreshold: number } {
  const totalReg = facts.reduce((s, f) => s + f.registrations, 0);
  const totalFirst = facts.reduce((s, f) => s + f.firstInvestments, 0);
  const overall = totalReg ? totalFirst / totalReg : 0;
  const volumeThreshold = thresholds.volume ?? median(facts.map((f) => f.registrations));
  const qualityThreshold = thresholds.quality ?? overall;
  const uvMedian = median(facts.map((f) => f.uv));
  const items = facts.map((f): Row => {
    const conversion = f.registrations ? f.firstInvestments / f.registrations : 0;
    const roi = f.cost > 0n ? (Number(f.amount) * REVENUE_RATE - Number(f.cost)) / Number(f.cost) : null;
    const busy = (f.uv >= uvMedian && f.uv > 0) || (f.registrations >= volumeThreshold && f.registrations > 0);
    const poorConversion = conversion < overall / 2;
    const poorRoi = roi !== null && roi < 0;
    const vanity = facts.length > 1 && busy && (poorConversion || poorRoi);
    const highVolume = f.registrations >= volumeThreshold && f.registrations > 0;
    const highQuality = conversion >= qualityThreshold && conversion > 0;
    return {
      channel: f.channel,
      uv: f.uv,
      registrations: f.registrations,
      realNames: f.realNames,
      firstInvestments: f.firstInvestments,
      amount: String(f.amount),
      cost: String(f.cost),
      cac: f.cost > 0n && f.firstInvestments > 0 ? String(f.cost / BigInt(f.firstInvestments)) : null,
      roi,
      conversion,
      retention30: f.retention30,
      vanity,
      vanityReason: vanity
        ? poorConversion
          ? `访问/注册多，但注册→首投转化 ${(conversion * 100).toFixed(1)}% 低于整体 ${(overall * 100).toFixed(1)}% 的一半`
          : `ROI 为负（${(roi! * 100).toFixed(0)}%）`
        : null,
      quadrant: highVolume ? (highQuality ? 'grow' : 'fix_quality') : highQuality ? 'test' : 'cut',
    };
  });
  return { items, volumeThreshold, qualityThreshold };
}

interface FactRow {
  channel: string;
  uv: string;
  registrations: string;
  real_names: string;
  amount: bigint;
}

export async function channelFacts(deps: AnalyticsDeps, from: string, to: string): Promise<ChannelFacts[]> {
  const now = deps.clock.now();
  const rolled = await sql<FactRow>`
    SELECT channel,
      COALESCE(sum(people) FILTER (WHERE name = 'page_view'), 0) AS uv,
      COALESCE(sum(events) FILTER (WHERE name = 'registered'), 0) AS registrations,
      COALESCE(sum(events) FILTER (WHERE name = 'real_name_verified'), 0) AS real_names,
      COALESCE(sum(amount) FILTER (WHERE name = 'invested'), 0)::bigint AS amount
    FROM analytics_daily WHERE day BETWEEN ${from}::date AND ${to}::date GROUP BY channel`.execute(deps.db);
  // First investments: members whose first-ever investment falls in the range, by their first touch.
  const first = await sql<{ channel: string; n: string }>`
    SELECT COALESCE(ft.channel, f.channel, 'direct') AS channel, count(*) AS n
    FROM (SELECT member_id, min(occurred_at) AS at, (array_agg(channel ORDER BY occurred_at))[1] AS channel
          FROM analytics_events WHERE name = 'invested' AND member_id IS NOT NULL GROUP BY member_id) f
    LEFT JOIN analytics_first_touch ft ON ft.member_id = f.member_id
    WHERE f.at >= ${dayStart(from)} AND f.at < ${dayStart(addDays(to, 1))}
    GROUP BY 1`.execute(deps.db);
  // 30-day retention: of the members registered in the range at least 30 days ago, those with any event 30+ days after.
  const retention = await sql<{ channel: string; eligible: string; retained: string }>`
    SELECT r.channel, count(*) AS eligible,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM analytics_events e WHERE e.member_id = r.member_id
                                      AND e.occurred_at >= r.at + interval '30 days')) AS retained
    FROM (SELECT member_id, occurred_at AS at, COALESCE(channel, 'direct') AS channel FROM analytics_events
          WHERE name = 'registered' AND occurred_at >= ${dayStart(from)} AND occurred_at < ${dayStart(addDays(to, 1))}
            AND occurred_at <= ${new Date(now.getTime() - 30 * 86_400_000)}) r
    GROUP BY r.channel`.execute(deps.db);
  const costs = await sql<{ channel: string; cost: string }>`
    SELECT channel, COALESCE(sum(round(amount::numeric
      * (LEAST(period_to, ${to}::date) - GREATEST(period_from, ${from}::date) + 1)
      / (period_to - period_from + 1))), 0) AS cost
    FROM analytics_channel_costs WHERE period_to >= ${from}::date AND period_from <= ${to}::date GROUP BY channel`.execute(deps.db);
  const channels = new Set([
    ...rolled.rows.map((r) => r.channel),
    ...first.rows.map((r) => r.channel),
    ...costs.rows.map((r) => r.channel),
  ]);
  return [...channels].sort().map((channel) => {
    const r = rolled.rows.find((x) => x.channel === channel);
    const ret = retention.rows.find((x) => x.channel === channel);
    return {
      channel,
      uv: Number(r?.uv ?? 0),
      registrations: Number(r?.registrations ?? 0),
      realNames: Number(r?.real_names ?? 0),
      firstInvestments: Number(first.rows.find((x) => x.channel === channel)?.n ?? 0),
      amount: BigInt(r?.amount ?? 0n),
      cost: BigInt(costs.rows.find((x) => x.channel === channel)?.cost ?? '0'),
      retention30: ret && Number(ret.eligible) > 0 ? Number(ret.retained) / Number(ret.eligible) : null,
    };
  });
}

export async function channels(
  deps: AnalyticsDeps,
  q: { from?: string | undefined; to?: string | undefined; volumeThreshold?: number | undefined; qualityThreshold?: number | undefined },
): Promise<Channels> {
  const to = q.to ?? addDays(shanghaiDay(deps.clock.now()), -1);
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw new AppError('ANALYTICS_QUERY_INVALID', { reason: 'from 晚于 to' });
  const facts = await channelFacts(deps, from, to);
  const a = assess(facts, { volume: q.volumeThreshold, quality: q.qualityThreshold });
  return { from, to, revenueRate: REVENUE_RATE, ...a };
}

/** Growth operators enter what a channel cost in a period (audited; one row per channel and period, replaced). */
export async function setChannelCost(
  deps: AnalyticsDeps & { audit: AuditModule },
  op: OperatorPrincipal,
  input: { channel: string; from: string; to: string; amount: string },
  ip: string | null,
) {
  if (input.from > input.to) throw new AppError('ANALYTICS_QUERY_INVALID', { reason: 'from 晚于 to' });
  const amount = BigInt(input.amount);
  return transact(deps.db, async (trx) => {
    const before = await t(trx)
      .selectFrom('analytics_channel_costs')
      .select(['amount'])
      .where('channel', '=', input.channel)
      .where('period_from', '=', input.from)
      .where('period_to', '=', input.to)
      .executeTakeFirst();
    const row = await t(trx)
      .insertInto('analytics_channel_costs')
      .values({
        channel: input.channel,
        period_from: input.from,
        period_to: input.to,
        amount,
        entered_by: op.operatorId,
        entered_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc
          .columns(['channel', 'period_from', 'period_to'])
          .doUpdateSet({ amount, entered_by: op.operatorId, entered_at: deps.clock.now() }),
      )
      .returning(['id', 'channel', 'amount', 'entered_at'])
      .executeTakeFirstOrThrow();
    await deps.audit.record(trx, {
      actor: { type: 'operator' as const, id: op.operatorId, name: op.displayName },
      action: 'analytics.channel_cost_set',
      target: { type: 'analytics_channel', id: input.channel },
      before: before ? { amount: String(before.amount) } : null,
      after: { from: input.from, to: input.to, amount: input.amount },
      ip,
    });
    return {
      id: row.id,
      channel: row.channel,
      from: input.from,
      to: input.to,
      amount: String(row.amount),
      enteredAt: row.entered_at.toISOString(),
    };
  });
}

export async function listChannelCosts(deps: AnalyticsDeps) {
  const rows = await sql<{ id: string; channel: string; from: string; to: string; amount: bigint; entered_at: Date }>`
    SELECT id, channel, to_char(period_from, 'YYYY-MM-DD') AS from, to_char(period_to, 'YYYY-MM-DD') AS to, amount, entered_at
    FROM analytics_channel_costs ORDER BY period_from DESC, channel LIMIT 200`.execute(deps.db);
  return rows.rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    from: r.from,
    to: r.to,
    amount: String(r.amount),
    enteredAt: r.entered_at.toISOString(),
  }));
}
