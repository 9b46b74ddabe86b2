import { NOTIFICATION_KINDS, isRequiredNotificationKind, type NotificationPreferences } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import * as repo from './repo.js';

/** Every kind with whether it reaches the member in the app; kinds never changed are on. */
export async function getPreferences(db: Executor, memberId: string): Promise<NotificationPreferences> {
  const saved = new Map((await repo.preferences(db, memberId)).map((p) => [p.kind, p.in_app]));
  return {
    items: NOTIFICATION_KINDS.map((kind) => {
      const required = isRequiredNotificationKind(kind);
      return { kind, inApp: required || (saved.get(kind) ?? true), required };
    }),
  };
}
