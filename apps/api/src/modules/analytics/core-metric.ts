import type { CoreMetric } from '@quanzi/contracts';
import { sql } from 'kysely';
import { shanghaiDay } from '../../platform/clock.js';
import type { AnalyticsDeps } from './deps.js';
import { addDays, dayStart, watermark } from './rollups.js';

export type FactorName = 'uv' | 'registrationRate' | 'investmentRate' | 'averageTicket';
export interface Totals {
  uv: number;
  registrations: number;
  investors: number;
  amount: bigint;
}
const FACTORS: FactorName[] = ['uv', 'registrationRate', 'investmentRate', 'averageTicket'];

/** investment = UV × (registrations / UV) × (investors / registrations) × (amount / investors). */
export function factorsOf(x: Totals): Record<FactorName, number> {
  const amount = Number(x.amount);
  return {
    uv: x.uv,
    registrationRate: x.uv ? x.registrations / x.uv : 0,
    investmentRate: x.registrations ? x.investors / x.registrations : 0,
    averageTicket: x.investors ? amount / x.investors : 0,
  };
}

/** The logarithmic mean L(a, b) = (a − b) / (ln a − ln b), L(a, a) = a. */
const logMean = (a: number, b: number): number => (Math.abs(a - b) < 1e-9 * Math.max(a, b) ? a : (a - b) / (Math.log(a) - Math.log(b)));

/**
 * LMDI-I log decomposition of the change of a product of factors: each factor's part is
 * L(A₁, A₀) · ln(f₁ / f₀); since ln A = Σ ln f the parts add up to A₁ − A₀ exactly. Undefined
 * (null) when a factor is 0 in either period. Pure.
 */
export function decompose(previous: Totals, current: Totals): Record<FactorName, number> | null {
  const f0 = factorsOf(previous);
  const f1 = factorsOf(current);
  if (FACTORS.some((k) => !(f0[k] > 0) || !(f1[k] > 0))) return null;
  const l = logMean(Number(current.amount), Number(previous.amount));
  return Object.fromEntries(FACTORS.map((k) => [k, l * Math.log(f1[k] / f0[k])])) as Record<FactorName, number>;
}

interface DayRow {
  day: string;
  uv: string;
  registrations: string;
  investors: string;
  amount: bigint;
}

/** Daily totals from the rollups (UV = people with a page view that day; a week sums its days). */
async function dailyTotals(deps: AnalyticsDeps, from: string, to: string, channel?: string): Promise<DayRow[]> {
  const rows = await sql<DayRow>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
      COALESCE(sum(r.people) FILTER (WHERE r.name = 'page_view'), 0) AS uv,
      COALESCE(sum(r.events) FILTER (WHERE r.name = 'registered'), 0) AS registrations,
      COALESCE(sum(r.people) FILTER (WHERE r.name = 'invested'), 0) AS investors,
      COALESCE(sum(r.amount) FILTER (WHERE r.name = 'invested'), 0)::bigint AS amount
    FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
    LEFT JOIN analytics_daily r ON r.day = d.day ${channel ? sql`AND r.channel = ${channel}` : sql``}
    GROUP BY d.day ORDER BY d.day`.execute(deps.db);
  return rows.rows;
}

const sum = (rows: DayRow[]): Totals => ({
  uv: rows.reduce((s, r) => s + Number(r.uv), 0),
  registrations: rows.reduce((s, r) => s + Number(r.registrations), 0),
  investors: rows.reduce((s, r) => s + Number(r.investors), 0),
  amount: rows.reduce((s, r) => s + BigInt(r.amount), 0n),
});

/** Monday of the Shanghai week containing `day`. */
const weekStart = (day: string): string => addDays(day, -((new Date(dayStart(day).getTime() + 8 * 3600_000).getUTCDay() + 6) % 7));

export async function coreMetric(
  deps: AnalyticsDeps,
  q: { period?: 'day' | 'week'; date?: string; channel?: string },
): Promise<CoreMetric> {
  const period = q.period ?? 'day';
  const date = q.date ?? addDays(shanghaiDay(deps.clock.now()), -1);
  const len = period === 'day' ? 1 : 7;
  const curFrom = period === 'day' ? date : weekStart(date);
  const curTo = addDays(curFrom, len - 1);
  const prevFrom = addDays(curFrom, -len);
  const prevTo = addDays(curFrom, -1);
  const trendFrom = addDays(curTo, period === 'day' ? -29 : -55);
  const rows = await dailyTotals(deps, trendFrom < prevFrom ? trendFrom : prevFrom, curTo, q.channel);
  const pick = (from: string, to: string) => rows.filter((r) => r.day >= from && r.day <= to);
  const cur = sum(pick(curFrom, curTo));
  const prev = sum(pick(prevFrom, prevTo));
  const contributions = decompose(prev, cur);
  const mainDriver = contributions
    ? FACTORS.reduce((best, k) => (Math.abs(contributions[k]) > Math.abs(contributions[best]) ? k : best), FACTORS[0]!)
    : null;
  const shape = (from: string, to: string, x: Totals) => ({
    from,
    to,
    amount: String(x.amount),
    registrations: x.registrations,
    investors: x.investors,
    factors: factorsOf(x),
  });
  const wm = await watermark(deps.db);
  return {
    period,
    current: shape(curFrom, curTo, cur),
    previous: shape(prevFrom, prevTo, prev),
    contributions,
    change: Number(cur.amount - prev.amount),
    mainDriver,
    trend: rows.map((r) => ({
      day: r.day,
      amount: String(r.amount),
      uv: Number(r.uv),
      registrations: Number(r.registrations),
      investors: Number(r.investors),
    })),
    watermark: wm?.toISOString() ?? null,
  };
}
