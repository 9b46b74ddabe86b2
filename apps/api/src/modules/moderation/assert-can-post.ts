import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { ModerationDeps } from './deps.js';
import { shanghaiMinute } from './format.js';
import * as repo from './repo.js';

/**
 * Refuses a muted member's post: a platform-wide mute covers everywhere, a group mute only that
 * group. Called by community, forum and live before they write (pass their transaction so the
 * check and the write see the same data).
 */
export async function assertCanPost(
  deps: Pick<ModerationDeps, 'clock'>,
  db: Executor,
  memberId: string,
  groupId: string | null,
): Promise<void> {
  const scopes = groupId ? ['global', `group:${groupId}`] : ['global'];
  const mute = await repo.activeMute(db, memberId, scopes, deps.clock.now());
  if (mute) throw new AppError('MEMBER_MUTED', { until: shanghaiMinute(mute.until), rule: mute.rule_code });
}
