import type { NotificationKind } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import type { NotificationsDeps } from './deps.js';
import { feedDomainEvent } from './feed-domain-events.js';
import { getPreferences } from './get-preferences.js';
import { listInbox, type InboxQueryInput } from './list-inbox.js';
import { markRead } from './mark-read.js';
import { notify, type NotifyInput } from './notify.js';
import * as repo from './repo.js';
import { setPreference } from './set-preference.js';
import { subscribeNotifications } from './subscriptions.js';

export { notificationsMemberRoutes } from './routes.member.js';
export type { NotifyInput, NotifyOutcome } from './notify.js';

/**
 * Notifications: the member's inbox (in-app channel; SMS, email and push come later), their
 * per-kind preferences, and `notify` for other modules. Fed from domain events by the outbox
 * subscriptions started with `subscribe` (worker side).
 */
export function createNotificationsModule(platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'logger' | 'realtime'>) {
  const deps: NotificationsDeps = { db: platform.db, clock: platform.clock, outbox: platform.outbox, logger: platform.logger };
  return {
    /**
     * Puts a notification in a member's inbox — inside the caller's transaction when one is passed
     * (`notify(trx, input)`), else in its own (`notify(input)`). Honours the member's preferences
     * (mandatory kinds always go through) and drops a repeated `sourceEventId`.
     */
    notify: (...args: [NotifyInput] | [Tx | undefined, NotifyInput]) =>
      args.length === 1 ? notify(deps, undefined, args[0]) : notify(deps, args[0], args[1]),
    inbox: (memberId: string, query: InboxQueryInput) => listInbox(deps, memberId, query),
    unreadCount: (memberId: string) => repo.countUnread(deps.db, memberId),
    markRead: (memberId: string, ids: readonly string[] | 'all') => markRead(deps, memberId, ids),
    preferences: (memberId: string) => getPreferences(deps.db, memberId),
    setPreference: (memberId: string, input: { kind: NotificationKind; inApp: boolean }) => setPreference(deps, memberId, input),
    /** What the outbox subscription does with one domain event (exposed for tests of redelivery). */
    handleEvent: (event: DomainEvent) => feedDomainEvent(deps, event),
    /** Starts the outbox subscriptions (worker side), next to the real-time ones. */
    subscribe: () => subscribeNotifications(deps, platform.outbox, platform.realtime.publisher),
  };
}
export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
