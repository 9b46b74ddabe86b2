import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

/** Members (会员分析): weekly cohort retention, repeat investment, 80/20 with the Lorenz curve, high-net-worth, lifecycle stages. */
export type Lifecycle = 'new' | 'active' | 'silent' | 'churn_risk' | 'churned';

const DAY = 86_400_000;

/** Pure: a member's lifecycle stage from when they registered and were last seen. */
export function lifecycleOf(registeredAt: Date | null, lastSeenAt: Date, now: Date): Lifecycle {
  if (registeredAt && now.getTime() - registeredAt.getTime() < 7 * DAY) return 'new';
  const idle = now.getTime() - lastSeenAt.getTime();
  if (idle < 7 * DAY) return 'active';
  if (idle < 30 * DAY) return 'silent';
  if (idle < 60 * DAY) return 'churn_risk';
  return 'churned';
}

/** Pure: the Lorenz curve (11 points, poorest first) and the share held by the top 20 %. */
export function lorenz(values: number[]): { points: Array<{ people: number; assets: number }>; top20Share: number } {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  const total = v.reduce((s, x) => s + x, 0);
  if (v.length === 0 || total === 0)
    return { points: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((p) => ({ people: p, assets: p })), top20Share: 0 };
  const cum = (share: number) => v.slice(0, Math.round(share * v.length)).reduce((s, x) => s + x, 0) / total;
  const points = Array.from({ length: 11 }, (_, i) => ({ people: i / 10, assets: cum(i / 10) }));
  return { points, top20Share: 1 - cum(0.8) };
}

export interface MembersView {
  cohorts: Array<{ week: string; size: number; retention: number[] }>;
  repeatInvestmentRate: number;
  lorenz: Array<{ people: number; assets: number }>;
  top20Share: number;
  highNetWorth: { threshold: string; members: number };
  lifecycle: Record<Lifecycle, number>;
}

export async function membersView(db: Executor, now: Date, hnwThreshold: bigint): Promise<MembersView> {
  // Weekly cohorts of registrations over the last 8 weeks: the share active in each later week.
  const cohorts = await sql<{ week: string; size: string; retained: number[] }>`
    WITH reg AS (
      SELECT member_id, date_trunc('week', occurred_at AT TIME ZONE 'Asia/Shanghai') AS week
      FROM analytics_events WHERE name = 'registered' AND member_id IS NOT NULL
        AND occurred_at >= ${new Date(now.getTime() - 56 * DAY)} AND occurred_at < ${now}
    ), act AS (
      SELECT DISTINCT e.member_id, date_trunc('week', e.occurred_at AT TIME ZONE 'Asia/Shanghai') AS week
      FROM analytics_events e JOIN reg r ON r.member_id = e.member_id WHERE e.occurred_at < ${now}
    )
    SELECT to_char(r.week, 'YYYY-MM-DD') AS week, count(DISTINCT r.member_id) AS size,
      array(SELECT count(DISTINCT a.member_id)::int FROM generate_series(0, 7) k
            LEFT JOIN act a ON a.week = r.week + make_interval(weeks => k) AND a.member_id IN (SELECT member_id FROM reg r2 WHERE r2.week = r.week)
            GROUP BY k ORDER BY k) AS retained
    FROM reg r GROUP BY r.week ORDER BY r.week`.execute(db);
  const invest = await sql<{ member_id: string; buys: string; net: string }>`
    SELECT member_id, count(*) FILTER (WHERE name = 'invested') AS buys,
      (COALESCE(sum(amount) FILTER (WHERE name = 'invested'), 0) - COALESCE(sum(amount) FILTER (WHERE name = 'redeemed'), 0))::text AS net
    FROM analytics_events WHERE name IN ('invested', 'redeemed') AND member_id IS NOT NULL AND occurred_at < ${now} GROUP BY member_id`.execute(
    db,
  );
  const seen = await sql<{ member_id: string; registered: Date | null; last_seen: Date }>`
    SELECT COALESCE(e.member_id, i.member_id) AS member_id, min(e.occurred_at) FILTER (WHERE e.name = 'registered') AS registered, max(e.occurred_at) AS last_seen
    FROM analytics_events e LEFT JOIN analytics_identities i ON i.anonymous_id = e.anonymous_id
    WHERE COALESCE(e.member_id, i.member_id) IS NOT NULL AND e.occurred_at < ${now} GROUP BY 1`.execute(db);
  const investors = invest.rows.filter((r) => Number(r.buys) > 0);
  const nets = invest.rows.map((r) => Math.max(0, Number(r.net)));
  const l = lorenz(nets);
  const lifecycle: Record<Lifecycle, number> = { new: 0, active: 0, silent: 0, churn_risk: 0, churned: 0 };
  for (const r of seen.rows) lifecycle[lifecycleOf(r.registered, r.last_seen, now)]++;
  return {
    cohorts: cohorts.rows.map((c) => {
      const size = Number(c.size);
      const weeksElapsed = Math.floor((now.getTime() - Date.parse(`${c.week}T00:00:00+08:00`)) / (7 * DAY)) + 1;
      return { week: c.week, size, retention: c.retained.slice(0, Math.min(8, weeksElapsed)).map((n) => (size ? n / size : 0)) };
    }),
    repeatInvestmentRate: investors.length ? investors.filter((r) => Number(r.buys) >= 2).length / investors.length : 0,
    lorenz: l.points,
    top20Share: l.top20Share,
    highNetWorth: { threshold: String(hnwThreshold), members: invest.rows.filter((r) => BigInt(r.net) >= hnwThreshold).length },
    lifecycle,
  };
}
