import type { Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import { assess } from './assess.js';
import type { RiskDeps } from './deps.js';
import { eventHandlers, observeClient } from './ingest.js';
import { rebuildRings } from './links.js';
import { getCase, largeTransactions, listCases, monitorTransactions, transitionCase, type CaseStatus } from './monitoring.js';
import { createHousehold, dashboard, listRings, memberRisk } from './queries.js';
import { purgeRetained, type RetentionPurger } from './retention.js';
import { decideReview, listReviews, reviewOutcome, type ReviewAction } from './reviews.js';
import { createVersion, listVersions, setStatus, shadowComparison } from './rule-versions.js';
import type { RuleSetBody } from './rules.js';
import { seedRiskDemo } from './seed-demo.js';
import { stepUp } from './step-up.js';

export { riskConsoleRoutes } from './routes.console.js';
export { riskMemberRoutes } from './routes.member.js';
export type { StepUpAnswer } from './step-up.js';

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
  /** Facts the caller already holds (campaign id, `deviceId`, `ip` …) kept with the decision as evidence. */
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

/** A fixed rule set (tests, benchmarks); without one the versioned rules in force decide. */
export interface RiskRuleSet {
  name: string;
  evaluate(trx: Tx, subject: RiskSubject): Promise<{ score: number; reasons: RiskReason[]; decision: RiskDecision['decision'] }>;
}

const SUBSCRIBER = 'risk';

/**
 * Risk decisions (风控). Every grant, payout or money movement that a bonus hunter could abuse asks
 * `assess(trx, subject)` inside its own transaction and acts on the answer: `allow` proceeds, `review`
 * waits for a risk officer (`risk.review_decided` announces the outcome; `reviewOutcome` reads it),
 * `deny` refuses with the reasons. The decision is recorded in the same transaction (so a rolled-back
 * business change leaves no decision behind) and is idempotent per (use, ref): a replayed event gets
 * the decision it got the first time. Signals come from the outbox (identity, wallet, investing) and
 * from the member app's device fingerprint; rings, rules, reviews, monitoring cases and the
 * five-year retention purge live here too.
 */
export function createRiskModule(
  platform: Pick<Platform, 'clock'> & Partial<Pick<Platform, 'db' | 'outbox' | 'vault'>>,
  ruleSetOrModules?: RiskRuleSet | { audit: Pick<AuditModule, 'record'>; idNumberIndexOf?: RiskDeps['idNumberIndexOf'] },
  fixedRuleSet?: RiskRuleSet,
) {
  const fixed = ruleSetOrModules && 'evaluate' in ruleSetOrModules ? ruleSetOrModules : fixedRuleSet;
  const modules = ruleSetOrModules && !('evaluate' in ruleSetOrModules) ? ruleSetOrModules : undefined;
  const missing = () => {
    throw new Error('risk module built without db/outbox/vault/audit');
  };
  const deps: RiskDeps = {
    get db() {
      return platform.db ?? missing();
    },
    clock: platform.clock,
    outbox: platform.outbox ?? { emit: missing, subscribe: missing },
    vault: platform.vault ?? { blindIndex: (_k: string, v: string) => v },
    audit: modules?.audit ?? { record: missing },
    idNumberIndexOf: modules?.idNumberIndexOf ?? (async () => null),
  } as RiskDeps;
  const purgers = new Map<string, RetentionPurger>();
  const handlers = eventHandlers(deps);
  return {
    assess: (trx: Tx, subject: RiskSubject): Promise<RiskDecision> => assess(deps, trx, subject, fixed),
    /** For a login or a withdrawal: must the member confirm with an SMS code, and why. */
    stepUp: (input: Parameters<typeof stepUp>[2], db: Executor = deps.db) => stepUp(deps, db, input),
    /** What a caller holding a `review` decision gets now: pending, allow or deny (null: no review). */
    reviewOutcome: (use: RiskUse, ref: string, db: Executor = deps.db) => reviewOutcome(db, use, ref),
    /** The member app's device fingerprint (hashed here) and the request's network. */
    observeDevice: (memberId: string, client: { fingerprint: string; ip: string }) =>
      transact(deps.db, (trx) => observeClient(deps, trx, memberId, client, deps.clock.now())).then(() => undefined),
    /** Modules keeping identity or transaction records register how to purge a member's after five years. */
    registerRetentionPurger: (module: string, purge: RetentionPurger) => void purgers.set(module, purge),
    /** Outbox subscriptions (worker role; tests drain the outbox). */
    subscribe() {
      for (const [name, handle] of Object.entries(handlers)) deps.outbox.subscribe(name, SUBSCRIBER, handle);
    },
    /** For tests and the handler table: the handler of one event name. */
    handlers,
    cronJobs: [
      { name: 'risk-rebuild-rings', cron: '30 3 * * *', run: (now: Date) => transact(deps.db, (trx) => rebuildRings(trx, now)) },
      { name: 'risk-transaction-monitoring', cron: '15 1 * * *', run: (now: Date) => monitorTransactions(deps, now) },
      { name: 'risk-retention-purge', cron: '45 2 * * *', run: (now: Date) => purgeRetained(deps, purgers, now) },
    ],
    /** Demo data (idempotent): a farm ring with reasons, a review, a denied grant; then the monitoring run. */
    seedDemo: async () => {
      const seeded = await seedRiskDemo(deps, (trx, subject) => assess(deps, trx, subject, fixed));
      if (seeded) await monitorTransactions(deps, deps.clock.now());
      return seeded;
    },
    rebuildRings: (now: Date) => transact(deps.db, (trx) => rebuildRings(trx, now)),
    monitorTransactions: (now: Date) => monitorTransactions(deps, now),
    purgeRetained: (now: Date) => purgeRetained(deps, purgers, now),
    console: {
      member: (memberId: string) => memberRisk(deps, memberId),
      rings: (query: { limit: number; ringId?: string | undefined }) => listRings(deps, query),
      createHousehold: (op: OperatorPrincipal, input: { name: string; reason: string; memberIds: string[] }, ip: string) =>
        createHousehold(deps, op, input, ip),
      reviews: (query: { status: 'pending' | 'decided'; limit: number; before?: string | undefined }) => listReviews(deps.db, query),
      decideReview: (op: OperatorPrincipal, id: string, input: { action: ReviewAction; reason: string }, ip: string) =>
        decideReview(deps, op, id, input, ip),
      ruleVersions: () => listVersions(deps.db),
      createRuleVersion: (op: OperatorPrincipal, body: RuleSetBody, ip: string) => createVersion(deps, op, body, ip),
      setRuleStatus: (op: OperatorPrincipal, version: number, status: 'shadow' | 'active' | 'retired', ip: string) =>
        setStatus(deps, op, version, status, ip),
      shadowComparison: (version: number) => shadowComparison(deps.db, version),
      dashboard: () => dashboard(deps.db, deps.clock.now()),
      cases: (query: { status?: CaseStatus | undefined; limit: number; before?: string | undefined }) => listCases(deps.db, query),
      case: (id: string) => getCase(deps.db, id),
      transitionCase: (op: OperatorPrincipal, id: string, input: { status: CaseStatus; note: string }, ip: string) =>
        transitionCase(deps, op, id, input, ip),
      largeTransactions: (day: Date) => largeTransactions(deps.db, day),
    },
  };
}
export type RiskModule = ReturnType<typeof createRiskModule>;
