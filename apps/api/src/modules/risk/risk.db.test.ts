import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { ManualClock } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { createRiskModule, type RiskRuleSet } from './index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM risk_decisions`.execute(database.db)).rows[0]!.n);

describe('risk decisions', () => {
  it('allows by default and records the decision once per (use, ref)', async () => {
    const risk = createRiskModule({ clock: new ManualClock(new Date('2026-12-01T02:00:00Z')) });
    const memberId = randomUUID();
    const subject = { use: 'reward_grant' as const, ref: 'campaign:c1:event:e1', memberId, amount: 500n };
    const first = await transact(database.db, (trx) => risk.assess(trx, subject));
    expect(first).toMatchObject({ decision: 'allow', score: 0, reasons: [], ruleSet: 'rules-v1' });
    const replay = await transact(database.db, (trx) => risk.assess(trx, subject));
    expect(replay.id).toBe(first.id);
    expect(await count()).toBe(1);
  });

  it('leaves no decision behind when the business change rolls back', async () => {
    const risk = createRiskModule({ clock: new ManualClock(new Date('2026-12-01T02:00:00Z')) });
    const before = await count();
    await expect(
      transact(database.db, async (trx) => {
        await risk.assess(trx, { use: 'withdrawal', ref: 'withdrawal:w1', memberId: randomUUID(), amount: 100n });
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    expect(await count()).toBe(before);
  });

  it('keeps the rule set’s reasons with a deny', async () => {
    const strict: RiskRuleSet = {
      name: 'test-v1',
      evaluate: async () => ({
        score: 90,
        decision: 'deny',
        reasons: [{ rule: 'shared_device', weight: 90, evidence: '设备与 3 个账户共用' }],
      }),
    };
    const risk = createRiskModule({ clock: new ManualClock(new Date('2026-12-01T02:00:00Z')) }, strict);
    const decision = await transact(database.db, (trx) =>
      risk.assess(trx, { use: 'referral_reward', ref: 'referral:r1', memberId: randomUUID() }),
    );
    expect(decision).toMatchObject({ decision: 'deny', score: 90, ruleSet: 'test-v1' });
    expect(decision.reasons[0]!.evidence).toContain('设备');
  });
});
