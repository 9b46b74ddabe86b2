import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { FunnelResult } from '@quanzi/contracts';
import { personFunnel, summarise, TTC_BUCKETS, type FunnelSpec, type PersonEvent, type PersonOutcome } from './funnel.js';
import { FROM_EVENTS, PERSON } from './rollups.js';

/**
 * The query interface every analytics read goes through: one implementation per engine. This one
 * is PostgreSQL (the month-partitioned `analytics_events`); the ClickHouse one (ARCHITECTURE.md,
 * "Analytics scale path") implements the same methods with `windowFunnel` over a MergeTree table
 * fed from the outbox.
 */
export interface AnalyticsEngine {
  /** Each person's outcome in the funnel (persons who never entered step 1 are absent). */
  funnel(spec: FunnelSpec): Promise<Map<string, PersonOutcome>>;
  /** Counts per step (and breakdown value), median gaps and time to convert — the same numbers as `summarise(spec, funnel(spec))`. */
  summary(spec: FunnelSpec): Promise<Summary>;
}
export type Summary = Omit<FunnelResult, 'from' | 'to' | 'windowDays' | 'order'>;

const BREAKDOWN_SQL = {
  channel: sql.raw(`COALESCE(e.channel, 'direct')`),
  utm_source: sql.raw(`COALESCE(e.utm_source, '(none)')`),
  device: sql.raw(`COALESCE(e.device, '(server)')`),
  product: sql.raw(`COALESCE(e.product_id, '(none)')`),
} as const;

/** Ordered funnels over distinct event names are answered in SQL (one row per breakdown value); the rest by the state machine. */
const sqlEligible = (spec: FunnelSpec) => spec.order === 'ordered' && new Set(spec.steps.map((s) => s.event)).size === spec.steps.length;

interface Row {
  person: string;
  name: string;
  at: Date;
  properties: Record<string, unknown> | null;
  channel: string | null;
  utm_source: string | null;
  device: string | null;
  product_id: string | null;
}

export function postgresEngine(db: Executor): AnalyticsEngine {
  const engine: AnalyticsEngine = {
    async funnel(spec) {
      // Strict mode needs every event of the person (another event in between breaks the chain);
      // the other modes only the steps' events. Step 1 is entered inside the range, later steps up
      // to a window after its end.
      const names = [...new Set(spec.steps.map((s) => s.event))];
      const needProps = spec.steps.some((s) => s.properties && Object.keys(s.properties).length > 0);
      const rows = await sql<Row>`
        SELECT ${PERSON} AS person, e.name, e.occurred_at AS at, ${needProps ? sql`e.properties` : sql`NULL::jsonb`} AS properties,
               e.channel, e.utm_source, e.device, e.product_id
        FROM ${FROM_EVENTS}
        WHERE e.occurred_at >= ${new Date(spec.fromMs)} AND e.occurred_at <= ${new Date(spec.toMs + spec.windowMs)}
          ${spec.order === 'strict' ? sql`` : sql`AND e.name = ANY(${names})`}
        ORDER BY 1, e.occurred_at, e.id`.execute(db);
      const out = new Map<string, PersonOutcome>();
      let person: string | null = null;
      let events: PersonEvent[] = [];
      const flush = () => {
        if (person === null) return;
        const o = personFunnel(spec, events);
        if (o.reached > 0) out.set(person, o);
      };
      for (const r of rows.rows) {
        if (r.person !== person) {
          flush();
          person = r.person;
          events = [];
        }
        events.push({
          name: r.name,
          at: r.at.getTime(),
          properties: r.properties ?? {},
          channel: r.channel,
          utmSource: r.utm_source,
          device: r.device,
          productId: r.product_id,
        });
      }
      flush();
      return out;
    },
    async summary(spec) {
      if (!sqlEligible(spec)) return summarise(spec, await engine.funnel(spec));
      return sqlSummary(db, spec);
    },
  };
  return engine;
}

/**
 * The ordered funnel as one statement: step 1 is each person's first matching event in the range
 * (DISTINCT ON), step k the earliest matching event at or after step k−1's time within the window;
 * counts, median gaps (percentile_cont = the mean of the two middle values, as `summarise`) and time
 * to convert per breakdown value and overall (GROUPING SETS). Names are distinct, so one event never
 * makes two steps.
 */
