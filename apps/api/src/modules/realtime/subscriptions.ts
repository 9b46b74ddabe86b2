import type { Outbox } from '../../platform/events/outbox.js';
import type { RealtimePublisher } from '../../platform/realtime/publisher.js';

/** Member events that change what the member app shows: the app refetches its profile. */
const PROFILE_EVENTS = ['member.real_name_verified', 'member.bank_card_bound', 'member.bank_card_unbound'];

/**
 * Outbox → channels. Runs in the worker, after commit; the outbox event id keys the publication,
 * so an event dispatched twice is delivered once.
 */
export function subscribeRealtime(outbox: Outbox, publisher: RealtimePublisher): void {
  outbox.subscribe('realtime.broadcast', 'realtime', async (event) => {
    const { channel, name, data } = event.payload as { channel: string; name: string; data: unknown };
    await publisher.publish(channel, name, data, event.id);
  });
  // Money moved: every open device of the member refetches its wallet (balances never travel in events).
  const MONEY_EVENTS = [
    'wallet.order_created',
    'wallet.order_updated',
    'investing.purchased',
    'investing.redeemed',
    'investing.redemption_settled',
    'investing.matured',
    'investing.experience_granted',
  ];
  for (const name of MONEY_EVENTS) {
    outbox.subscribe(name, 'realtime', async (event) => {
      const { memberId, orderId, status } = event.payload as { memberId: string; orderId?: string; status?: string };
      await publisher.publish(
        `user:${memberId}`,
        'wallet.changed',
        { reason: name, orderId: orderId ?? null, status: status ?? null },
        event.id,
      );
    });
  }
  for (const name of PROFILE_EVENTS) {
    outbox.subscribe(name, 'realtime', async (event) => {
      const memberId = String(event.payload.memberId);
      await publisher.publish(`user:${memberId}`, 'profile.changed', { reason: name }, event.id);
    });
  }
}
