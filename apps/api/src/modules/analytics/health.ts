import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { FROM_EVENTS, PERSON } from './rollups.js';

/** Community health per group (社群健康度): stage with its signals, activity, lurkers, response times, newcomers. */
export type Stage = 'formation' | 'assimilation' | 'collaboration' | 'declining';

export interface GroupFacts {
  groupId: string;
  /** Messages (chat posts, threads, replies) per week, newest first: [this week, last week, …] (8 weeks). */
  weekly: number[];
  members: number;
  /** Distinct active members per day over the last 7 days (averaged) and over 30 days. */
  dau: number;
  mau: number;
  /** Messages in the last 30 days and how many of them were replies to someone. */
  messages30: number;
  replies30: number;
  firstJoinAt: Date | null;
  /** Seconds to first response of each question asked in the last 30 days (open ones: their age so far) and the 30 days before. */
  responseSeconds: number[];
  previousResponseSeconds: number[];
  unanswered: number;
  newcomers: number;
  newcomersWithValue: number;
  /** Investments of the last 30 days attributed to the group (fen): last touch and first touch. */
  attributed: { lastTouch: bigint; firstTouch: bigint; lastTouchInvestments: number };
}

export interface GroupHealth {
  groupId: string;
  stage: Stage;
  signals: string[];
  dauMau: number;
  messagesPerDay: number;
  members: number;
  lurkerShare: number;
  responseMedianSeconds: number | null;
  responseP90Seconds: number | null;
  unanswered: number;
  newcomerFirstWeekValue: number | null;
  weekly: number[];
  dying: boolean;
  attributed: { lastTouch: string; firstTouch: string; lastTouchInvestments: number };
}

/** Weeks of falling activity that, with slower responses, make a dying-group warning. */
export const DYING_WEEKS = 3;

const quantile = (xs: number[], q: number): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

/** Pure: the stage, its reasons and the warning from a group's facts. */
export function assessGroup(f: GroupFacts, now: Date): GroupHealth {
  const signals: string[] = [];
  const dauMau = f.mau ? f.dau / f.mau : 0;
  const lurkerShare = f.members ? Math.max(0, f.members - f.mau) / f.members : 0;
  const median = quantile(f.responseSeconds, 0.5);
  const previousMedian = quantile(f.previousResponseSeconds, 0.5);
  const falling = f.weekly.length > DYING_WEEKS && f.weekly.slice(0, DYING_WEEKS + 1).every((w, i, a) => i === 0 || a[i - 1]! < w);
  const halved = f.weekly.length >= 4 && f.weekly[0]! + f.weekly[1]! < 0.5 * (f.weekly[2]! + f.weekly[3]!);
  const slower = median !== null && previousMedian !== null && median > previousMedian;
  const young = f.firstJoinAt !== null && now.getTime() - f.firstJoinAt.getTime() < 30 * 86_400_000;
  const replyShare = f.messages30 ? f.replies30 / f.messages30 : 0;
  let stage: Stage;
  if (falling || halved) {
    stage = 'declining';
    if (falling) signals.push(`连续 ${DYING_WEEKS} 周发言减少`);
    if (halved) signals.push('近两周发言不到前两周的一半');
  } else if (young || f.members < 20) {
    stage = 'formation';
    signals.push(young ? '建群不满 30 天' : `成员不足 20 人（${f.members}）`);
  } else if (dauMau >= 0.2 && replyShare >= 0.3) {
    stage = 'collaboration';
    signals.push(`DAU/MAU ${(dauMau * 100).toFixed(0)}%`, `回复占发言 ${(replyShare * 100).toFixed(0)}%`);
  } else {
    stage = 'assimilation';
    signals.push(dauMau < 0.2 ? `DAU/MAU 仅 ${(dauMau * 100).toFixed(0)}%` : `回复占发言仅 ${(replyShare * 100).toFixed(0)}%`);
  }
  if (slower) signals.push('首次响应变慢');
  if (lurkerShare > 0.9) signals.push(`潜水成员 ${(lurkerShare * 100).toFixed(0)}%（80% 属正常）`);
  return {
    groupId: f.groupId,
    stage,
    signals,
    dauMau,
    messagesPerDay: f.weekly[0] !== undefined ? f.weekly[0] / 7 : 0,
    members: f.members,
    lurkerShare,
    responseMedianSeconds: median,
    responseP90Seconds: quantile(f.responseSeconds, 0.9),
    unanswered: f.unanswered,
    newcomerFirstWeekValue: f.newcomers ? f.newcomersWithValue / f.newcomers : null,
    weekly: f.weekly,
    dying: falling && slower,
    attributed: {
      lastTouch: String(f.attributed.lastTouch),
      firstTouch: String(f.attributed.firstTouch),
      lastTouchInvestments: f.attributed.lastTouchInvestments,
    },
  };
}

