import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { EventBatchResult } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { transact } from '../../platform/db/transact.js';
import type { AnalyticsDeps } from './deps.js';
import { mapServerEvent } from './catalog.js';
import { t, type EventRow } from './repo.js';
import { LIMITS, MinuteCounter, deviceOf, isBot, validateEvent, type ClientEvent } from './validate.js';

/** The Shanghai day of a timestamp column, as SQL. */
export const dayOf = (column: string) => sql.raw(`((${column}) AT TIME ZONE 'Asia/Shanghai')::date`);

/** Marks the Shanghai days of these instants dirty, in the caller's transaction. */
async function markDays(db: Executor, instants: Date[]): Promise<void> {
  if (instants.length === 0) return;
  const days = [...new Set(instants.map((d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)))];
  // Appended, never upserted: see the migration (a committed mark must not hide an uncommitted one).
  await t(db)
    .insertInto('analytics_dirty_days')
    .values(days.map((day) => ({ day })))
    .execute();
}

export async function insertEvents(db: Executor, rows: EventRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  // 15 parameters a row: stay well under PostgreSQL's 65,535 per statement.
  if (rows.length > 2000) {
    let n = 0;
    for (let i = 0; i < rows.length; i += 2000) n += await insertEvents(db, rows.slice(i, i + 2000));
    return n;
  }
  const inserted = await t(db)
    .insertInto('analytics_events')
    .values(rows.map((r) => ({ ...r, properties: JSON.stringify(r.properties) })))
    .onConflict((oc) => oc.columns(['id', 'occurred_at']).doNothing())
    .returning('occurred_at')
    .execute();
  await markDays(
    db,
    inserted.map((r) => r.occurred_at),
  );
  return inserted.length;
}

/**
 * Stitches an anonymous browser id to a member (the first member wins): the id's earlier events
 * now count as the member's, so their days are re-aggregated; its first visit becomes the
 * member's first touch when it is earlier than what we knew.
 */
export async function stitch(db: Executor, anonymousId: string, memberId: string, now: Date): Promise<void> {
  const row = await t(db)
    .insertInto('analytics_identities')
    .values({ anonymous_id: anonymousId, member_id: memberId, stitched_at: now })
    .onConflict((oc) => oc.column('anonymous_id').doNothing())
    .returning('member_id')
    .executeTakeFirst();
  if (!row) return;
  await sql`
    INSERT INTO analytics_dirty_days (day)
    SELECT DISTINCT ${dayOf('occurred_at')} FROM analytics_events WHERE anonymous_id = ${anonymousId} AND member_id IS NULL`.execute(db);
  const first = await t(db)
    .selectFrom('analytics_events')
    .select(['channel', 'utm_source', 'occurred_at', 'properties'])
    .where('anonymous_id', '=', anonymousId)
    .where('channel', 'is not', null)
    .orderBy('occurred_at')
    .limit(1)
    .executeTakeFirst();
  if (first) {
    const p = (first.properties ?? {}) as Record<string, unknown>;
    const s = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
    await setFirstTouch(db, memberId, {
      channel: first.channel ?? 'direct',
      utmSource: first.utm_source,
      utmMedium: s(p.utm_medium),
      utmCampaign: s(p.utm_campaign),
      referrer: s(p.referrer),
      at: first.occurred_at,
    });
  }
}

export async function setFirstTouch(
  db: Executor,
  memberId: string,
  touch: {
    channel: string;
    utmSource: string | null;
    utmMedium: string | null;
    utmCampaign: string | null;
    referrer: string | null;
    at: Date;
  },
): Promise<void> {
  await sql`
    INSERT INTO analytics_first_touch (member_id, channel, utm_source, utm_medium, utm_campaign, referrer, touched_at)
    VALUES (${memberId}, ${touch.channel}, ${touch.utmSource}, ${touch.utmMedium}, ${touch.utmCampaign}, ${touch.referrer}, ${touch.at})
    ON CONFLICT (member_id) DO UPDATE SET channel = excluded.channel, utm_source = excluded.utm_source,
      utm_medium = excluded.utm_medium, utm_campaign = excluded.utm_campaign, referrer = excluded.referrer, touched_at = excluded.touched_at
    WHERE excluded.touched_at < analytics_first_touch.touched_at`.execute(db);
}

