import { sql, type Generated } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Db, Tx } from '../db/connect.js';
import { afterCommit } from '../db/transact.js';

export interface DomainEvent<P = Record<string, unknown>> {
  /** Unique per event; subscribers keep it to drop the duplicates at-least-once delivery brings. */
  id: string;
  seq: bigint;
  name: string;
  payload: P;
  occurredAt: Date;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

type OutboxTables = {
  outbox_events: {
    seq: Generated<bigint>;
    id: Generated<string>;
    name: string;
    payload: unknown;
    occurred_at: Generated<Date>;
    dispatched_at: Generated<Date | null>;
    attempts: Generated<number>;
    next_attempt_at: Generated<Date>;
    last_error: Generated<string | null>;
  };
};

const CHANNEL = 'quanzi_outbox';
const BATCH = 100;
const POLL_MS = 5_000;

/** Exponential backoff for events whose subscriber failed, capped at ten minutes. */
const retryDelayMs = (attempts: number): number => Math.min(600_000, 1_000 * 2 ** Math.min(attempts, 10));

/**
 * The transactional outbox. `emit` writes the event in the caller's transaction and issues a NOTIFY,
 * which PostgreSQL delivers only at commit: every instance listening wakes within milliseconds, and
 * this instance is also woken in-process after commit. Polling is only the fallback.
 */
export class Outbox {
  private readonly handlers = new Map<string, Array<{ subscriber: string; handle: EventHandler }>>();
  private listener: pg.PoolClient | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
    private readonly logger: Pick<Logger, 'warn' | 'error' | 'debug'>,
  ) {}

  async emit(trx: Tx, name: string, payload: Record<string, unknown>): Promise<string> {
    const row = await trx
      .withTables<OutboxTables>()
      .insertInto('outbox_events')
      .values({ name, payload: JSON.stringify(payload) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`SELECT pg_notify(${CHANNEL}, '')`.execute(trx);
    afterCommit(trx, () => this.wake());
    return row.id;
  }

  /** `name` is an event name or `*`; `subscriber` names the consumer in logs. */
  subscribe(name: string, subscriber: string, handle: EventHandler): void {
    const list = this.handlers.get(name) ?? [];
    list.push({ subscriber, handle });
    this.handlers.set(name, list);
  }

  async start(): Promise<void> {
    this.running = true;
    this.listener = await this.pool.connect();
    this.listener.on('notification', () => this.wake());
    this.listener.on('error', (err) => this.logger.warn({ err }, 'outbox listener lost; polling until restart'));
    await this.listener.query(`LISTEN ${CHANNEL}`);
    const poll = () => {
      this.wake();
      this.pollTimer = setTimeout(poll, POLL_MS);
      this.pollTimer.unref();
    };
    poll();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
      this.listener.release(true);
      this.listener = undefined;
    }
    await this.draining;
  }

  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainAll()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err }, 'outbox dispatch failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Dispatches until nothing is due. Exposed for tests that want to wait for delivery. */
  async drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dispatchBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  private async dispatchBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const t = trx.withTables<OutboxTables>();
      // SKIP LOCKED: several instances drain together, each event claimed by exactly one of them.
      const events = await t
        .selectFrom('outbox_events')
        .select(['seq', 'id', 'name', 'payload', 'occurred_at', 'attempts'])
        .where('dispatched_at', 'is', null)
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('seq')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of events) {
        const event: DomainEvent = {
          id: row.id,
          seq: row.seq,
          name: row.name,
          payload: row.payload as Record<string, unknown>,
          occurredAt: row.occurred_at,
        };
        const error = await this.deliver(event);
        if (error === undefined) {
          await t
            .updateTable('outbox_events')
            .set({ dispatched_at: sql`now()` })
            .where('seq', '=', row.seq)
            .execute();
        } else {
          await t
            .updateTable('outbox_events')
            .set({
              attempts: row.attempts + 1,
              last_error: error,
              next_attempt_at: sql`now() + ${retryDelayMs(row.attempts + 1)} * interval '1 millisecond'`,
            })
            .where('seq', '=', row.seq)
            .execute();
        }
      }
      return events.length;
    });
  }

  private async deliver(event: DomainEvent): Promise<string | undefined> {
    const targets = [...(this.handlers.get(event.name) ?? []), ...(this.handlers.get('*') ?? [])];
    const errors: string[] = [];
    for (const { subscriber, handle } of targets) {
      try {
        await handle(event);
      } catch (err) {
        this.logger.warn({ err, event: event.name, eventId: event.id, subscriber }, 'event subscriber failed; will retry');
        errors.push(`${subscriber}: ${(err as Error).message}`);
      }
    }
    return errors.length ? errors.join('; ') : undefined;
  }
}
