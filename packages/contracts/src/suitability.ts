import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * Investor suitability (投资者适当性): a member's risk tolerance C1 (保守型) … C5 (激进型), from the
 * questionnaire. A member at C_n may buy products of risk R1 … R_n.
 */
export const SuitabilityLevel = z.enum(['C1', 'C2', 'C3', 'C4', 'C5']);
export type SuitabilityLevel = z.infer<typeof SuitabilityLevel>;

/** A product's risk rating R1 (低风险) … R5 (高风险), as issuers label it. */
export const SuitabilityProductRisk = z.enum(['R1', 'R2', 'R3', 'R4', 'R5']);
export type SuitabilityProductRisk = z.infer<typeof SuitabilityProductRisk>;

/** The questionnaire as members see it: texts in the caller's language, no scores. */
export const SuitabilityQuestionnaire = z.object({
  version: z.string(),
  questions: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      options: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
});
export type SuitabilityQuestionnaire = z.infer<typeof SuitabilityQuestionnaire>;

/**
 * The member's current assessment. `level` is null when they have none or it expired (valid one
 * year); an expired one still shows its dates with `expired: true`, so the app can say when.
 */
export const SuitabilityStatus = z.object({
  level: SuitabilityLevel.nullable(),
  /** e.g. 平衡型 / Balanced, in the caller's language; null with `level`. */
  levelName: z.string().nullable(),
  score: z.number().int().nullable(),
  assessedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  expired: z.boolean(),
  /** Submissions left today (Asia/Shanghai day). */
  attemptsLeftToday: z.number().int(),
});
export type SuitabilityStatus = z.infer<typeof SuitabilityStatus>;

/** Every question answered exactly once; anything else gets SUITABILITY_ANSWERS_INVALID with the questions at fault. */
export const SuitabilityAnswersRequest = z.strictObject({
  answers: z.array(z.strictObject({ questionId: z.string().min(1).max(64), optionId: z.string().min(1).max(64) })).max(100),
});
export type SuitabilityAnswersRequest = z.infer<typeof SuitabilityAnswersRequest>;

/** What `details` of SUITABILITY_ANSWERS_INVALID lists, one entry per problem. */
export type SuitabilityAnswerIssue = {
  questionId: string;
  issue: 'missing' | 'duplicate' | 'unknown_question' | 'unknown_option';
};