const counter = new MinuteCounter();

export interface BatchContext {
  memberId: string | null;
  ip: string;
  userAgent: string | null;
}

/**
 * `POST /api/v1/events`: every element is checked on its own; the valid ones are stored in one
 * transaction and the others are reported by index and code. A signed-in caller's events are the
 * member's and each anonymous id in the batch is stitched to them.
 */
export async function ingestBatch(deps: AnalyticsDeps, events: unknown[], ctx: BatchContext, limits = LIMITS): Promise<EventBatchResult> {
  const now = deps.clock.now();
  const dropped: EventBatchResult['dropped'] = [];
  const keep: ClientEvent[] = [];
  const bot = isBot(ctx.userAgent);
  events.forEach((raw, index) => {
    if (bot) return dropped.push({ index, code: 'BOT' });
    if (index >= limits.batch) return dropped.push({ index, code: 'BATCH_TOO_LARGE' });
    const v = validateEvent(raw, now);
    if ('code' in v) return dropped.push({ index, code: v.code });
    if (!counter.take(`ip:${ctx.ip}`, limits.perIpPerMinute, now) || !counter.take(`id:${v.event.anonymousId}`, limits.perIdPerMinute, now))
      return dropped.push({ index, code: 'RATE_LIMITED' });
    keep.push(v.event);
  });
  if (keep.length > 0) {
    const device = deviceOf(ctx.userAgent);
    await transact(deps.db, async (trx) => {
      await insertEvents(
        trx,
        keep.map((e) => ({
          id: randomUUID(),
          name: e.name,
          source: 'client',
          anonymous_id: e.anonymousId,
          member_id: ctx.memberId,
          occurred_at: e.occurredAt,
          received_at: now,
          channel: e.channel,
          utm_source: e.utmSource,
          device,
          product_id: e.productId,
          group_id: e.groupId,
          amount: null,
          properties: e.properties,
        })),
      );
      if (ctx.memberId) for (const id of new Set(keep.map((e) => e.anonymousId))) await stitch(trx, id, ctx.memberId, now);
    });
  }
  return { accepted: keep.length, dropped };
}

/** Outbox subscriber: a business fact becomes a server event (the outbox id dedupes redelivery). */
export async function recordServerEvent(deps: AnalyticsDeps, event: DomainEvent): Promise<void> {
  const m = mapServerEvent(event);
  if (!m) return;
  await transact(deps.db, async (trx) => {
    const touch = await t(trx).selectFrom('analytics_first_touch').select('channel').where('member_id', '=', m.memberId).executeTakeFirst();
    if (m.name === 'registered' && m.channel) {
      const p = event.payload;
      const s = (v: unknown) => (typeof v === 'string' ? v : null);
      await setFirstTouch(trx, m.memberId, {
        channel: m.channel,
        utmSource: m.utmSource ?? null,
        utmMedium: s(p.utmMedium),
        utmCampaign: s(p.utmCampaign),
        referrer: null,
        at: event.occurredAt,
      });
    }
    await insertEvents(trx, [
      {
        id: event.id,
        name: m.name,
        source: 'server',
        anonymous_id: null,
        member_id: m.memberId,
        occurred_at: event.occurredAt,
        received_at: deps.clock.now(),
        channel: touch?.channel ?? m.channel ?? 'direct',
        utm_source: m.utmSource ?? null,
        device: null,
        product_id: m.productId ?? null,
        group_id: m.groupId ?? null,
        amount: m.amount ?? null,
        properties: m.properties ?? {},
      },
    ]);
  });
}
