import { z } from 'zod';
import { Fen, Timestamp } from './common.js';

/** Risk control (风控) contract: console views of scores, rings, reviews, rules and monitoring cases. */
export const RiskReason = z.object({ rule: z.string(), weight: z.number().int(), evidence: z.string() });
export const RiskDecisionKind = z.enum(['allow', 'review', 'deny']);

export const RiskMember = z.object({
  memberId: z.string(),
  score: z.number().int(),
  decision: RiskDecisionKind,
  reasons: z.array(RiskReason),
  ruleSet: z.string(),
  signals: z.record(z.string(), z.number()),
  ringId: z.string().nullable(),
  household: z.object({ id: z.string(), name: z.string() }).nullable(),
  links: z.array(z.object({ memberId: z.string(), kind: z.string(), weight: z.number().int(), lastSeen: Timestamp })),
  timeline: z.array(z.object({ at: Timestamp, kind: z.string(), detail: z.string() })),
});

export const RiskRingLink = z.object({ a: z.string(), b: z.string(), kind: z.string(), weight: z.number().int() });
export const RiskRings = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      size: z.number().int(),
      members: z.array(z.string()),
      kinds: z.array(z.string()),
      links: z.array(RiskRingLink),
    }),
  ),
  linkKinds: z.array(z.string()),
});
export const RiskRingsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  ringId: z.uuid().optional(),
});

export const CreateHousehold = z.strictObject({
  name: z.string().trim().min(1).max(60),
  reason: z.string().trim().min(2).max(500),
  memberIds: z.array(z.uuid()).min(2).max(20),
});
export const RiskHousehold = z.object({
  id: z.string(),
  name: z.string(),
  reason: z.string(),
  memberIds: z.array(z.string()),
  rings: z.number().int(),
});

export const RiskReview = z.object({
  id: z.string(),
  decisionId: z.string(),
  memberId: z.string(),
  use: z.string(),
  ref: z.string(),
  amount: Fen.nullable(),
  status: z.enum(['open', 'escalated', 'confirmed', 'whitelisted']),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  score: z.number().int(),
  reasons: z.array(RiskReason),
});
export const RiskReviewPage = z.object({ items: z.array(RiskReview), nextBefore: Timestamp.nullable() });
export const RiskReviewQuery = z.strictObject({
  status: z.enum(['pending', 'decided']).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso.datetime().optional(),
});
export const RiskReviewDecision = z.strictObject({
  action: z.enum(['confirm', 'whitelist', 'escalate']),
  reason: z.string().trim().min(2).max(500),
});

export const RiskSignal = z.enum([
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
]);
export const RiskUseName = z.enum([
  'reward_grant',
  'referral_reward',
  'withdrawal',
  'login',
  'transfer',
  'red_packet',
  'merchant_payment',
  'loan_application',
  'loan_funding',
]);
export const RiskRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/),
  signal: RiskSignal,
  atLeast: z.number().int().min(0).max(1_000_000_000_000),
  weight: z.number().int().min(0).max(100),
  uses: z.array(RiskUseName).min(1).max(9).optional(),
});
export const RiskThresholds = z.strictObject({ review: z.number().int().min(1).max(100), deny: z.number().int().min(1).max(100) });
export const CreateRiskRuleVersion = z.strictObject({
  rules: z.array(RiskRule).min(1).max(50),
  thresholds: RiskThresholds,
  note: z.string().trim().min(1).max(200),
});
export const RiskRuleVersion = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'active', 'shadow', 'retired']),
  rules: z.array(RiskRule),
  thresholds: RiskThresholds,
  note: z.string(),
  createdAt: Timestamp,
  activatedAt: Timestamp.nullable(),
});
export const RiskRuleVersionList = z.object({ items: z.array(RiskRuleVersion) });
export const SetRiskRuleStatus = z.strictObject({ status: z.enum(['shadow', 'active', 'retired']) });
export const RiskShadowComparison = z.object({
  version: z.number().int(),
  total: z.number().int(),
  differing: z.number().int(),
  matrix: z.array(z.object({ use: z.string(), decision: z.string(), shadowDecision: z.string(), count: z.number().int() })),
  samples: z.array(
    z.object({
      decisionId: z.string(),
      memberId: z.string(),
      use: z.string(),
      decision: z.string(),
      shadowDecision: z.string(),
      shadowScore: z.number().int(),
    }),
  ),
});

export const RiskDashboard = z.object({
  since: Timestamp,
  decisions: z.array(z.object({ use: z.string(), decision: z.string(), count: z.number().int(), amount: Fen })),
  reviews: z.array(z.object({ status: z.string(), count: z.number().int() })),
  moneySaved: Fen,
  falsePositiveReversals: z.number().int(),
  rings: z.number().int(),
  openCases: z.number().int(),
});

export const RiskCaseStatus = z.enum(['open', 'investigating', 'reported', 'closed']);
export const RiskCase = z.object({
  id: z.string(),
  kind: z.string(),
  memberId: z.string(),
  status: RiskCaseStatus,
  summary: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  openedAt: Timestamp,
  updatedAt: Timestamp,
});
export const RiskCaseDetail = RiskCase.extend({
  history: z.array(z.object({ status: z.string(), note: z.string(), operatorId: z.string().nullable(), at: Timestamp })),
});
export const RiskCasePage = z.object({ items: z.array(RiskCase), nextBefore: Timestamp.nullable() });
export const RiskCaseQuery = z.strictObject({
  status: RiskCaseStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso.datetime().optional(),
});
export const RiskCaseTransition = z.strictObject({ status: RiskCaseStatus, note: z.string().trim().min(2).max(1000) });
export const LargeTransactionQuery = z.strictObject({ day: z.iso.date() });
export const LargeTransactions = z.object({
  day: z.string(),
  thresholdFen: Fen,
  items: z.array(z.object({ memberId: z.string(), kind: z.string(), amount: Fen, at: Timestamp, ref: z.string() })),
});

/**
 * The member app's device fingerprint: the open-source collector's visitor id (FingerprintJS v3,
 * MIT) plus a few coarse components. Hashed on the server; the raw id is never stored.
 */
export const DeviceFingerprint = z.strictObject({
  visitorId: z.string().regex(/^[A-Za-z0-9]{16,64}$/),
  confidence: z.number().min(0).max(1).optional(),
  components: z.record(z.string().regex(/^[A-Za-z0-9_]{1,40}$/), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});
export const DeviceFingerprintAccepted = z.object({ accepted: z.literal(true) });

export type RiskMember = z.infer<typeof RiskMember>;
export type RiskRings = z.infer<typeof RiskRings>;
export type RiskReview = z.infer<typeof RiskReview>;
export type RiskReviewPage = z.infer<typeof RiskReviewPage>;
export type RiskRuleVersion = z.infer<typeof RiskRuleVersion>;
export type RiskShadowComparison = z.infer<typeof RiskShadowComparison>;
export type RiskDashboard = z.infer<typeof RiskDashboard>;
export type RiskCase = z.infer<typeof RiskCase>;
export type RiskCaseDetail = z.infer<typeof RiskCaseDetail>;
export type RiskCasePage = z.infer<typeof RiskCasePage>;
export type LargeTransactions = z.infer<typeof LargeTransactions>;
