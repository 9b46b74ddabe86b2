import type { WalletRefund } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { UUID } from '../../platform/ids.js';
import { parsePositiveFen } from '../../platform/money.js';
import type { RefundStatus } from '../../platform/payments/gateway.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import { gatewayOf, type ClientInfo, type WalletDeps } from './deps.js';
import { MEMO } from './policy.js';
import * as repo from './repo.js';

/** The durable step that sends a refund to its provider, written in the transaction that requests it. */
export const REFUND_REQUESTED = 'wallet.refund_requested';
/** A refund still pending this long is asked about (and resent when the provider never got it). */
export const REFUND_QUERY_AFTER_MS = 60_000;

export const presentRefund = (r: repo.RefundRow): WalletRefund => ({
  id: r.id,
  orderId: r.order_id,
  memberId: r.member_id,
  channel: r.channel as WalletRefund['channel'],
  amount: String(r.amount),
  status: r.status,
  reason: r.reason,
  requestedBy: r.requested_by,
  gatewayRef: r.gateway_ref,
  failureReason: r.failure_reason,
  createdAt: r.created_at.toISOString(),
  completedAt: r.completed_at?.toISOString() ?? null,
});

/** What a credited top-up put in the member's wallet: the order's amount, or what finance credited of a held one. */
const creditedAmount = (o: repo.OrderRow) => o.reported_amount ?? o.amount;

/**
 * Finance refunds part or all of a credited top-up (an investment cancelled in its cooling-off
 * period, a failed order). One transaction, under the order's row lock: the refund never takes
 * the sum of refunds over what was credited, the member's money is frozen (so it cannot be spent
 * while on its way back; `INSUFFICIENT_BALANCE` when it is no longer there), the request is
 * audited and its submission to the provider is an outbox event of the same transaction. The call
 * itself is made right after the commit too, idempotent by the refund id (out_request_no).
 */
export async function requestRefund(
  deps: WalletDeps,
  operator: OperatorPrincipal,
  orderId: string,
  input: { amount: unknown; reason: string },
  client: ClientInfo,
  requestKey: string,
): Promise<WalletRefund> {
  const amount = parsePositiveFen(input.amount);
  if (amount === null) throw new AppError('AMOUNT_INVALID');
  const earlier = await repo.refundByRequestKey(deps.db, orderId, requestKey);
  if (earlier) return presentRefund(earlier.status === 'pending' ? await attempt(deps, earlier.id) : earlier);
  const now = deps.clock.now();
  const refund = await transact(deps.db, async (trx) => {
    const order = await repo.findOrder(trx, orderId, true);
    if (!order) throw new AppError('NOT_FOUND');
    if (order.type !== 'top_up' || order.status !== 'succeeded') throw new AppError('REFUND_NOT_ALLOWED');
    if (!deps.gateways.has(order.channel)) throw new AppError('PAYMENT_CHANNEL_UNAVAILABLE');
    const taken = await repo.refundedOrPending(trx, order.id);
    if (taken + amount > creditedAmount(order)) throw new AppError('REFUND_EXCEEDS_PAID');
    const created = await repo.insertRefund(trx, {
      order_id: order.id,
      member_id: order.member_id,
      channel: order.channel,
      amount,
      status: 'pending',
      reason: input.reason,
      request_key: requestKey,
      requested_by: operator.operatorId,
      created_at: now,
      updated_at: now,
    });
    await deps.ledger.transfer(trx, {
      key: `refund:${created.id}:freeze`,
      kind: 'refund.freeze',
      memo: MEMO.refundFreeze,
      reference: order.id,
      postings: [debit(Accounts.memberAvailable(order.member_id), amount), credit(Accounts.memberFrozen(order.member_id), amount)],
    });
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: operator.operatorId, name: operator.displayName },
      action: 'wallet.refund.requested',
      target: { type: 'wallet_order', id: order.id },
      after: { refundId: created.id, amount: String(amount), refundedBefore: String(taken), reason: input.reason },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, REFUND_REQUESTED, { refundId: created.id, orderId: order.id, memberId: order.member_id });
    await deps.outbox.emit(trx, 'wallet.refund_updated', {
      memberId: order.member_id,
      orderId: order.id,
      refundId: created.id,
      status: 'pending',
    });
    return created;
  });
  return presentRefund(await attempt(deps, refund.id));
}

/** One submission right away; a provider that cannot be reached leaves it pending for the outbox and the job. */
async function attempt(deps: WalletDeps, refundId: string): Promise<repo.RefundRow> {
  try {
    await submitRefund(deps, refundId);
  } catch (err) {
    deps.logger.warn({ err, refundId }, 'refund submission failed; the outbox or the job retries it');
  }
  return (await repo.findRefund(deps.db, refundId))!;
}

