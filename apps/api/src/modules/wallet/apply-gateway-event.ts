import type { Tx } from '../../platform/db/connect.js';
import { UUID } from '../../platform/ids.js';
import type { GatewayEvent } from '../../platform/payments/gateway.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import type { WalletDeps } from './deps.js';
import { MEMO } from './policy.js';
import * as repo from './repo.js';
import { applyRefundEvent, type RefundOutcome } from './refunds.js';

export type EventOutcome =
  | 'credited'
  | 'held_amount_mismatch'
  | 'closed'
  | 'paid_out'
  | 'payout_failed_unfrozen'
  | 'payout_amount_mismatch'
  | 'ignored_state'
  | 'unknown_order'
  | RefundOutcome;

/**
 * What a gateway's word does to an order, inside the caller's transaction (with the order row
 * locked). Orders only move forward: a late, repeated or out-of-order signal for an order that has
 * already moved on changes nothing. Money is booked with keys derived from the order, so even two
 * different signals for one outcome book it once.
 */
export async function applyGatewayEvent(deps: WalletDeps, trx: Tx, event: GatewayEvent): Promise<EventOutcome> {
  if (event.kind === 'refund') return applyRefundEvent(deps, trx, event);
  const order = UUID.test(event.orderId) ? await repo.findOrder(trx, event.orderId, true) : undefined;
  if (!order || (order.type === 'top_up') !== (event.kind === 'payment')) return 'unknown_order';
  const now = deps.clock.now();
  const emit = (status: string) =>
    deps.outbox.emit(trx, 'wallet.order_updated', { memberId: order.member_id, orderId: order.id, type: order.type, status });

  if (event.kind === 'payment') {
    if (order.status !== 'pending') return 'ignored_state';
    if (event.state === 'failed') {
      await repo.advanceOrder(trx, order.id, ['pending'], {
        status: 'closed',
        failure_reason: '支付未完成',
        gateway_ref: event.gatewayRef,
        updated_at: now,
      });
      await emit('closed');
      return 'closed';
    }
    if (event.amount !== order.amount) {
      // Never credit an amount we did not ask for: finance decides (see resolveHeldTopUp).
      await repo.advanceOrder(trx, order.id, ['pending'], {
        status: 'held',
        reported_amount: event.amount,
        gateway_ref: event.gatewayRef,
        failure_reason: '到账金额与订单不符，待人工复核',
        completed_at: now,
        updated_at: now,
      });
      await emit('held');
      deps.logger.warn({ orderId: order.id }, 'top-up amount mismatch held for review');
      return 'held_amount_mismatch';
    }
    await deps.ledger.transfer(trx, {
      key: `topup:${order.id}`,
      kind: 'top_up',
      memo: MEMO.topUp,
      reference: order.id,
      postings: [debit(Accounts.paymentsInTransit, order.amount), credit(Accounts.memberAvailable(order.member_id), order.amount)],
    });
    await repo.advanceOrder(trx, order.id, ['pending'], {
      status: 'succeeded',
      gateway_ref: event.gatewayRef,
      completed_at: now,
      updated_at: now,
    });
    await emit('succeeded');
    return 'credited';
  }

  if (order.status !== 'paying') return 'ignored_state';
  if (event.state === 'failed') {
    await deps.ledger.transfer(trx, {
      key: `withdrawal:${order.id}:unfreeze`,
      kind: 'withdrawal.unfreeze',
      memo: MEMO.withdrawalUnfreeze,
      reference: order.id,
      postings: [
        debit(Accounts.memberFrozen(order.member_id), order.amount),
        credit(Accounts.memberAvailable(order.member_id), order.amount),
      ],
    });
    await repo.advanceOrder(trx, order.id, ['paying'], {
      status: 'failed',
      failure_reason: '银行退回，资金已解冻',
      completed_at: now,
      updated_at: now,
    });
    await emit('failed');
    return 'payout_failed_unfrozen';
  }
  if (event.amount !== order.amount) {
    // The gateway claims to have paid a different amount: leave the order for reconciliation.
    deps.logger.error({ orderId: order.id }, 'payout amount mismatch; order left for reconciliation');
    return 'payout_amount_mismatch';
  }
  await deps.ledger.transfer(trx, {
    key: `withdrawal:${order.id}:paid`,
    kind: 'withdrawal.paid',
    memo: MEMO.withdrawalPaid,
    reference: order.id,
    postings: [debit(Accounts.memberFrozen(order.member_id), order.amount), credit(Accounts.custodianCash, order.amount)],
  });
  await repo.advanceOrder(trx, order.id, ['paying'], {
    status: 'succeeded',
    gateway_ref: event.gatewayRef,
    completed_at: now,
    updated_at: now,
  });
  await emit('succeeded');
  return 'paid_out';
}
