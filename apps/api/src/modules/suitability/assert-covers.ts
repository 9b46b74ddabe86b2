import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { SuitabilityDeps } from './deps.js';
import { isValid, levelLabel, riskLabel } from './present.js';
import type { Level } from './questionnaire.js';
import * as repo from './repo.js';

export const RETAKE_PATH = '/suitability';

/**
 * 适当性匹配: a member at C_n may buy products rated R1 … R_n. Without an unexpired assessment the
 * answer is SUITABILITY_REQUIRED; below the product's risk, SUITABILITY_MISMATCH with both labels
 * and where to retake the assessment. Resolves (with nothing) when the member may buy.
 */
export async function assertCovers(
  deps: SuitabilityDeps,
  memberId: string,
  productRisk: Level,
  executor: Executor = deps.db,
): Promise<void> {
  if (![1, 2, 3, 4, 5].includes(productRisk)) throw new Error(`not a product risk level: ${String(productRisk)}`);
  const latest = await repo.latestAssessment(executor, memberId);
  if (!isValid(latest, deps.clock.now())) {
    throw new AppError('SUITABILITY_REQUIRED', {}, { expired: latest !== undefined, retake: RETAKE_PATH });
  }
  if (latest.level < productRisk) {
    const requiredRisk = riskLabel(productRisk);
    const currentLevel = levelLabel(latest.level);
    throw new AppError(
      'SUITABILITY_MISMATCH',
      { required: requiredRisk, current: currentLevel },
      { requiredRisk, currentLevel, retake: RETAKE_PATH },
    );
  }
}
