import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { parsePositiveFen } from '../../platform/money.js';
import { ensurePayment } from './create-payment.js';
import { enforceDailyLimit } from './daily-limit.js';
import type { WalletDeps } from './deps.js';
import { ownCard, requireFundingReady } from './funding-eligibility.js';
import { WALLET_POLICY } from './policy.js';
import { presentOrder } from './present.js';
import * as repo from './repo.js';

/**
 * Creates a top-up order and a payment at the gateway; the member pays on the gateway's page. No
 * money is booked here: the wallet is credited only by the gateway's signed callback (or an active
 * query), exactly once.
 */
export async function startTopUp(
  deps: WalletDeps,
  memberId: string,
  input: { amount: unknown; cardId?: string | undefined; channel?: string | undefined },
  requestKey: string | null = null,
) {
  const amount = parsePositiveFen(input.amount) ?? fail();
  const channel = input.channel ?? 'alipay';
  if (!deps.gateways.has(channel)) throw new AppError('PAYMENT_CHANNEL_UNAVAILABLE');
  const earlier = requestKey ? await repo.orderByRequestKey(deps.db, memberId, requestKey) : undefined;
  // A retry of the same request (perhaps after a crash): its order is the answer, made payable if it is not yet.
  if (earlier) return withPayment(deps, earlier);
  const profile = await requireFundingReady(deps, memberId);
  const card = ownCard(profile, input.cardId);
  const now = deps.clock.now();
  const order = await transact(deps.db, async (trx) => {
    await repo.lockMemberOrders(trx, memberId);
    await enforceDailyLimit(trx, memberId, 'top_up', amount, WALLET_POLICY.dailyTopUpLimit, now);
    const created = await repo.insertOrder(trx, {
      member_id: memberId,
      type: 'top_up',
      channel,
      amount,
      card_id: card.id,
      card_masked: card.cardMasked,
      bank_name: card.bankName,
      status: 'pending',
      request_key: requestKey,
      created_at: now,
      updated_at: now,
    });
    await deps.outbox.emit(trx, 'wallet.order_created', { memberId, orderId: created.id, type: 'top_up', channel, amount: String(amount) });
    return created;
  });
  return withPayment(deps, order);
}

/**
 * The answer to a top-up request: the order with its pay URL, creating the provider payment when
 * the order has none yet (first attempt, or a retry after a crash between the commit and the
 * gateway call). When the gateway cannot be reached the order stays pending and owes the step: the
 * client's retry with the same key, or the stuck-order job within a minute, creates it.
 */
async function withPayment(deps: WalletDeps, order: repo.OrderRow) {
  let current = order;
  try {
    current = await ensurePayment(deps, order);
  } catch (err) {
    deps.logger.error({ err, orderId: order.id }, 'payment gateway unreachable for a top-up; the retry or the stuck-order job creates it');
    throw new AppError('PAYMENT_GATEWAY_UNAVAILABLE');
  }
  return { orderId: current.id, payUrl: current.pay_url ?? '', order: presentOrder(current) };
}

const fail = (): never => {
  throw new AppError('AMOUNT_INVALID');
};
