import type { CallbackInput } from '../../platform/payments/gateway.js';
import { transact } from '../../platform/db/transact.js';
import { applyGatewayEvent } from './apply-gateway-event.js';
import type { WalletDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * A provider's asynchronous notification, for the gateway of its channel. A callback whose
 * signature does not verify changes nothing and is kept for investigation (finance sees it among
 * the callback rejections); a verified one is deduplicated by the provider's event id in the same
 * transaction that applies it. An unknown order is acknowledged (the provider would only retry) and
 * recorded with its outcome. Returns whether it was accepted: the route answers in the provider's way.
 */
export async function handleGatewayCallback(
  deps: WalletDeps,
  channel: string,
  input: CallbackInput,
  ip: string | null,
): Promise<'success' | 'fail'> {
  const now = deps.clock.now();
  const gateway = deps.gateways.get(channel);
  const event = gateway ? await gateway.verifyCallback(input) : null;
  const stored = Object.keys(input.params).length > 0 ? input.params : { channel, body: input.rawBody.slice(0, 8_000) };
  if (!event) {
    await repo.recordRejection(deps.db, { reason: 'bad_signature', params: stored, ip, received_at: now });
    deps.logger.warn({ channel, notifyId: input.params.notify_id ?? null, ip }, 'payment callback rejected: signature did not verify');
    return 'fail';
  }
  const eventId = `${channel}:${event.eventId}`;
  await transact(deps.db, async (trx) => {
    const fresh = await repo.recordGatewayEvent(trx, {
      event_id: eventId,
      order_id: null,
      kind: event.kind,
      outcome: 'received',
      params: stored,
      received_at: now,
    });
    if (!fresh) return;
    const outcome = await applyGatewayEvent(deps, trx, event);
    await repo.setGatewayEventOutcome(trx, eventId, outcome, outcome === 'unknown_order' ? null : event.orderId);
    if (outcome === 'unknown_order') deps.logger.warn({ channel, orderId: event.orderId }, 'payment callback for an unknown order');
  });
  return 'success';
}
