import type { DomainEvent, Outbox } from '../../platform/events/outbox.js';
import type { Tx } from '../../platform/db/connect.js';
import { gatewayOf, type WalletDeps } from './deps.js';
import { last4 } from './funding-eligibility.js';
import * as repo from './repo.js';

/** The durable step that pays a withdrawal out, written in the transaction that moves it to `paying`. */
export const PAYOUT_REQUESTED = 'wallet.payout_requested';

/**
 * Records, in the caller's transaction, that this withdrawal must be submitted to the gateway. The
 * outbox delivers it after commit (on this or any worker, and again after a crash or a restart,
 * with backoff while the gateway is down), never an in-process hook that a kill -9 loses. The
 * stuck-order job also submits any `paying` withdrawal still without a gateway reference.
 */
export async function requestPayout(outbox: Outbox, trx: Tx, order: { id: string; member_id: string }): Promise<void> {
  await outbox.emit(trx, PAYOUT_REQUESTED, { orderId: order.id, memberId: order.member_id });
}

export const PAYOUT_QUEUE = 'wallet-submit-payout';
export type EnqueuePayout = (orderId: string) => Promise<boolean>;

/**
 * The outbox subscriber. With the job queue attached (the worker), the payout becomes a pg-boss job
 * — durable, retried with backoff, run beside other jobs — so a slow or hung gateway never holds up
 * the outbox's other events; without it (or when the queue declines, e.g. not started yet) the
 * payout is submitted here. Either way a failure throws, so the event is retried.
 */
export async function onPayoutRequested(deps: WalletDeps, event: DomainEvent, enqueue: EnqueuePayout | undefined): Promise<void> {
  const orderId = (event.payload as { orderId?: unknown }).orderId;
  if (typeof orderId !== 'string') return;
  if (enqueue && (await enqueue(orderId))) return;
  await submitPayout(deps, orderId);
}

/**
 * Asks the gateway to pay a withdrawal out; true when the gateway has it (now or from before).
 * Safe to call any number of times: the gateway deduplicates by our order id (out_biz_no) and
 * answers a repeat with the payout it already has. `queryFirst` when unsure whether an earlier
 * attempt reached the gateway (the job's recovery): the gateway's record is taken as it is.
 * Throws when the gateway cannot be reached.
 */
export async function submitPayout(deps: WalletDeps, orderId: string, options: { queryFirst?: boolean } = {}): Promise<boolean> {
  const order = await repo.findOrder(deps.db, orderId);
  if (!order || order.type !== 'withdrawal' || order.status !== 'paying') return false;
  if (order.gateway_ref) return true;
  const gateway = gatewayOf(deps, order.channel);
  let gatewayRef: string | null = null;
  if (options.queryFirst) {
    const known = await gateway.queryPayout(order.id);
    if (known.state !== 'unknown') gatewayRef = known.gatewayRef;
  }
  if (!gatewayRef) {
    const profile = await deps.identity.profile(order.member_id);
    ({ gatewayRef } = await gateway.createPayout({
      orderId: order.id,
      amount: order.amount,
      cardLast4: last4(order.card_masked),
      payeeNameMasked: profile.realName?.nameMasked ?? '',
      notifyUrl: deps.urls.notify(order.channel),
    }));
  }
  await repo.advanceOrder(deps.db, order.id, ['paying'], { gateway_ref: gatewayRef, updated_at: deps.clock.now() });
  return true;
}
