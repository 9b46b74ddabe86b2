import type { Executor } from '../../platform/db/connect.js';
import { STEP_UP_WITHDRAWAL_FEN, type RiskDeps } from './deps.js';
import { subnets } from './links.js';
import { versionsInForce } from './rule-versions.js';
import { evaluate } from './rules.js';
import { signalsOf } from './signals.js';

export interface StepUpAnswer {
  stepUpRequired: boolean;
  /** Why an SMS code is asked for (rule ids, or `large_withdrawal_new_device`); the member app explains them. */
  reasons: string[];
  /** The rules' evidence, in Chinese, for the member and the risk officer. */
  evidence: string[];
}

/**
 * Does this login or withdrawal need an SMS code on top?
 * - login: the rule set in force decides for use `login` with the request's device and region
 *   (`new_device`, `new_region` — a device or IPv4 /16 the member was never seen with; a member
 *   with no history has nothing new) and every other signal; `review` or `deny` → step-up.
 * - withdrawal: at or above the threshold from a device the member never used (what wallet asks
 *   before submitting; its `review` decisions come from `assess`).
 */
export async function stepUp(
  deps: RiskDeps,
  db: Executor,
  input: { memberId: string; use: 'login' | 'withdrawal'; deviceId?: string | null; ip?: string | null; amount?: bigint | null },
): Promise<StepUpAnswer> {
  const deviceHash = input.deviceId ? deps.vault.blindIndex('risk_device', input.deviceId) : null;
  const nets = input.ip ? subnets(input.ip) : null;
  const regionHash = nets ? deps.vault.blindIndex('risk_region', nets.region) : null;
  const signals = await signalsOf(db, input.memberId, deps.clock.now(), { deviceHash, regionHash, amount: input.amount ?? null });
  if (input.use === 'withdrawal') {
    const required = signals.new_device === 1 && (input.amount ?? 0n) >= STEP_UP_WITHDRAWAL_FEN;
    return {
      stepUpRequired: required,
      reasons: required ? ['large_withdrawal_new_device'] : [],
      evidence: required ? ['大额提现且使用新设备'] : [],
    };
  }
  const { active } = await versionsInForce(db);
  if (!active) return { stepUpRequired: false, reasons: [], evidence: [] };
  const outcome = evaluate(active.rules, active.thresholds, signals, 'login');
  const required = outcome.decision !== 'allow';
  return {
    stepUpRequired: required,
    reasons: required ? outcome.reasons.map((r) => r.rule) : [],
    evidence: required ? outcome.reasons.map((r) => r.evidence) : [],
  };
}
