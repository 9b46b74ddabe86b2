import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { parsePositiveFen } from '../../platform/money.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import { enforceDailyLimit } from './daily-limit.js';
import type { ClientInfo, WalletDeps } from './deps.js';
import { ownCard, requireFundingReady, withdrawableCardIds } from './funding-eligibility.js';
import { MEMO, WALLET_POLICY } from './policy.js';
import { presentOrder } from './present.js';
import * as repo from './repo.js';
import { requestPayout } from './submit-payout.js';

/**
 * Freezes the amount and pays it out to the member's own card. Large amounts wait for finance;
 * the rest go to the gateway as soon as the freeze commits (through the outbox: see requestPayout). All checks happen before anything is
 * written, and the order and the freeze commit together.
 */
export async function requestWithdrawal(
  deps: WalletDeps,
  memberId: string,
  input: { amount: unknown; paymentPassword: string; cardId?: string | undefined },
  client: ClientInfo,
  requestKey: string | null = null,
) {
  const amount = parsePositiveFen(input.amount);
  if (amount === null) throw new AppError('AMOUNT_INVALID');
  // The same request already created its order (a retry after a crash): that order is the answer.
  const earlier = requestKey ? await repo.orderByRequestKey(deps.db, memberId, requestKey) : undefined;
  if (earlier) return presentOrder(earlier);
  const profile = await requireFundingReady(deps, memberId);
  const card = ownCard(profile, input.cardId);
  if (!(await withdrawableCardIds(deps, profile)).has(card.id)) throw new AppError('CARD_NOT_ELIGIBLE');
  await deps.identity.verifyPaymentPassword(memberId, input.paymentPassword, { ...client, deviceId: undefined });

  const now = deps.clock.now();
  const needsReview = amount >= WALLET_POLICY.reviewThreshold;
  const order = await transact(deps.db, async (trx) => {
    await repo.lockMemberOrders(trx, memberId);
    await enforceDailyLimit(trx, memberId, 'withdrawal', amount, WALLET_POLICY.dailyWithdrawalLimit, now);
    const created = await repo.insertOrder(trx, {
      member_id: memberId,
      type: 'withdrawal',
      channel: deps.payoutChannel,
      amount,
      card_id: card.id,
      card_masked: card.cardMasked,
      bank_name: card.bankName,
      status: needsReview ? 'reviewing' : 'paying',
      request_key: requestKey,
      created_at: now,
      updated_at: now,
    });
    await deps.ledger.transfer(trx, {
      key: `withdrawal:${created.id}:freeze`,
      kind: 'withdrawal.freeze',
      memo: MEMO.withdrawalFreeze,
      reference: created.id,
      postings: [debit(Accounts.memberAvailable(memberId), amount), credit(Accounts.memberFrozen(memberId), amount)],
    });
    await deps.outbox.emit(trx, 'wallet.order_created', { memberId, orderId: created.id, type: 'withdrawal', amount: String(amount) });
    // The payout is a durable step of this transaction: it survives a crash right after the commit.
    if (!needsReview) await requestPayout(deps.outbox, trx, created);
    return created;
  });
  return presentOrder(order);
}
