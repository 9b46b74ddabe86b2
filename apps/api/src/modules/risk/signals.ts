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

const linkCount = (memberId: string, kind: string, now: Date) => sql<number>`(
  SELECT count(DISTINCT CASE WHEN l.member_a = ${memberId}::uuid THEN l.member_b ELSE l.member_a END)::int FROM risk_links l
  WHERE (l.member_a = ${memberId}::uuid OR l.member_b = ${memberId}::uuid) AND l.kind = ${kind}
    AND l.last_seen >= ${now}::timestamptz - make_interval(days => ${LINK_KINDS[kind as keyof typeof LINK_KINDS].windowDays}::int)
    AND NOT EXISTS (SELECT 1 FROM risk_household_members x JOIN risk_household_members y ON y.household_id = x.household_id
                    WHERE x.member_id = l.member_a AND y.member_id = l.member_b))`;

/** Everything the rules can read about one member, in one statement on the caller's executor. */
export async function signalsOf(
  db: Executor,
  memberId: string,
  now: Date,
  extra: { deviceHash?: string | null; regionHash?: string | null; amount?: bigint | null },
): Promise<Signals> {
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
      ${linkCount(memberId, 'device', now)} AS shared_device_accounts,
      ${linkCount(memberId, 'ip24', now)} AS shared_ip24_accounts,
      ${linkCount(memberId, 'card', now)} AS shared_card_accounts,
      ${linkCount(memberId, 'id_number', now)} AS shared_id_accounts,
      ${linkCount(memberId, 'referral', now)} AS referral_edges,
      (SELECT count(DISTINCT r.id)::int FROM risk_facts r JOIN risk_facts w
         ON w.member_id = r.member_id AND w.kind = 'withdrawal' AND w.at >= r.at
        AND w.at <= r.at + make_interval(days => ${CLAIM_AND_LEAVE_DAYS}::int)
       WHERE r.member_id = ${memberId} AND r.kind = 'reward'
         AND NOT EXISTS (SELECT 1 FROM risk_facts i WHERE i.member_id = r.member_id AND i.kind = 'investment' AND i.at >= r.at AND i.at <= w.at)
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
