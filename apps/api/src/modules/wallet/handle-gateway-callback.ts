import { transact } from '../../platform/db/transact.js';
import { applyGatewayEvent } from './apply-gateway-event.js';
import type { WalletDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * The gateway's asynchronous notification. A callback whose signature does not verify changes
 * nothing and is kept for investigation; a verified one is deduplicated by the gateway's event id
 * in the same transaction that applies it. Returns the plain reply the gateway expects.
 */
export async function handleGatewayCallback(
  deps: WalletDeps,
  params: Record<string, string>,
  ip: string | null,
): Promise<'success' | 'fail'> {
  const now = deps.clock.now();
  const event = await deps.gateway.verifyCallback(params);
  if (!event) {
    await repo.recordRejection(deps.db, { reason: 'bad_signature', params, ip, received_at: now });
    deps.logger.warn({ notifyId: params.notify_id ?? null, ip }, 'payment callback rejected: signature did not verify');
    return 'fail';
  }
  await transact(deps.db, async (trx) => {
    const fresh = await repo.recordGatewayEvent(trx, {
      event_id: `${deps.gateway.name}:${event.eventId}`,
      order_id: null,
      kind: event.kind,
      outcome: 'received',
      params,
      received_at: now,
    });
    if (!fresh) return;
    const outcome = await applyGatewayEvent(deps, trx, event);
    await repo.setGatewayEventOutcome(
      trx,
      `${deps.gateway.name}:${event.eventId}`,
      outcome,
      outcome === 'unknown_order' ? null : event.orderId,
    );
    if (outcome === 'unknown_order') deps.logger.warn({ orderId: event.orderId }, 'payment callback for an unknown order');
  });
  return 'success';
}
