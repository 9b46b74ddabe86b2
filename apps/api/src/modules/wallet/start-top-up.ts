import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { parsePositiveFen } from '../../platform/money.js';
import { fenToYuan } from '../../platform/money.js';
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
  input: { amount: unknown; cardId?: string | undefined },
  requestKey: string | null = null,
) {
  const amount = parsePositiveFen(input.amount) ?? fail();
  const earlier = requestKey ? await repo.orderByRequestKey(deps.db, memberId, requestKey) : undefined;
  if (earlier) return { orderId: earlier.id, payUrl: earlier.pay_url ?? '', order: presentOrder(earlier) };
  const profile = await requireFundingReady(deps, memberId);
  const card = ownCard(profile, input.cardId);
  const now = deps.clock.now();
  const order = await transact(deps.db, async (trx) => {
    await repo.lockMemberOrders(trx, memberId);
    await enforceDailyLimit(trx, memberId, 'top_up', amount, WALLET_POLICY.dailyTopUpLimit, now);
    const created = await repo.insertOrder(trx, {
      member_id: memberId,
      type: 'top_up',
      amount,
      card_id: card.id,
      card_masked: card.cardMasked,
      bank_name: card.bankName,
      status: 'pending',
      request_key: requestKey,
      created_at: now,
      updated_at: now,
    });
    await deps.outbox.emit(trx, 'wallet.order_created', { memberId, orderId: created.id, type: 'top_up', amount: String(amount) });
    return created;
  });
  try {
    const payment = await deps.gateway.createPayment({
      orderId: order.id,
      amount,
      subject: `圈子钱包充值 ¥${fenToYuan(amount)}`,
      notifyUrl: deps.urls.notify(),
      returnUrl: deps.urls.topUpReturn(order.id),
    });
    const updated = await repo.advanceOrder(deps.db, order.id, ['pending'], {
      gateway_ref: payment.gatewayRef,
      pay_url: payment.payUrl,
      updated_at: deps.clock.now(),
    });
    return { orderId: order.id, payUrl: payment.payUrl, order: presentOrder(updated ?? order) };
  } catch (err) {
    deps.logger.error({ err, orderId: order.id }, 'payment gateway refused a top-up');
    await repo.advanceOrder(deps.db, order.id, ['pending'], {
      status: 'closed',
      failure_reason: '支付通道暂不可用',
      updated_at: deps.clock.now(),
    });
    throw new AppError('PAYMENT_GATEWAY_UNAVAILABLE');
  }
}

const fail = (): never => {
  throw new AppError('AMOUNT_INVALID');
};
