import type { SuitabilityLevel, SuitabilityProductRisk, SuitabilityStatus } from '@quanzi/contracts';
import type { Locale } from '../../platform/i18n/messages.js';
import { SUITABILITY_POLICY } from './policy.js';
import { LEVEL_NAMES, type Level } from './questionnaire.js';
import type { AssessmentRow } from './repo.js';

export const levelLabel = (level: Level): SuitabilityLevel => `C${level}`;
export const riskLabel = (risk: Level): SuitabilityProductRisk => `R${risk}`;

/** An assessment counts until its expiry instant; from then on the member has no level. */
export const isValid = (row: AssessmentRow | undefined, now: Date): row is AssessmentRow =>
  row !== undefined && row.expires_at.getTime() > now.getTime();

export function presentStatus(latest: AssessmentRow | undefined, attemptsToday: number, now: Date, locale: Locale): SuitabilityStatus {
  const valid = isValid(latest, now);
  return {
    level: valid ? levelLabel(latest.level) : null,
    levelName: valid ? LEVEL_NAMES[locale][latest.level] : null,
    score: valid ? latest.score : null,
    assessedAt: latest?.assessed_at.toISOString() ?? null,
    expiresAt: latest?.expires_at.toISOString() ?? null,
    expired: latest !== undefined && !valid,
    attemptsLeftToday: Math.max(0, SUITABILITY_POLICY.maxAttemptsPerDay - attemptsToday),
  };
}
