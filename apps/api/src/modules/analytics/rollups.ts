import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { AnalyticsDeps } from './deps.js';
import { t } from './repo.js';

/** Who an event is about: the member, the member its anonymous id was stitched to, else the anonymous id. */
export const PERSON = sql.raw(`COALESCE(e.member_id::text, i.member_id::text, 'a:' || e.anonymous_id)`);
export const FROM_EVENTS = sql.raw(`analytics_events e LEFT JOIN analytics_identities i ON i.anonymous_id = e.anonymous_id`);

/** Shanghai midnight of a YYYY-MM-DD day, as an instant. */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
export const addDays = (day: string, n: number): string =>
  new Date(dayStart(day).getTime() + n * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

/** Rebuilds the daily rollup of these days from the raw events, in the caller's transaction. */
export async function rebuildDays(db: Executor, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await t(db).deleteFrom('analytics_daily').where('day', 'in', days).execute();
  for (const day of days) {
    await sql`
      INSERT INTO analytics_daily (day, name, channel, events, people, amount)
      SELECT ${day}::date, e.name, COALESCE(e.channel, 'direct'), count(*), count(DISTINCT ${PERSON}), COALESCE(sum(e.amount), 0)
      FROM ${FROM_EVENTS}
      WHERE e.occurred_at >= ${dayStart(day)} AND e.occurred_at < ${dayStart(addDays(day, 1))}
      GROUP BY e.name, COALESCE(e.channel, 'direct')`.execute(db);
  }
}

/**
 * The incremental rollup (every few minutes): the committed dirty marks are taken with DELETE …
 * RETURNING and exactly those days are re-aggregated from the raw events in the same transaction.
 * A late event (yesterday's, sent today) or a stitched anonymous id marks its day again, so the
 * rollups always converge to the raw query. The watermark says up to when they are exact.
 */
export async function runRollups(deps: AnalyticsDeps, now: Date): Promise<{ days: number; watermark: string }> {
  return transact(deps.db, async (trx) => {
    const taken = await sql<{ day: string }>`DELETE FROM analytics_dirty_days RETURNING to_char(day, 'YYYY-MM-DD') AS day`.execute(trx);
    const days = [...new Set(taken.rows.map((r) => r.day))].sort();
    await rebuildDays(trx, days);
    await sql`
      INSERT INTO analytics_rollup_state (id, watermark, runs) VALUES (true, ${now}, 1)
      ON CONFLICT (id) DO UPDATE SET watermark = excluded.watermark, runs = analytics_rollup_state.runs + 1`.execute(trx);
    return { days: days.length, watermark: now.toISOString() };
  });
}

export async function watermark(db: Executor): Promise<Date | null> {
  const row = await t(db).selectFrom('analytics_rollup_state').select('watermark').executeTakeFirst();
  return row?.watermark ?? null;
}

/** Month partitions for this month and the next three (the nightly job); existing ones are kept. */
export async function ensurePartitions(db: Executor, now: Date): Promise<number> {
  let created = 0;
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (let k = 0; k < 4; k++) {
    const from = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 1));
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    const name = `analytics_events_${from.toISOString().slice(0, 7).replace('-', '')}`;
    const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname = ${name}`.execute(db);
    if (exists.rows[0]!.n > 0) continue;
    await sql
      .raw(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF analytics_events FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
      )
      .execute(db);
    created++;
  }
  return created;
}