const MESSAGE_EVENTS = ['posted', 'replied', 'thread_posted', 'asked'];

/** Facts per group from the event store (and the questions' times community-ops keeps). */
export async function groupFacts(
  db: Executor,
  now: Date,
  questions: Array<{ group_id: string; asked_at: Date; answered_at: Date | null }>,
  groupId?: string,
): Promise<GroupFacts[]> {
  const day = 86_400_000;
  const since56 = new Date(now.getTime() - 56 * day);
  const since30 = new Date(now.getTime() - 30 * day);
  const since7 = new Date(now.getTime() - 7 * day);
  const only = groupId ? sql`AND e.group_id = ${groupId}` : sql``;
  const weekly = await sql<{ group_id: string; week: number; n: string }>`
    SELECT e.group_id, floor(extract(epoch FROM (${now}::timestamptz - e.occurred_at)) / 604800)::int AS week, count(*) AS n
    FROM analytics_events e WHERE e.group_id IS NOT NULL AND e.name = ANY(${MESSAGE_EVENTS}) AND e.occurred_at >= ${since56} AND e.occurred_at < ${now} ${only}
    GROUP BY 1, 2`.execute(db);
  const activity = await sql<{ group_id: string; mau: string; dau7: string; messages30: string; replies30: string }>`
    SELECT e.group_id, count(DISTINCT ${PERSON}) AS mau,
      count(DISTINCT (${PERSON}, (e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date)) FILTER (WHERE e.occurred_at >= ${since7}) AS dau7,
      count(*) AS messages30,
      count(*) FILTER (WHERE e.name = 'replied' OR (e.properties->>'replyToId') IS NOT NULL) AS replies30
    FROM ${FROM_EVENTS}
    WHERE e.group_id IS NOT NULL AND e.name = ANY(${MESSAGE_EVENTS}) AND e.occurred_at >= ${since30} AND e.occurred_at < ${now} ${only}
    GROUP BY 1`.execute(db);
  const members = await sql<{ group_id: string; members: string; first_join: Date }>`
    SELECT e.group_id, count(DISTINCT e.member_id) AS members, min(e.occurred_at) AS first_join
    FROM analytics_events e WHERE e.name = 'joined_group' AND e.group_id IS NOT NULL AND e.occurred_at < ${now} ${only} GROUP BY 1`.execute(
    db,
  );
  // Newcomers who joined 7–37 days ago; value = someone replied to them, or they read a thread in the group, within their first week.
  const newcomers = await sql<{ group_id: string; newcomers: string; valued: string }>`
    SELECT j.group_id, count(*) AS newcomers,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM ${FROM_EVENTS}
        WHERE e.group_id = j.group_id AND e.occurred_at >= j.at AND e.occurred_at < j.at + interval '7 days'
          AND ((e.name IN ('posted', 'replied') AND e.properties->>'replyToAuthorId' = j.member_id::text)
            OR (e.name = 'thread_read' AND ${PERSON} = j.member_id::text)))) AS valued
    FROM (SELECT group_id, member_id, min(occurred_at) AS at FROM analytics_events e
          WHERE name = 'joined_group' AND group_id IS NOT NULL ${only} GROUP BY 1, 2) j
    WHERE j.at >= ${new Date(now.getTime() - 37 * day)} AND j.at < ${since7}
    GROUP BY 1`.execute(db);
  // Community → money: each investment of the last 30 days goes to one group per model. Last touch:
  // the group of the product card it was bought from (`source` group:<id>:…), else the member's latest
  // group activity in the 7 days before; first touch: their earliest group activity in the 30 days before.
  const attribution = await sql<{ group_id: string; model: 'first' | 'last'; amount: string; n: string }>`
    WITH inv AS (
      SELECT e.member_id, e.occurred_at AS at, COALESCE(e.amount, 0) AS amount, e.properties->>'source' AS src
      FROM analytics_events e WHERE e.name = 'invested' AND e.member_id IS NOT NULL AND e.occurred_at >= ${since30} AND e.occurred_at < ${now}
    ), touch AS (
      SELECT COALESCE(e.member_id, i.member_id) AS member_id, e.group_id, e.occurred_at AS at FROM ${FROM_EVENTS}
      WHERE e.group_id IS NOT NULL AND e.name IN ('posted', 'replied', 'thread_posted', 'asked', 'joined_group', 'thread_read')
        AND e.occurred_at >= ${new Date(now.getTime() - 60 * day)} AND e.occurred_at < ${now}
    ), credited AS (
      SELECT inv.amount,
        COALESCE(CASE WHEN inv.src ~ '^group:[0-9a-f-]{36}' THEN substr(inv.src, 7, 36)::uuid END,
          (SELECT t.group_id FROM touch t WHERE t.member_id = inv.member_id AND t.at <= inv.at AND t.at >= inv.at - interval '7 days' ORDER BY t.at DESC LIMIT 1)) AS last_group,
        (SELECT t.group_id FROM touch t WHERE t.member_id = inv.member_id AND t.at <= inv.at AND t.at >= inv.at - interval '30 days' ORDER BY t.at LIMIT 1) AS first_group
      FROM inv
    )
    SELECT last_group::text AS group_id, 'last' AS model, sum(amount)::text AS amount, count(*) AS n FROM credited WHERE last_group IS NOT NULL GROUP BY 1
    UNION ALL
    SELECT first_group::text, 'first', sum(amount)::text, count(*) FROM credited WHERE first_group IS NOT NULL GROUP BY 1`.execute(db);
  const ids = new Set<string>([
    ...weekly.rows.map((r) => r.group_id),
    ...members.rows.map((r) => r.group_id),
    ...questions.map((q) => q.group_id),
  ]);
  if (groupId) {
    ids.clear();
    ids.add(groupId);
  }
  return [...ids].sort().map((id) => {
    const w = new Array<number>(8).fill(0);
    for (const r of weekly.rows) if (r.group_id === id && r.week >= 0 && r.week < 8) w[r.week] = Number(r.n);
    const a = activity.rows.find((r) => r.group_id === id);
    const m = members.rows.find((r) => r.group_id === id);
    const n = newcomers.rows.find((r) => r.group_id === id);
    const mine = questions.filter((q) => q.group_id === id);
    const secs = (q: (typeof mine)[number]) => ((q.answered_at ?? now).getTime() - q.asked_at.getTime()) / 1000;
    const recent = mine.filter((q) => q.asked_at >= since30);
    return {
      groupId: id,
      weekly: w,
      members: Math.max(Number(m?.members ?? 0), Number(a?.mau ?? 0)),
      dau: Number(a?.dau7 ?? 0) / 7,
      mau: Number(a?.mau ?? 0),
      messages30: Number(a?.messages30 ?? 0),
      replies30: Number(a?.replies30 ?? 0),
      firstJoinAt: m?.first_join ?? null,
      responseSeconds: recent.map(secs),
      previousResponseSeconds: mine.filter((q) => q.asked_at < since30).map(secs),
      unanswered: recent.filter((q) => q.answered_at === null).length,
      newcomers: Number(n?.newcomers ?? 0),
      newcomersWithValue: Number(n?.valued ?? 0),
      attributed: {
        lastTouch: BigInt(attribution.rows.find((r) => r.group_id === id && r.model === 'last')?.amount ?? '0'),
        firstTouch: BigInt(attribution.rows.find((r) => r.group_id === id && r.model === 'first')?.amount ?? '0'),
        lastTouchInvestments: Number(attribution.rows.find((r) => r.group_id === id && r.model === 'last')?.n ?? 0),
      },
    };
  });
}
