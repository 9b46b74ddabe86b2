import { sql } from 'kysely';
import { transact } from '../../platform/db/transact.js';
import type { RiskSubject, RiskDecision } from './index.js';
import type { RiskDeps } from './deps.js';
import { observeAttribute } from './links.js';
import { recordFact } from './signals.js';

/** Five accounts of a bonus-hunting farm (synthetic ids: they are not demo members who sign in). */
const FARM = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-0000000f00${String(n).padStart(2, '0')}`);

/**
 * Demo risk data, once: a farm of five accounts chained by two shared phones and a card, one of
 * which claimed a reward and withdrew at once (its referral reward waits in the review queue and a
 * later grant is denied), and a structuring pattern of the day before for the monitoring page.
 */
export async function seedRiskDemo(
  deps: RiskDeps,
  assess: (trx: Parameters<Parameters<typeof transact>[1]>[0], s: RiskSubject) => Promise<RiskDecision>,
): Promise<number> {
  const seeded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_attributes WHERE member_id = ${FARM[0]}`.execute(deps.db);
  if (seeded.rows[0]!.n > 0) return 0;
  const now = deps.clock.now();
  const hunter = FARM[0]!;
  await transact(deps.db, (trx) =>
    assess(trx, { use: 'reward_grant', ref: 'demo:campaign:newcomer:first', memberId: hunter, amount: 1_888n }),
  );
  await transact(deps.db, (trx) =>
    recordFact(trx, {
      ref: 'demo:withdrawal:farm-1',
      memberId: hunter,
      kind: 'withdrawal',
      amount: 1_888n,
      at: new Date(now.getTime() + 1000),
    }),
  );
  await transact(deps.db, async (trx) => {
    for (const [i, m] of FARM.entries()) {
      const phone = deps.vault.blindIndex('risk_device', `demo-farm-phone-${i < 3 ? 'a' : 'b'}`);
      await observeAttribute(trx, { memberId: m, kind: 'device', valueHash: phone, at: now });
      if (i === 2 || i === 3) await observeAttribute(trx, { memberId: m, kind: 'card', valueHash: 'demo-farm-card', at: now });
      await observeAttribute(trx, { memberId: m, kind: 'ip24', valueHash: deps.vault.blindIndex('risk_ip24', '10.88.1'), at: now });
    }
  });
  await transact(deps.db, (trx) =>
    assess(trx, { use: 'reward_grant', ref: 'demo:campaign:newcomer:second', memberId: hunter, amount: 1_888n }),
  );
  await transact(deps.db, (trx) =>
    assess(trx, { use: 'referral_reward', ref: 'demo:referral:farm-2', memberId: FARM[4]!, amount: 2_000n }),
  );
  const yesterday = new Date(now.getTime() - 86_400_000);
  await transact(deps.db, async (trx) => {
    for (const n of [1, 2, 3])
      await recordFact(trx, {
        ref: `demo:structuring:${n}`,
        memberId: FARM[1]!,
        kind: 'top_up',
        amount: 4_900_000n - BigInt(n) * 10_000n,
        at: yesterday,
      });
  });
  return FARM.length;
}