async function sqlSummary(db: Executor, spec: FunnelSpec): Promise<Summary> {
  const n = spec.steps.length;
  const filter = (k: number) => {
    const props = Object.entries(spec.steps[k]!.properties ?? {});
    return sql.join(
      [sql`e.name = ${spec.steps[k]!.event}`, ...props.map(([key, v]) => sql`e.properties->>${key} = ${String(v)}`)],
      sql` AND `,
    );
  };
  const bd = spec.breakdown ? BREAKDOWN_SQL[spec.breakdown] : sql.raw(`''`);
  const needProps = spec.steps.some((s) => Object.keys(s.properties ?? {}).length > 0);
  const windowSql = sql`${spec.windowMs / 1000} * interval '1 second'`;
  const ctes = [
    sql`e AS MATERIALIZED (SELECT ${PERSON} AS person, e.name, e.occurred_at AS ts, e.id, ${needProps ? sql`e.properties` : sql`NULL::jsonb AS properties`}, ${bd} AS bd FROM ${FROM_EVENTS}
        WHERE e.occurred_at >= ${new Date(spec.fromMs)} AND e.occurred_at <= ${new Date(spec.toMs + spec.windowMs)}
          AND e.name = ANY(${spec.steps.map((s) => s.event)}))`,
    sql`s1 AS (SELECT DISTINCT ON (person) person, ts AS t, bd FROM e WHERE ${filter(0)} AND e.ts < ${new Date(spec.toMs)} ORDER BY person, ts, id)`,
  ];
  for (let k = 1; k < n; k++)
    ctes.push(
      sql`${sql.raw(`s${k + 1}`)} AS (SELECT p.person, min(e.ts) AS t FROM ${sql.raw(`s${k}`)} p JOIN s1 USING (person)
          JOIN e ON e.person = p.person AND ${filter(k)} AND e.ts >= p.t AND e.ts <= s1.t + ${windowSql} GROUP BY p.person)`,
    );
  const secs = (a: number, b: number) => sql.raw(`extract(epoch FROM s${a}.t - s${b}.t)`);
  const last = secs(n, 1);
  const cols = [
    sql`GROUPING(s1.bd) AS overall`,
    sql`s1.bd AS value`,
    ...Array.from({ length: n }, (_, k) => sql`count(${sql.raw(`s${k + 1}.t`)})::int AS ${sql.raw(`c${k + 1}`)}`),
    ...Array.from(
      { length: n - 1 },
      (_, k) => sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${secs(k + 2, k + 1)}) AS ${sql.raw(`g${k + 2}`)}`,
    ),
    ...TTC_BUCKETS.map(([, max], i) => {
      const lower = i === 0 ? 0 : TTC_BUCKETS[i - 1]![1];
      const upper = Number.isFinite(max) ? sql`${last} < ${max}` : sql`true`;
      return sql`count(${sql.raw(`s${n}.t`)}) FILTER (WHERE ${last} >= ${lower} AND ${upper})::int AS ${sql.raw(`b${i}`)}`;
    }),
  ];
  const joins = Array.from({ length: n - 1 }, (_, k) => sql.raw(`LEFT JOIN s${k + 2} USING (person)`));
  const query = sql<Record<string, number | string | null>>`
    WITH ${sql.join(ctes, sql`, `)}
    SELECT ${sql.join(cols, sql`, `)} FROM s1 ${sql.join(joins, sql` `)}
    GROUP BY GROUPING SETS ((s1.bd), ())`;
  // The step joins run over a materialized CTE (no index): as nested loops they are quadratic in
  // the events (minutes on the embedded PostgreSQL for the demo's 40k). Hash joins keep them linear.
  const run = async (x: Executor) => {
    await sql`SET LOCAL enable_nestloop = off`.execute(x);
    return query.execute(x);
  };
  const rows = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  const total = rows.rows.find((r) => Number(r.overall) === 1);
  const count = (r: Record<string, unknown> | undefined, k: number) => Number(r?.[`c${k}`] ?? 0);
  const c1 = count(total, 1);
  const groups = rows.rows.filter((r) => Number(r.overall) === 0);
  return {
    steps: spec.steps.map((s, k) => ({
      step: k + 1,
      event: s.event,
      label: s.label ?? s.event,
      count: count(total, k + 1),
      conversion: c1 ? count(total, k + 1) / c1 : 0,
      medianSecondsFromPrevious: k === 0 || total?.[`g${k + 1}`] == null ? null : Number(total[`g${k + 1}`]),
    })),
    ...(spec.breakdown
      ? {
          breakdown: groups
            .map((r) => ({ value: String(r.value), steps: spec.steps.map((_, k) => ({ step: k + 1, count: count(r, k + 1) })) }))
            .sort((a, b) => b.steps[0]!.count - a.steps[0]!.count || a.value.localeCompare(b.value)),
        }
      : {}),
    timeToConvert: TTC_BUCKETS.map(([bucket], i) => ({ bucket, people: Number(total?.[`b${i}`] ?? 0) })),
  };
}
