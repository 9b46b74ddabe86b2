import type { SuitabilityStatus } from '@quanzi/contracts';
import { shanghaiDayStart } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/messages.js';
import type { SuitabilityDeps } from './deps.js';
import { SUITABILITY_POLICY, expiryOf } from './policy.js';
import { levelLabel, presentStatus } from './present.js';
import { QUESTIONNAIRE_VERSION } from './questionnaire.js';
import * as repo from './repo.js';
import { scoreAnswers } from './score-answers.js';

/**
 * Scores a completed questionnaire and records it as the member's new assessment. Every attempt is
 * kept (compliance history); at most `maxAttemptsPerDay` per Asia/Shanghai day, counted under a
 * per-member lock so concurrent submissions cannot all slip under the limit.
 */
export async function submitAssessment(
  deps: SuitabilityDeps,
  memberId: string,
  answers: readonly repo.Answer[],
  locale: Locale,
): Promise<SuitabilityStatus> {
  const scored = scoreAnswers(answers);
  const now = deps.clock.now();
  const max = SUITABILITY_POLICY.maxAttemptsPerDay;
  return transact(deps.db, async (trx) => {
    await repo.lockMemberAssessments(trx, memberId);
    const attempts = await repo.attemptsSince(trx, memberId, shanghaiDayStart(now));
    if (attempts >= max) throw new AppError('SUITABILITY_ATTEMPTS_EXCEEDED', { max }, { attemptsLeftToday: 0 });
    const row = await repo.insertAssessment(trx, {
      member_id: memberId,
      version: QUESTIONNAIRE_VERSION,
      answers: scored.answers,
      score: scored.score,
      level: scored.level,
      assessed_at: now,
      expires_at: expiryOf(now),
    });
    await deps.outbox.emit(trx, 'suitability.assessed', { memberId, level: levelLabel(row.level), assessmentId: row.id });
    return presentStatus(row, attempts + 1, now, locale);
  });
}
