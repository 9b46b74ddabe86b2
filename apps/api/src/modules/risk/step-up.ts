import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { STEP_UP_WITHDRAWAL_FEN, type RiskDeps } from './deps.js';
import { subnets } from './links.js';

export interface StepUpAnswer {
  stepUpRequired: boolean;
  /** Shown to the member: why an SMS code is asked for. */
  reasons: ('new_device' | 'new_region' | 'large_withdrawal_new_device')[];
}

/**
 * Does this login or withdrawal need an SMS code on top? A login from a device or a region (IPv4
 * /16) the member was never seen with does — unless the member has no history yet (the first
 * login is the registration's device). A withdrawal at or above the threshold from a new device does.
 */
export async function stepUp(
  deps: RiskDeps,
  db: Executor,
  input: { memberId: string; use: 'login' | 'withdrawal'; deviceId?: string | null; ip?: string | null; amount?: bigint | null },
): Promise<StepUpAnswer> {
  const device = input.deviceId ? deps.vault.blindIndex('risk_device', input.deviceId) : null;
  const nets = input.ip ? subnets(input.ip) : null;
  const region = nets ? deps.vault.blindIndex('risk_region', nets.region) : null;
  const row = (
    await sql<{ devices: number; device_known: boolean; regions: number; region_known: boolean }>`
      SELECT count(*) FILTER (WHERE kind = 'device')::int AS devices,
             bool_or(kind = 'device' AND value_hash = ${device ?? ''}) IS TRUE AS device_known,
             count(*) FILTER (WHERE kind = 'region')::int AS regions,
             bool_or(kind = 'region' AND value_hash = ${region ?? ''}) IS TRUE AS region_known
      FROM risk_attributes WHERE member_id = ${input.memberId} AND kind IN ('device', 'region')`.execute(db)
  ).rows[0]!;
  const newDevice = row.devices > 0 && (!device || !row.device_known);
  const newRegion = row.regions > 0 && !!region && !row.region_known;
  const reasons: StepUpAnswer['reasons'] = [];
  if (input.use === 'login') {
    if (newDevice) reasons.push('new_device');
    if (newRegion) reasons.push('new_region');
  } else if (newDevice && (input.amount ?? 0n) >= STEP_UP_WITHDRAWAL_FEN) {
    reasons.push('large_withdrawal_new_device');
  }
  return { stepUpRequired: reasons.length > 0, reasons };
}
