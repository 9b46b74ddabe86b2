import type { Outbox } from '../../platform/events/outbox.js';
import type { RealtimePublisher } from '../../platform/realtime/publisher.js';
import type { TouchDeps } from './deps.js';
import { SECURITY_EVENTS, feedSecurityEvent } from './feed-security-events.js';
import { FED_EVENTS, feedDomainEvent } from './feed-domain-events.js';

const SUBSCRIBER = 'notifications';

/**
 * Outbox subscriptions, run by the worker after commit: domain events become notifications, and a
 * new or read notification tells the member's open devices to refresh their inbox (`inbox.changed`
 * on `user:<id>`, keyed by the event id so a second delivery publishes nothing).
 */
export function subscribeNotifications(deps: TouchDeps, outbox: Outbox, publisher: RealtimePublisher): void {
  for (const name of FED_EVENTS) outbox.subscribe(name, SUBSCRIBER, (event) => feedDomainEvent(deps, event));
  // Password and payment-password resets: the security notice, through the one send path.
  for (const name of SECURITY_EVENTS) outbox.subscribe(name, SUBSCRIBER, (event) => feedSecurityEvent(deps, event));
  outbox.subscribe('notification.created', SUBSCRIBER, async (event) => {
    const { memberId, notificationId, kind } = event.payload as { memberId: string; notificationId: string; kind: string };
    await publisher.publish(`user:${memberId}`, 'inbox.changed', { reason: 'created', notificationId, kind }, event.id);
  });
  // A send's batch: one event, each member's devices told (keyed per member so a redelivery publishes nothing).
  outbox.subscribe('notification.created_many', SUBSCRIBER, async (event) => {
    const { items, kind } = event.payload as { items: Array<[string, string]>; kind: string };
    for (const [memberId, notificationId] of items)
      await publisher.publish(`user:${memberId}`, 'inbox.changed', { reason: 'created', notificationId, kind }, `${event.id}:${memberId}`);
  });
  outbox.subscribe('notification.read', SUBSCRIBER, async (event) => {
    const { memberId } = event.payload as { memberId: string };
    await publisher.publish(`user:${memberId}`, 'inbox.changed', { reason: 'read', notificationId: null, kind: null }, event.id);
  });
}
