import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerJobs } from '../../app/modules.js';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { Scheduler, JOB_TIMEZONE } from './scheduler.js';

let sys: TestSystem;
let scheduler: Scheduler;
beforeAll(async () => {
  sys = await createTestSystem({ demo: true });
  scheduler = new Scheduler(sys.database.pool, sys.clock, sys.platform.logger);
  registerJobs(scheduler, sys.modules, sys.platform.db);
  await scheduler.start();
});
afterAll(async () => {
  await scheduler.stop();
  await sys.close();
});

describe('scheduled jobs (pg-boss)', () => {
  it('stores the purge schedule in the database, in Asia/Shanghai time', async () => {
    const schedules = await scheduler.schedules();
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'purge-expired-credentials', cron: '*/10 * * * *', timezone: JOB_TIMEZONE }),
      ]),
    );
  });

  it('purges sessions and codes only once they are expired for a day (clock injected, no waiting)', async () => {
    const login = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { phone: '13800000001', password: 'Quanzi2026' },
    });
    expect(login.statusCode).toBe(200);
    await sys.modules.sms.sendCode('13700000077', 'register');
    const job = scheduler.registered().find((j) => j.name === 'purge-expired-credentials')!;
    const count = async () => {
      const r = await sql<{
        sessions: string;
        codes: string;
      }>`SELECT (SELECT count(*) FROM member_sessions) AS sessions, (SELECT count(*) FROM sms_codes) AS codes`.execute(sys.platform.db);
      return { sessions: Number(r.rows[0]!.sessions), codes: Number(r.rows[0]!.codes) };
    };
    expect(await job.run(sys.clock.now())).toMatchObject({ memberSessions: 0, smsCodes: 0 });
    const before = await count();
    expect(before.sessions).toBeGreaterThan(0);
    expect(before.codes).toBeGreaterThan(0);
    const later = new Date(sys.clock.now().getTime() + 32 * 24 * 3600_000);
    const result = (await job.run(later)) as { memberSessions: number; smsCodes: number };
    expect(result.memberSessions).toBe(before.sessions);
    expect(result.smsCodes).toBe(before.codes);
    expect(await count()).toEqual({ sessions: 0, codes: 0 });
  });
});
