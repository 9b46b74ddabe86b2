import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import * as repo from './repo.js';

/** What a decision is for. Each caller names its use; rules are written per use. */
export type RiskUse =
  | 'reward_grant'
  | 'referral_reward'
  | 'withdrawal'
  | 'login'
  | 'transfer'
  | 'red_packet'
  | 'merchant_payment'
  | 'loan_application'
  | 'loan_funding';

export interface RiskSubject {
  use: RiskUse;
  /** The business key of the thing decided on (`campaign:<id>:event:<eventId>`, `withdrawal:<orderId>` …): one decision per (use, ref). */
  ref: string;
  memberId: string;
  /** Integer fen, when money is involved. */
  amount?: bigint | undefined;
  /** Facts the caller already holds (campaign id, device id, IP …) kept with the decision as evidence. */
  context?: Record<string, string | number | boolean | null> | undefined;
}

export interface RiskReason {
  rule: string;
  weight: number;
  evidence: string;
}

export interface RiskDecision {
  id: string;
  decision: 'allow' | 'review' | 'deny';
  score: number;
  reasons: RiskReason[];
  ruleSet: string;
}

/** A rule set decides; `allow-all` is the one in force until the risk rules are written. */
export interface RiskRuleSet {
  name: string;
  evaluate(trx: Tx, subject: RiskSubject): Promise<{ score: number; reasons: RiskReason[]; decision: RiskDecision['decision'] }>;
}

const allowAll: RiskRuleSet = {
  name: 'allow-all',
  evaluate: async () => ({ score: 0, reasons: [], decision: 'allow' }),
};

const present = (row: repo.RiskDecisionRow): RiskDecision => ({
  id: row.id,
  decision: row.decision,
  score: row.score,
  reasons: row.reasons,
  ruleSet: row.rule_set,
});

/**
 * Risk decisions (风控). Every grant, payout or money movement that a bonus hunter could abuse asks
 * `assess(trx, subject)` inside its own transaction and acts on the answer: `allow` proceeds, `review`
 * waits for a risk officer, `deny` refuses with the reasons. The decision is recorded in the same
 * transaction (so a rolled-back business change leaves no decision behind) and is idempotent per
 * (use, ref): a replayed event gets the decision it got the first time.
 */
export function createRiskModule(platform: Pick<Platform, 'clock'>, ruleSet: RiskRuleSet = allowAll) {
  return {
    async assess(trx: Tx, subject: RiskSubject): Promise<RiskDecision> {
      const earlier = await repo.findDecision(trx, subject.use, subject.ref);
      if (earlier) return present(earlier);
      const outcome = await ruleSet.evaluate(trx, subject);
      const row = await repo.recordDecision(trx, {
        use: subject.use,
        ref: subject.ref,
        member_id: subject.memberId,
        amount: subject.amount ?? null,
        decision: outcome.decision,
        score: outcome.score,
        reasons: outcome.reasons,
        rule_set: ruleSet.name,
        context: subject.context ?? {},
        decided_at: platform.clock.now(),
      });
      return present(row);
    },
  };
}
export type RiskModule = ReturnType<typeof createRiskModule>;
