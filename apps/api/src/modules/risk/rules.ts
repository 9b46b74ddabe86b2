import { z } from 'zod';

/**
 * Rules are data: each names a signal from this fixed list, the value it must reach and the weight it
 * adds to the score. A version also sets the thresholds; nothing is ever evaluated as code.
 */
export const SIGNALS = [
  'ring_size',
  'shared_device_accounts',
  'shared_ip24_accounts',
  'shared_card_accounts',
  'shared_id_accounts',
  'referral_edges',
  'claim_and_leave',
  'registration_velocity',
  'newbie_minimum_burst',
  'rapid_cycle',
  'new_device',
  'new_region',
  'amount_fen',
] as const;
export type Signal = (typeof SIGNALS)[number];
export type Signals = Record<Signal, number>;

export const RISK_USES = [
  'reward_grant',
  'referral_reward',
  'withdrawal',
  'login',
  'transfer',
  'red_packet',
  'merchant_payment',
  'loan_application',
  'loan_funding',
] as const;

export const Rule = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/),
  signal: z.enum(SIGNALS),
  atLeast: z.number().int().min(0).max(1_000_000_000_000),
  weight: z.number().int().min(0).max(100),
  /** Uses the rule applies to; all when absent. */
  uses: z.array(z.enum(RISK_USES)).min(1).max(RISK_USES.length).optional(),
});
export type Rule = z.infer<typeof Rule>;

export const Thresholds = z.strictObject({ review: z.number().int().min(1).max(100), deny: z.number().int().min(1).max(100) });
export type Thresholds = z.infer<typeof Thresholds>;

export const RuleSetBody = z.strictObject({
  rules: z.array(Rule).min(1).max(50),
  thresholds: Thresholds,
  note: z.string().trim().min(1).max(200),
});
export type RuleSetBody = z.infer<typeof RuleSetBody>;

/** What a rule set concludes from a member's signals: score (capped at 100), decision and why. */
export interface Evaluation {
  score: number;
  decision: 'allow' | 'review' | 'deny';
  reasons: { rule: string; weight: number; evidence: string }[];
}

const EVIDENCE: Record<Signal, (v: number) => string> = {
  ring_size: (v) => `所在团伙共 ${v} 个账户`,
  shared_device_accounts: (v) => `设备与另外 ${v} 个账户共用`,
  shared_ip24_accounts: (v) => `同一 IP 网段（/24）另有 ${v} 个账户`,
  shared_card_accounts: (v) => `银行卡曾被另外 ${v} 个账户绑定`,
  shared_id_accounts: (v) => `身份证件与另外 ${v} 个账户相同`,
  referral_edges: (v) => `邀请关系 ${v} 条`,
  claim_and_leave: (v) => `领取奖励后未再投资即提现 ${v} 次`,
  registration_velocity: (v) => `同设备或网段一小时内注册 ${v} 个账户`,
  newbie_minimum_burst: (v) => `同一分钟内 ${v} 个账户以相同金额购买同一产品`,
  rapid_cycle: (v) => `充值后 24 小时内未投资即提现 ${v} 次`,
  new_device: () => '从未用过的设备',
  new_region: () => '从未出现过的地区（IP /16 网段）',
  amount_fen: (v) => `金额 ¥${(v / 100).toFixed(2)}`,
};

export function evaluate(rules: readonly Rule[], thresholds: Thresholds, signals: Signals, use: string): Evaluation {
  const reasons: Evaluation['reasons'] = [];
  let score = 0;
  for (const rule of rules) {
    if (rule.uses && !rule.uses.includes(use as never)) continue;
    const value = signals[rule.signal];
    if (value < rule.atLeast || value === 0) continue;
    score += rule.weight;
    reasons.push({ rule: rule.id, weight: rule.weight, evidence: EVIDENCE[rule.signal](value) });
  }
  score = Math.min(100, score);
  const decision = score >= thresholds.deny ? 'deny' : score >= thresholds.review ? 'review' : 'allow';
  return { score, decision, reasons };
}

/** Problems zod cannot see: duplicate rule ids, review above deny. */
export function ruleSetProblems(body: RuleSetBody): string | null {
  const ids = new Set<string>();
  for (const r of body.rules) {
    if (ids.has(r.id)) return `duplicate rule id ${r.id}`;
    ids.add(r.id);
  }
  if (body.thresholds.review > body.thresholds.deny) return 'review threshold above deny threshold';
  return null;
}
