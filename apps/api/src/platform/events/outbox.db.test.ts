import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { transact } from '../db/transact.js';
import { Outbox, type DomainEvent } from './outbox.js';

const logger = pino({ level: 'silent' });
let database: TestDatabase;
const outboxes: Outbox[] = [];
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const o of outboxes.splice(0)) await o.stop();
  await database.drop();
});

function started(): Outbox {
  const outbox = new Outbox(database.db, database.pool, logger);
  outboxes.push(outbox);
  return outbox;
}

const waitFor = async (predicate: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('transactional outbox', () => {
  it('delivers an event only after its transaction commits, within milliseconds', async () => {
    const outbox = started();
    const seen: Array<{ event: DomainEvent; at: number }> = [];
    outbox.subscribe('test.happened', 'recorder', async (event) => void seen.push({ event, at: Date.now() }));
    await outbox.start();
    let committedAt = 0;
    await transact(database.db, async (trx) => {
      await outbox.emit(trx, 'test.happened', { n: 1 });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(0);
    });
    committedAt = Date.now();
    await waitFor(() => seen.length === 1);
    expect(seen[0]!.event.payload).toEqual({ n: 1 });
    expect(seen[0]!.at - committedAt).toBeLessThan(1000);
  });

  it('never delivers an event whose transaction rolled back', async () => {
    const outbox = started();
    const seen: DomainEvent[] = [];
    outbox.subscribe('*', 'recorder', async (e) => void seen.push(e));
    await outbox.start();
    await expect(
      transact(database.db, async (trx) => {
        await outbox.emit(trx, 'test.rolled_back', {});
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await outbox.drainAll();
    expect(seen).toHaveLength(0);
  });

  it('wakes another instance through LISTEN/NOTIFY, not polling', async () => {
    const writer = started();
    const reader = started();
    const seen: DomainEvent[] = [];
    reader.subscribe('test.cross', 'recorder', async (e) => void seen.push(e));
    await reader.start();
    await writer.start();
    // The writer instance has no subscriber and is stopped, so only the reader can deliver.
    await writer.stop();
    const t0 = Date.now();
    await transact(database.db, (trx) => writer.emit(trx, 'test.cross', {}));
    await waitFor(() => seen.length === 1, 2000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('retries a failed subscriber and keeps the same event id, so subscribers can drop duplicates', async () => {
    const outbox = started();
    const ids: string[] = [];
    let calls = 0;
    outbox.subscribe('test.flaky', 'flaky', async (e) => {
      calls++;
      ids.push(e.id);
      if (calls === 1) throw new Error('temporary');
    });
    await transact(database.db, (trx) => outbox.emit(trx, 'test.flaky', {}));
    await outbox.drainAll();
    expect(calls).toBe(1);
    await sql`UPDATE outbox_events SET next_attempt_at = now()`.execute(database.db);
    await outbox.drainAll();
    expect(calls).toBe(2);
    expect(new Set(ids).size).toBe(1);
    const row = await sql<{
      attempts: number;
      dispatched: boolean;
    }>`SELECT attempts, dispatched_at IS NOT NULL AS dispatched FROM outbox_events`.execute(database.db);
    expect(row.rows[0]).toEqual({ attempts: 1, dispatched: true });
  });

  it('two dispatchers draining together deliver each event exactly once (SKIP LOCKED)', async () => {
    const a = started();
    const b = started();
    const delivered: string[] = [];
    for (const o of [a, b]) o.subscribe('test.many', 'recorder', async (e) => void delivered.push(e.id));
    await transact(database.db, async (trx) => {
      for (let i = 0; i < 300; i++) await a.emit(trx, 'test.many', { i });
    });
    await Promise.all([a.drainAll(), b.drainAll(), a.drainAll(), b.drainAll()]);
    expect(delivered).toHaveLength(300);
    expect(new Set(delivered).size).toBe(300);
  });
});
