import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/connect.js';
import type { Locale } from '../../platform/i18n/messages.js';
import { assertCovers } from './assert-covers.js';
import type { SuitabilityDeps } from './deps.js';
import { getStatus } from './get-status.js';
import { presentQuestionnaire, type Level } from './questionnaire.js';
import * as repo from './repo.js';
import { submitAssessment } from './submit-assessment.js';

export { suitabilityMemberRoutes } from './routes.member.js';
export { SUITABILITY_POLICY } from './policy.js';
export { LEVEL_MAX_SCORES, QUESTIONNAIRE_VERSION, type Level as SuitabilityLevelNumber } from './questionnaire.js';
export { levelLabel, riskLabel } from './present.js';

/**
 * Investor suitability (投资者适当性): the risk questionnaire, each member's assessments (all kept),
 * and the check other modules make before selling a product: `assertCovers(memberId, productRisk)`.
 */
export function createSuitabilityModule(platform: Pick<Platform, 'db' | 'clock' | 'outbox'>) {
  const deps: SuitabilityDeps = { db: platform.db, clock: platform.clock, outbox: platform.outbox };
  return {
    questionnaire: (locale: Locale) => presentQuestionnaire(locale),
    /** The member's level ('C1'…'C5', null without an unexpired assessment), dates and attempts left today. */
    current: (memberId: string, locale: Locale = 'zh-CN', executor?: Executor) => getStatus(deps, memberId, locale, executor),
    submit: (memberId: string, answers: readonly repo.Answer[], locale: Locale) => submitAssessment(deps, memberId, answers, locale),
    /**
     * Throws SUITABILITY_REQUIRED (no unexpired assessment) or SUITABILITY_MISMATCH (level below the
     * product's risk, 1 = R1 … 5 = R5); resolves when the member may buy. Pass the
     * caller's transaction to check inside it.
     */
    assertCovers: (memberId: string, productRisk: Level, executor?: Executor) => assertCovers(deps, memberId, productRisk, executor),
    /**
     * Of `memberIds`, those whose unexpired assessment covers a product of risk `productRisk` (C_n
     * covers R1 … R_n) — the bulk form of `assertCovers`, for promotions to an audience.
     */
    coveringMembers: (memberIds: readonly string[], productRisk: Level, executor?: Executor) =>
      repo.membersAtLeast(executor ?? deps.db, memberIds, productRisk, deps.clock.now()),
    /** Every attempt the member made, newest first, answers included (for compliance views). */
    history: (memberId: string, limit = 50) => repo.listAssessments(deps.db, memberId, limit),
  };
}
export type SuitabilityModule = ReturnType<typeof createSuitabilityModule>;
