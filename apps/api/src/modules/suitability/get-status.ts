import type { SuitabilityStatus } from '@quanzi/contracts';
import { shanghaiDayStart } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import type { Locale } from '../../platform/i18n/messages.js';
import type { SuitabilityDeps } from './deps.js';
import { presentStatus } from './present.js';
import * as repo from './repo.js';

/** The member's level (null without an unexpired assessment) and the attempts they have left today. */
export async function getStatus(
  deps: SuitabilityDeps,
  memberId: string,
  locale: Locale,
  executor: Executor = deps.db,
): Promise<SuitabilityStatus> {
  const now = deps.clock.now();
  const [latest, attempts] = await Promise.all([
    repo.latestAssessment(executor, memberId),
    repo.attemptsSince(executor, memberId, shanghaiDayStart(now)),
  ]);
  return presentStatus(latest, attempts, now, locale);
}