/** Sends a pending refund to its provider (any number of times: idempotent by the refund id) and applies the answer. */
export async function submitRefund(deps: WalletDeps, refundId: string, options: { queryFirst?: boolean } = {}): Promise<void> {
  const refund = await repo.findRefund(deps.db, refundId);
  if (!refund || refund.status !== 'pending') return;
  const order = (await repo.findOrder(deps.db, refund.order_id))!;
  const gateway = gatewayOf(deps, refund.channel);
  let status: RefundStatus | undefined;
  if (options.queryFirst) {
    status = await gateway.queryRefund({ orderId: order.id, refundId: refund.id });
    if (status.state === 'unknown') status = undefined; // never reached the provider: send it
  }
  status ??= await gateway.refund({
    orderId: order.id,
    refundId: refund.id,
    amount: refund.amount,
    orderAmount: order.reported_amount ?? order.amount,
    reason: refund.reason,
    notifyUrl: deps.urls.notify(refund.channel),
  });
  await transact(deps.db, async (trx) => {
    const locked = await repo.findRefund(trx, refundId, true);
    if (locked) await applyRefundStatus(deps, trx, locked, status);
  });
}

export type RefundOutcome = 'refunded' | 'refund_failed' | 'refund_amount_mismatch' | 'refund_pending' | 'ignored_state';

/**
 * The provider's word on a refund, inside the caller's transaction with the refund row locked (the
 * submission's answer, a query, or a refund notification). Forward only; a different amount than
 * asked is never booked: the refund stays pending for finance.
 */
export async function applyRefundStatus(deps: WalletDeps, trx: Tx, refund: repo.RefundRow, status: RefundStatus): Promise<RefundOutcome> {
  if (refund.status !== 'pending') return 'ignored_state';
  const now = deps.clock.now();
  const emit = (s: string) =>
    deps.outbox.emit(trx, 'wallet.refund_updated', {
      memberId: refund.member_id,
      orderId: refund.order_id,
      refundId: refund.id,
      status: s,
    });
  if (status.state === 'succeeded') {
    if (status.amount !== null && status.amount !== refund.amount) {
      deps.logger.error({ refundId: refund.id }, 'refund amount differs from the request; left pending for finance');
      await repo.advanceRefund(trx, refund.id, { failure_reason: '退款金额与申请不符，待人工复核', updated_at: now });
      return 'refund_amount_mismatch';
    }
    await deps.ledger.transfer(trx, {
      key: `refund:${refund.id}:paid`,
      kind: 'refund.paid',
      memo: MEMO.refundPaid,
      reference: refund.order_id,
      postings: [debit(Accounts.memberFrozen(refund.member_id), refund.amount), credit(Accounts.paymentsInTransit, refund.amount)],
    });
    await repo.advanceRefund(trx, refund.id, { status: 'succeeded', gateway_ref: status.gatewayRef, completed_at: now, updated_at: now });
    await emit('succeeded');
    return 'refunded';
  }
  if (status.state === 'failed') {
    await deps.ledger.transfer(trx, {
      key: `refund:${refund.id}:unfreeze`,
      kind: 'refund.unfreeze',
      memo: MEMO.refundUnfreeze,
      reference: refund.order_id,
      postings: [
        debit(Accounts.memberFrozen(refund.member_id), refund.amount),
        credit(Accounts.memberAvailable(refund.member_id), refund.amount),
      ],
    });
    await repo.advanceRefund(trx, refund.id, {
      status: 'failed',
      failure_reason: status.reason ?? '退款未成功，资金已解冻',
      completed_at: now,
      updated_at: now,
    });
    await emit('failed');
    return 'refund_failed';
  }
  await repo.advanceRefund(trx, refund.id, { updated_at: now });
  return 'refund_pending';
}

/** A refund notification (verified and deduplicated by the caller) for one of our refunds. */
export async function applyRefundEvent(
  deps: WalletDeps,
  trx: Tx,
  event: { orderId: string; refundId?: string | undefined; gatewayRef: string; amount: bigint | null },
): Promise<RefundOutcome | 'unknown_order'> {
  const refund = event.refundId && UUID.test(event.refundId) ? await repo.findRefund(trx, event.refundId, true) : undefined;
  if (!refund || refund.order_id !== event.orderId) return 'unknown_order';
  return applyRefundStatus(deps, trx, refund, { state: 'succeeded', gatewayRef: event.gatewayRef, amount: event.amount });
}

export async function onRefundRequested(deps: WalletDeps, event: DomainEvent): Promise<void> {
  const refundId = (event.payload as { refundId?: unknown }).refundId;
  if (typeof refundId === 'string') await submitRefund(deps, refundId);
}

/** The job: refunds pending for a minute are asked about, and resent when the provider never got them. */
export async function pollPendingRefunds(deps: WalletDeps, now: Date): Promise<number> {
  const pending = await repo.pendingRefunds(deps.db, new Date(now.getTime() - REFUND_QUERY_AFTER_MS), 100);
  for (const r of pending) {
    await submitRefund(deps, r.id, { queryFirst: true }).catch((err: unknown) =>
      deps.logger.warn({ err, refundId: r.id }, 'refund query failed; will retry'),
    );
  }
  return pending.length;
}

export async function listRefunds(deps: WalletDeps, orderId: string): Promise<WalletRefund[]> {
  const order = await repo.findOrder(deps.db, orderId);
  if (!order) throw new AppError('NOT_FOUND');
  return (await repo.refundsOfOrder(deps.db, orderId)).map(presentRefund);
}
