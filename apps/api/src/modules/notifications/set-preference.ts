import { isRequiredNotificationKind, type NotificationKind, type NotificationPreferences } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { NotificationsDeps } from './deps.js';
import { getPreferences } from './get-preferences.js';
import * as repo from './repo.js';

/** Switches one kind on or off for the member; mandatory kinds (moderation, system) cannot be switched off. */
export async function setPreference(
  deps: NotificationsDeps,
  memberId: string,
  input: { kind: NotificationKind; inApp: boolean },
): Promise<NotificationPreferences> {
  if (!input.inApp && isRequiredNotificationKind(input.kind)) throw new AppError('NOTIFICATION_KIND_REQUIRED', {}, { kind: input.kind });
  return transact(deps.db, async (trx) => {
    await repo.upsertPreference(trx, { member_id: memberId, kind: input.kind, in_app: input.inApp, updated_at: deps.clock.now() });
    return getPreferences(trx, memberId);
  });
}
