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

/** What one call reads besides the signals: the rule versions in force and the member's clearance. */
export interface MemberReading {
  signals: Signals;
  heads: { active: number | null; shadow: number | null };
  cleared: string | null;
}

/** Everything the rules can read about one member, in one statement on the caller's executor. */
export async function signalsOf(
  db: Executor,
  memberId: string,
  now: Date,
  extra: { deviceHash?: string | null; regionHash?: string | null; amount?: bigint | null },
): Promise<Signals> {
  return (await readMember(db, memberId, now, extra)).signals;
}

export async function readMember(
  db: Executor,
  memberId: string,
  now: Date,
  extra: { deviceHash?: string | null; regionHash?: string | null; amount?: bigint | null },
): Promise<MemberReading> {
  // One call of risk_signals (migration 0076): the statement's plan is kept per connection.
  const kinds = Object.keys(LINK_KINDS);
  const days = Object.values(LINK_KINDS).map((k) => k.windowDays);
  const row = await sql<
    Omit<Signals, 'new_device' | 'new_region' | 'amount_fen'> & {
      known_devices: number;
      device_known: boolean;
      known_regions: number;
      region_known: boolean;
      active_version: number | null;
      shadow_version: number | null;
      cleared_reason: string | null;
    }
  >`
    SELECT * FROM risk_signals(${memberId}::uuid, ${now}::timestamptz, ${extra.deviceHash ?? ''}, ${extra.regionHash ?? ''},
      ${kinds}::text[], ${days}::int[], ${CLAIM_AND_LEAVE_DAYS}::int, ${VELOCITY_MINUTES}::int, ${RAPID_CYCLE_HOURS}::int)
  `.execute(db);
  const r = row.rows[0]!;
  const { known_devices, device_known, known_regions, region_known, active_version, shadow_version, cleared_reason, ...counts } = r;
  return {
    signals: {
      ...counts,
      new_device: extra.deviceHash && known_devices > 0 && !device_known ? 1 : 0,
      new_region: extra.regionHash && known_regions > 0 && !region_known ? 1 : 0,
      amount_fen: extra.amount ? Number(extra.amount) : 0,
    },
    heads: { active: active_version, shadow: shadow_version },
    cleared: cleared_reason,
  };
}
