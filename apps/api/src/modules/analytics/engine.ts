import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { personFunnel, type FunnelSpec, type PersonEvent, type PersonOutcome } from './funnel.js';
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
}

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
  return {
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
  };
}
