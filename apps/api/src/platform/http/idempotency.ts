import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { canonicalJson } from '../canonical-json.js';
import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/connect.js';
import { AppError } from '../errors.js';
import { errorBody } from './error-handler.js';

const KEY_PATTERN = /^[\w.:-]{8,128}$/;
/**
 * How long a claim protects a request before another may take it over: its holder renews it every
 * few seconds while the handler runs, so a claim stops being renewed only when its process died,
 * and a retry after a crash waits at most this long (not a minute of 409 IDEMPOTENCY_IN_FLIGHT).
 */
export const IDEMPOTENCY_CLAIM_MS = 15_000;
const RENEW_EVERY_MS = 5_000;
/** Keys are kept a day, like Stripe's: enough for any client retry loop. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3600_000;
export const REPLAYED_HEADER = 'idempotent-replayed';

export interface IdempotencyStore {
  db: Db;
  clock: Clock;
}

interface StoredRow {
  request_hash: string;
  state: 'in_flight' | 'done';
  status_code: number | null;
  response: unknown;
  locked_until: Date;
}

/**
 * Runs a money-moving handler at most once per (caller, route, Idempotency-Key). The handler's
 * success or business error (4xx) is stored and replayed with `Idempotent-Replayed: true`; an
 * unexpected failure releases the key so the client's retry runs again. The business operation
 * itself is also keyed (orders store the key, ledger transfers carry theirs), so even a claim taken
 * over after a crash between the business commit and the stored response cannot book twice.
 */
export async function idempotent(
  store: IdempotencyStore,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  /** Receives the key: use cases store it on what they create, so a retry after a crash finds it. */
  handler: (key: string) => Promise<{ status: number; body: unknown }>,
): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !key) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  if (!KEY_PATTERN.test(key)) throw new AppError('VALIDATION_FAILED', {}, { header: 'Idempotency-Key', expected: KEY_PATTERN.source });
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  const hash = crypto
    .createHash('sha256')
    .update(canonicalJson({ params: request.params ?? null, body: request.body ?? null }))
    .digest('hex');
  const now = store.clock.now();

  const claimed = await claim(store.db, { scope, route, key, hash, now });
  if (!claimed) {
    const row = await find(store.db, scope, route, key);
    if (!row) throw new AppError('IDEMPOTENCY_IN_FLIGHT');
    if (row.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (row.state === 'done') {
      return reply
        .code(row.status_code ?? 200)
        .header(REPLAYED_HEADER, 'true')
        .send(row.response);
    }
    if (row.locked_until > now || !(await takeOver(store.db, { scope, route, key, now }))) throw new AppError('IDEMPOTENCY_IN_FLIGHT');
  }

  let outcome: { status: number; body: unknown };
  // A live holder keeps its claim; a dead one stops renewing and its claim runs out within IDEMPOTENCY_CLAIM_MS.
  const renewal = setInterval(() => {
    void renew(store.db, { scope, route, key, now: store.clock.now() }).catch(() => undefined);
  }, RENEW_EVERY_MS);
  renewal.unref();
  try {
    outcome = await handler(key);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) {
      clearInterval(renewal);
      await release(store.db, scope, route, key);
      throw err;
    }
    outcome = { status: err.status, body: errorBody(request, err) };
  } finally {
    clearInterval(renewal);
  }
  await complete(store.db, { scope, route, key, status: outcome.status, body: outcome.body });
  return reply.code(outcome.status).send(outcome.body);
}

async function claim(db: Executor, k: { scope: string; route: string; key: string; hash: string; now: Date }): Promise<boolean> {
  const { rows } = await sql`
    INSERT INTO idempotency_keys (scope, route, key, request_hash, state, locked_until, created_at)
    VALUES (${k.scope}, ${k.route}, ${k.key}, ${k.hash}, 'in_flight', ${new Date(k.now.getTime() + IDEMPOTENCY_CLAIM_MS)}, ${k.now})
    ON CONFLICT DO NOTHING RETURNING 1`.execute(db);
  return rows.length === 1;
}

async function find(db: Executor, scope: string, route: string, key: string): Promise<StoredRow | undefined> {
  const { rows } = await sql<StoredRow>`
    SELECT request_hash, state, status_code, response, locked_until FROM idempotency_keys
    WHERE scope = ${scope} AND route = ${route} AND key = ${key}`.execute(db);
  return rows[0];
}

async function takeOver(db: Executor, k: { scope: string; route: string; key: string; now: Date }): Promise<boolean> {
  const { rows } = await sql`
    UPDATE idempotency_keys SET locked_until = ${new Date(k.now.getTime() + IDEMPOTENCY_CLAIM_MS)}
    WHERE scope = ${k.scope} AND route = ${k.route} AND key = ${k.key} AND state = 'in_flight' AND locked_until <= ${k.now}
    RETURNING 1`.execute(db);
  return rows.length === 1;
}

async function renew(db: Executor, k: { scope: string; route: string; key: string; now: Date }): Promise<void> {
  await sql`
    UPDATE idempotency_keys SET locked_until = ${new Date(k.now.getTime() + IDEMPOTENCY_CLAIM_MS)}
    WHERE scope = ${k.scope} AND route = ${k.route} AND key = ${k.key} AND state = 'in_flight'`.execute(db);
}

async function complete(db: Executor, k: { scope: string; route: string; key: string; status: number; body: unknown }): Promise<void> {
  await sql`
    UPDATE idempotency_keys SET state = 'done', status_code = ${k.status}, response = ${JSON.stringify(k.body)}::jsonb
    WHERE scope = ${k.scope} AND route = ${k.route} AND key = ${k.key}`.execute(db);
}

async function release(db: Executor, scope: string, route: string, key: string): Promise<void> {
  await sql`DELETE FROM idempotency_keys WHERE scope = ${scope} AND route = ${route} AND key = ${key} AND state = 'in_flight'`.execute(db);
}

export async function purgeIdempotencyKeys(db: Executor, now: Date): Promise<number> {
  const result = await sql`DELETE FROM idempotency_keys WHERE created_at < ${new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS)}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}
