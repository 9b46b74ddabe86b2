import { isRequiredNotificationKind, type NotificationPreferenceUpdate, type NotificationPreferences } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { NotificationsDeps } from './deps.js';
import { getPreferences } from './get-preferences.js';
import * as repo from './repo.js';
import { fromClock } from './touch-policy.js';

/**
 * One change of the member's preferences: an inbox kind (mandatory kinds — money, moderation,
 * system — cannot be switched off), a marketing topic on one channel, the language, or the quiet hours (null
 * turns them off; the window may cross midnight; start = end is refused as "no window" is null).
 */
export async function setPreference(
  deps: NotificationsDeps,
  memberId: string,
  input: NotificationPreferenceUpdate,
): Promise<NotificationPreferences> {
  if ('kind' in input && !input.inApp && isRequiredNotificationKind(input.kind))
    throw new AppError('NOTIFICATION_KIND_REQUIRED', {}, { kind: input.kind });
  if ('quietHours' in input && input.quietHours && input.quietHours.start === input.quietHours.end)
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      { field: 'quietHours', reason: 'start and end must differ (send null to turn quiet hours off)' },
    );
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    if ('kind' in input) await repo.upsertPreference(trx, { member_id: memberId, kind: input.kind, in_app: input.inApp, updated_at: now });
    else if ('topic' in input)
      await repo.upsertTopicPreference(trx, {
        member_id: memberId,
        topic: input.topic,
        channel: input.channel,
        enabled: input.enabled,
        updated_at: now,
      });
    else if ('locale' in input) await repo.setLocale(trx, memberId, input.locale, now);
    else {
      const q = input.quietHours;
      await repo.upsertMemberSettings(trx, {
        member_id: memberId,
        quiet_start: q ? fromClock(q.start) : 0,
        quiet_end: q ? fromClock(q.end) : 0,
        updated_at: now,
      });
    }
    return getPreferences(trx, memberId);
  });
}
