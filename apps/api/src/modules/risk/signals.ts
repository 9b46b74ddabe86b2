import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { LINK_KINDS } from './links.js';
import type { Signals } from './rules.js';

/** Claim-and-leave: a reward, then a withdrawal within this many days with no investment in between. */
export const CLAIM_AND_LEAVE_DAYS = 7;
/** Rapid cycle: a withdrawal within this many hours of a top-up, nothing invested in between. */
export const RAPID_CYCLE_HOURS = 24;
/** Registration velocity counts registrations from the same device or /24 within this many minutes. */
export const VELOCITY_MINUTES = 60;

export type FactKind = 'reward' | 'top_up' | 'withdrawal' | 'investment' | 'registration_device' | 'registration_ip24' | 'card_bound';

export async function recordFact(
  trx: Executor,
  fact: {
    ref: string;
    memberId: string;
    kind: FactKind;
    amount?: bigint | null;
    productId?: string | null;
    valueHash?: string | null;
    at: Date;
  },
): Promise<void> {
  await sql`
    INSERT INTO risk_facts (ref, member_id, kind, amount, product_id, value_hash, at)
    VALUES (${fact.ref}, ${fact.memberId}, ${fact.kind}, ${fact.amount ?? null}, ${fact.productId ?? null}, ${fact.valueHash ?? null}, ${fact.at})
    ON CONFLICT (ref) DO NOTHING
  `.execute(trx);
}

/** SQL: the link `l` is inside its kind's window at `now`. */
const inWindow = (now: Date) =>
  sql`l.last_seen >= ${now}::timestamptz - make_interval(days => CASE l.kind ${sql.join(
    Object.entries(LINK_KINDS).map(([k, v]) => sql`WHEN ${k} THEN ${v.windowDays}::int`),
    sql` `,
  )} ELSE 0 END)`;

/** Everything the rules can read about one member, in one statement on the caller's executor. */
export async function signalsOf(
  db: Executor,
  memberId: string,
  now: Date,
  extra: { deviceHash?: string | null; regionHash?: string | null; amount?: bigint | null },
): Promise<Signals> {
  // The member's live links, read once (both index directions), household mates dropped.
  const links = sql`(
    SELECT l.member_b AS other, l.kind FROM risk_links l WHERE l.member_a = ${memberId}::uuid AND ${inWindow(now)}
    UNION ALL
    SELECT l.member_a AS other, l.kind FROM risk_links l WHERE l.member_b = ${memberId}::uuid AND ${inWindow(now)}
  )`;
  const shared = (kind: string) => sql`count(DISTINCT k.other) FILTER (WHERE k.kind = ${kind})::int`;
  const row = await sql<
    Omit<Signals, 'new_device' | 'new_region' | 'amount_fen'> & {
      known_devices: number;
      device_known: boolean;
      known_regions: number;
      region_known: boolean;
    }
  >`
    SELECT
      COALESCE((SELECT count(*)::int FROM risk_ring_members r
                WHERE r.ring_id = (SELECT ring_id FROM risk_ring_members WHERE member_id = ${memberId})), 0) AS ring_size,
      lc.shared_device_accounts, lc.shared_ip24_accounts, lc.shared_card_accounts, lc.shared_id_accounts, lc.referral_edges,
      (SELECT count(*)::int FROM (
         SELECT d.decided_at AS at FROM risk_decisions d
         WHERE d.member_id = ${memberId} AND d.use IN ('reward_grant', 'referral_reward') AND d.decision = 'allow'
         UNION ALL
         SELECT f.at FROM risk_facts f WHERE f.member_id = ${memberId} AND f.kind = 'reward'
       ) r
       WHERE EXISTS (
         SELECT 1 FROM risk_facts w
         WHERE w.member_id = ${memberId} AND w.kind = 'withdrawal' AND w.at >= r.at
           AND w.at <= r.at + make_interval(days => ${CLAIM_AND_LEAVE_DAYS}::int)
           AND NOT EXISTS (SELECT 1 FROM risk_facts i WHERE i.member_id = ${memberId} AND i.kind = 'investment' AND i.at >= r.at AND i.at <= w.at))
      ) AS claim_and_leave,
      COALESCE((SELECT max(n)::int FROM (
         SELECT count(*) AS n FROM risk_facts mine JOIN risk_facts o
           ON o.kind = mine.kind AND o.value_hash = mine.value_hash
          AND o.at BETWEEN mine.at - make_interval(mins => ${VELOCITY_MINUTES}::int) AND mine.at + make_interval(mins => ${VELOCITY_MINUTES}::int)
         WHERE mine.member_id = ${memberId} AND mine.kind IN ('registration_device', 'registration_ip24')
         GROUP BY mine.id) v), 0) AS registration_velocity,
      COALESCE((SELECT max(n)::int FROM (
         SELECT count(DISTINCT o.member_id) AS n FROM risk_facts mine JOIN risk_facts o
           ON o.kind = 'investment' AND o.product_id = mine.product_id AND o.amount = mine.amount
          AND date_trunc('minute', o.at) = date_trunc('minute', mine.at)
         WHERE mine.member_id = ${memberId} AND mine.kind = 'investment'
         GROUP BY mine.id) b), 0) AS newbie_minimum_burst,
      (SELECT count(DISTINCT w.id)::int FROM risk_facts w JOIN risk_facts t
         ON t.member_id = w.member_id AND t.kind = 'top_up' AND t.at < w.at AND t.at >= w.at - make_interval(hours => ${RAPID_CYCLE_HOURS}::int)
       WHERE w.member_id = ${memberId} AND w.kind = 'withdrawal'
         AND NOT EXISTS (SELECT 1 FROM risk_facts i WHERE i.member_id = w.member_id AND i.kind = 'investment' AND i.at > t.at AND i.at <= w.at)
      ) AS rapid_cycle,
      (SELECT count(*)::int FROM risk_attributes WHERE member_id = ${memberId} AND kind = 'device') AS known_devices,
      EXISTS (SELECT 1 FROM risk_attributes WHERE member_id = ${memberId} AND kind = 'device' AND value_hash = ${extra.deviceHash ?? ''}) AS device_known,
      (SELECT count(*)::int FROM risk_attributes WHERE member_id = ${memberId} AND kind = 'region') AS known_regions,
      EXISTS (SELECT 1 FROM risk_attributes WHERE member_id = ${memberId} AND kind = 'region' AND value_hash = ${extra.regionHash ?? ''}) AS region_known
    FROM (
      SELECT ${shared('device')} AS shared_device_accounts, ${shared('ip24')} AS shared_ip24_accounts, ${shared('card')} AS shared_card_accounts,
             ${shared('id_number')} AS shared_id_accounts, ${shared('referral')} AS referral_edges
      FROM ${links} k
      WHERE NOT EXISTS (SELECT 1 FROM risk_household_members x JOIN risk_household_members y ON y.household_id = x.household_id
                        WHERE x.member_id = ${memberId}::uuid AND y.member_id = k.other)
    ) lc
  `.execute(db);
  const r = row.rows[0]!;
  const { known_devices, device_known, known_regions, region_known, ...counts } = r;
  return {
    ...counts,
    new_device: extra.deviceHash && known_devices > 0 && !device_known ? 1 : 0,
    new_region: extra.regionHash && known_regions > 0 && !region_known ? 1 : 0,
    amount_fen: extra.amount ? Number(extra.amount) : 0,
  };
}
