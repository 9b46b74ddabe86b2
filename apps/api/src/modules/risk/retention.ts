import { sql } from 'kysely';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { RETENTION_YEARS, type RiskDeps } from './deps.js';

export type RetentionPurger = (trx: Tx, memberId: string) => Promise<void>;

/** `at` minus whole calendar years (29 February falls back to the 28th). */
export function yearsBefore(at: Date, years: number): Date {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== at.getUTCMonth()) d.setUTCDate(0);
  return d;
}

/**
 * Identity and transaction records are kept at least five years after an account closes (反洗钱),
 * then purged: each module that keeps such records registers a purger; risk's own signals go too.
 * One closed account per transaction, so a failing purger leaves that account for the next run.
 */
export async function purgeRetained(deps: RiskDeps, purgers: ReadonlyMap<string, RetentionPurger>, now: Date, limit = 200) {
  const cutoff = yearsBefore(now, RETENTION_YEARS);
  const due = await sql<{ member_id: string }>`
    SELECT member_id FROM risk_closures WHERE purged_at IS NULL AND closed_at <= ${cutoff} ORDER BY closed_at LIMIT ${limit}
  `.execute(deps.db);
  let purged = 0;
  for (const { member_id: memberId } of due.rows) {
    await transact(deps.db, async (trx) => {
      for (const purge of purgers.values()) await purge(trx, memberId);
      await sql`DELETE FROM risk_attributes WHERE member_id = ${memberId}`.execute(trx);
      await sql`DELETE FROM risk_links WHERE member_a = ${memberId} OR member_b = ${memberId}`.execute(trx);
      await sql`DELETE FROM risk_ring_members WHERE member_id = ${memberId}`.execute(trx);
      await sql`DELETE FROM risk_facts WHERE member_id = ${memberId}`.execute(trx);
      await sql`DELETE FROM risk_household_members WHERE member_id = ${memberId}`.execute(trx);
      await sql`DELETE FROM risk_member_whitelist WHERE member_id = ${memberId}`.execute(trx);
      await sql`UPDATE risk_closures SET purged_at = ${now} WHERE member_id = ${memberId}`.execute(trx);
      await deps.audit.record(trx, {
        actor: { type: 'system' },
        action: 'risk.retention_purged',
        target: { type: 'member', id: memberId },
        after: { modules: [...purgers.keys(), 'risk'] },
      });
    });
    purged++;
  }
  return { purged };
}
