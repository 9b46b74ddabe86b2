import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { transact } from '../../platform/db/transact.js';
import { call } from '../../../test/harness.js';
import { useDemoSystem } from '../../../test/flows.js';

const env = useDemoSystem();

const verify = async () => (await call(env.sys.app, { url: '/api/v1/console/audit-log/verify', token: env.admin })).json();

describe('the audit log is append-only and tamper-evident', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, and names the first entry someone edited behind the triggers', async () => {
    expect(await verify()).toMatchObject({ ok: true, brokenAtSeq: null });
    const { rows } = await sql<{ seq: string }>`SELECT seq::text FROM audit_log ORDER BY seq LIMIT 1 OFFSET 2`.execute(env.sys.platform.db);
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(env.sys.platform.db);
    await sql`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = ${rows[0]!.seq}::bigint`.execute(env.sys.platform.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(env.sys.platform.db);
    expect(await verify()).toMatchObject({ ok: false, brokenAtSeq: rows[0]!.seq });
  });

  it('writes nothing when the change it records rolls back', async () => {
    const before = (await call(env.sys.app, { url: '/api/v1/console/audit-log?action=test.', token: env.admin })).json().total;
    await expect(
      transact(env.sys.platform.db, async (trx) => {
        await env.sys.modules.audit.record(trx, { actor: { type: 'system' }, action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await call(env.sys.app, { url: '/api/v1/console/audit-log?action=test.', token: env.admin })).json().total).toBe(before);
  });

  it('pages newest first and filters by actor', async () => {
    const page1 = (await call(env.sys.app, { url: '/api/v1/console/audit-log?pageSize=3', token: env.admin })).json();
    const page2 = (await call(env.sys.app, { url: '/api/v1/console/audit-log?pageSize=3&page=2', token: env.admin })).json();
    const seqs = [...page1.items, ...page2.items].map((e: { seq: string }) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page1.total).toBeGreaterThan(6);
    const system = (await call(env.sys.app, { url: '/api/v1/console/audit-log?actorType=system', token: env.admin })).json();
    expect(system.items.every((e: { actorType: string }) => e.actorType === 'system')).toBe(true);
  });
});
