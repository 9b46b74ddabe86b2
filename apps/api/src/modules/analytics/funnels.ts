import type { FunnelQuery, FunnelResult, AnalyticsSegment } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AnalyticsDeps } from './deps.js';
import { postgresEngine } from './engine.js';
import type { FunnelSpec, PersonOutcome } from './funnel.js';
import { addDays, dayStart } from './rollups.js';
import { t } from './repo.js';

/** The default funnel on the console home: UV → 注册 → 实名 → 绑卡 → 首投. */
export const DEFAULT_FUNNEL: FunnelQuery = {
  steps: [
    { event: 'page_view', label: '访问' },
    { event: 'registered', label: '注册' },
    { event: 'real_name_verified', label: '实名' },
    { event: 'card_bound', label: '绑卡' },
    { event: 'invested', label: '首投' },
  ],
  windowDays: 14,
  order: 'ordered',
};

function specOf(deps: AnalyticsDeps, q: FunnelQuery): { spec: FunnelSpec; from: string; to: string } {
  const to = q.to ?? shanghaiDay(deps.clock.now());
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw new AppError('ANALYTICS_QUERY_INVALID', { reason: 'from 晚于 to' });
  if (dayStart(to).getTime() - dayStart(from).getTime() > 366 * 86_400_000)
    throw new AppError('ANALYTICS_QUERY_INVALID', { reason: '时间范围不能超过一年' });
  return {
    from,
    to,
    spec: {
      steps: q.steps,
      windowMs: (q.windowDays ?? 14) * 86_400_000,
      order: q.order ?? 'ordered',
      fromMs: dayStart(from).getTime(),
      toMs: dayStart(addDays(to, 1)).getTime(),
      breakdown: q.breakdown,
    },
  };
}

async function outcomes(deps: AnalyticsDeps, q: FunnelQuery) {
  const s = specOf(deps, q);
  return { ...s, people: await postgresEngine(deps.db).funnel(s.spec) };
}

export async function runFunnel(deps: AnalyticsDeps, q: FunnelQuery): Promise<FunnelResult> {
  const { spec, from, to } = specOf(deps, q);
  return { from, to, windowDays: q.windowDays ?? 14, order: spec.order, ...(await postgresEngine(deps.db).summary(spec)) };
}

/** Members (never anonymous ids) who reached `step` and not the next one. */
export const droppedAfter = (people: Map<string, PersonOutcome>, step: number): string[] =>
  [...people.entries()].filter(([p, o]) => o.reached === step && !p.startsWith('a:')).map(([p]) => p);

/** Saves the members who dropped after a step as a segment sends and campaigns can target. */
export async function saveDroppedSegment(
  deps: AnalyticsDeps,
  op: OperatorPrincipal,
  input: { name: string; funnel: FunnelQuery; droppedAfterStep: number },
): Promise<AnalyticsSegment> {
  if (input.droppedAfterStep >= input.funnel.steps.length)
    throw new AppError('ANALYTICS_QUERY_INVALID', { reason: '最后一步之后没有流失' });
  const { people } = await outcomes(deps, input.funnel);
  const members = droppedAfter(people, input.droppedAfterStep);
  const row = await t(deps.db)
    .insertInto('analytics_segments')
    .values({
      name: input.name,
      definition: JSON.stringify({ kind: 'funnel_dropped', ...input }),
      member_ids: members,
      created_by: op.operatorId,
      created_at: deps.clock.now(),
    })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, members: members.length, createdAt: row.created_at.toISOString() };
}

export async function listSegments(deps: AnalyticsDeps): Promise<AnalyticsSegment[]> {
  const rows = await t(deps.db)
    .selectFrom('analytics_segments')
    .select(['id', 'name', 'created_at', 'member_ids'])
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: r.member_ids.length, createdAt: r.created_at.toISOString() }));
}

/** A segment's member ids, for sends and campaigns (through index.ts). */
export async function segmentMembers(deps: AnalyticsDeps, id: string): Promise<string[] | null> {
  const row = await t(deps.db).selectFrom('analytics_segments').select('member_ids').where('id', '=', id).executeTakeFirst();
  return row?.member_ids ?? null;
}
