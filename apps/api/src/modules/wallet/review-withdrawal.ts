import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import type { ClientInfo, WalletDeps } from './deps.js';
import { MEMO } from './policy.js';
import { presentConsoleOrder } from './present.js';
import * as repo from './repo.js';
import { requestPayout } from './submit-payout.js';

const actorOf = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });

/** Finance approves a large withdrawal: it goes to the gateway once this commits. Audited with the note. */
export async function approveWithdrawal(deps: WalletDeps, operator: OperatorPrincipal, orderId: string, note: string, client: ClientInfo) {
  const now = deps.clock.now();
  const order = await transact(deps.db, async (trx) => {
    const current = await repo.findOrder(trx, orderId, true);
    if (!current || current.type !== 'withdrawal') throw new AppError('NOT_FOUND');
    const updated = await repo.advanceOrder(trx, orderId, ['reviewing'], {
      status: 'paying',
      review_note: note,
      reviewed_by: operator.displayName,
      reviewed_at: now,
      updated_at: now,
    });
    if (!updated) throw new AppError('ORDER_STATE_CONFLICT');
    await deps.audit.record(trx, {
      actor: actorOf(operator),
      action: 'wallet.withdrawal.approved',
      target: { type: 'wallet_order', id: orderId },
      before: { status: current.status },
      after: { status: 'paying', amount: String(current.amount), note },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, 'wallet.order_updated', { memberId: current.member_id, orderId, type: 'withdrawal', status: 'paying' });
    await requestPayout(deps.outbox, trx, current);
    return updated;
  });
  return presentConsoleOrder(order);
}

/** Finance rejects: the frozen amount returns to the member's available balance in the same transaction. */
export async function rejectWithdrawal(deps: WalletDeps, operator: OperatorPrincipal, orderId: string, note: string, client: ClientInfo) {
  const now = deps.clock.now();
  const order = await transact(deps.db, async (trx) => {
    const current = await repo.findOrder(trx, orderId, true);
    if (!current || current.type !== 'withdrawal') throw new AppError('NOT_FOUND');
    const updated = await repo.advanceOrder(trx, orderId, ['reviewing'], {
      status: 'rejected',
      review_note: note,
      failure_reason: `审核未通过：${note}`,
      reviewed_by: operator.displayName,
      reviewed_at: now,
      completed_at: now,
      updated_at: now,
    });
    if (!updated) throw new AppError('ORDER_STATE_CONFLICT');
    await deps.ledger.transfer(trx, {
      key: `withdrawal:${orderId}:unfreeze`,
      kind: 'withdrawal.unfreeze',
      memo: MEMO.withdrawalRejected,
      reference: orderId,
      postings: [
        debit(Accounts.memberFrozen(current.member_id), current.amount),
        credit(Accounts.memberAvailable(current.member_id), current.amount),
      ],
    });
    await deps.audit.record(trx, {
      actor: actorOf(operator),
      action: 'wallet.withdrawal.rejected',
      target: { type: 'wallet_order', id: orderId },
      before: { status: current.status },
      after: { status: 'rejected', amount: String(current.amount), note },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, 'wallet.order_updated', { memberId: current.member_id, orderId, type: 'withdrawal', status: 'rejected' });
    return updated;
  });
  return presentConsoleOrder(order);
}

/**
 * A top-up whose callback reported a different amount than ordered. Finance checks with the
 * gateway and either credits what was actually received, or closes the order (refund handled with
 * the gateway). Audited either way.
 */
export async function resolveHeldTopUp(
  deps: WalletDeps,
  operator: OperatorPrincipal,
  orderId: string,
  input: { action: 'credit_reported' | 'close'; note: string },
  client: ClientInfo,
) {
  const now = deps.clock.now();
  const order = await transact(deps.db, async (trx) => {
    const current = await repo.findOrder(trx, orderId, true);
    if (!current || current.type !== 'top_up') throw new AppError('NOT_FOUND');
    if (current.status !== 'held') throw new AppError('ORDER_STATE_CONFLICT');
    const credited = input.action === 'credit_reported' ? current.reported_amount : null;
    if (credited !== null && credited > 0n) {
      await deps.ledger.transfer(trx, {
        key: `topup:${orderId}`,
        kind: 'top_up',
        memo: MEMO.heldTopUpCredited,
        reference: orderId,
        postings: [debit(Accounts.paymentsInTransit, credited), credit(Accounts.memberAvailable(current.member_id), credited)],
      });
    } else if (input.action === 'credit_reported') {
      throw new AppError('ORDER_STATE_CONFLICT');
    }
    const status = input.action === 'credit_reported' ? 'succeeded' : 'closed';
    const updated = await repo.advanceOrder(trx, orderId, ['held'], {
      status,
      review_note: input.note,
      reviewed_by: operator.displayName,
      reviewed_at: now,
      updated_at: now,
    });
    await deps.audit.record(trx, {
      actor: actorOf(operator),
      action: `wallet.top_up.held_${input.action === 'close' ? 'closed' : 'credited'}`,
      target: { type: 'wallet_order', id: orderId },
      before: { status: 'held', amount: String(current.amount), reported: String(current.reported_amount) },
      after: { status, credited: credited === null ? null : String(credited), note: input.note },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, 'wallet.order_updated', { memberId: current.member_id, orderId, type: 'top_up', status });
    return updated!;
  });
  return presentConsoleOrder(order);
}
