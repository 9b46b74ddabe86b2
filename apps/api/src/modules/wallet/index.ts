import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { shanghaiDay } from '../../platform/clock.js';
import type { CallbackInput, PaymentGateway } from '../../platform/payments/gateway.js';
import { AppError } from '../../platform/errors.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { LedgerModule, MemberAccountKind } from '../ledger/index.js';
import type { ClientInfo, WalletDeps } from './deps.js';
import { getWallet } from './get-wallet.js';
import { handleGatewayCallback } from './handle-gateway-callback.js';
import { getMemberOrder, listConsoleOrders, listMemberOrders, listRejections } from './list-orders.js';
import { pollOrder, pollStuckOrders } from './poll-stuck-orders.js';
import { presentConsoleOrder } from './present.js';
import { presentItem, presentRun, resolveReconItem } from './reconciliation-console.js';
import { reconcileDay } from './reconcile-day.js';
import * as repo from './repo.js';
import { requestWithdrawal } from './request-withdrawal.js';
import { approveWithdrawal, rejectWithdrawal, resolveHeldTopUp } from './review-withdrawal.js';
import { startTopUp } from './start-top-up.js';
import { listRefunds, onRefundRequested, REFUND_REQUESTED, requestRefund } from './refunds.js';
import { onPayoutRequested, PAYOUT_QUEUE, PAYOUT_REQUESTED, submitPayout, type EnqueuePayout } from './submit-payout.js';

export { walletMemberRoutes } from './routes.member.js';
export { walletConsoleRoutes } from './routes.console.js';
export { paymentCallbackRoutes } from './routes.callback.js';
export { wechatPayCallbackRoutes } from './routes.wechat-callback.js';
export { loadOrCreateCredentials } from './gateway-credentials.js';
export { WALLET_POLICY } from './policy.js';

export function createWalletModule(
  platform: Platform,
  modules: { audit: AuditModule; identity: IdentityModule; ledger: LedgerModule },
  options: {
    /** The channel registry: each gateway serves the channel of its `name` ('alipay', 'wechat'). */
    gateways: PaymentGateway[];
    /** Withdrawals are paid out through this channel's gateway (default: the first one). */
    payoutChannel?: string;
    urls: WalletDeps['urls'];
  },
) {
  const gateways = new Map(options.gateways.map((g) => [g.name, g] as const));
  if (gateways.size !== options.gateways.length || gateways.size === 0) throw new Error('one payment gateway per channel, at least one');
  const payoutChannel = options.payoutChannel ?? options.gateways[0]!.name;
  if (!gateways.has(payoutChannel)) throw new Error(`no gateway for the payout channel ${payoutChannel}`);
  const deps: WalletDeps = {
    db: platform.db,
    clock: platform.clock,
    outbox: platform.outbox,
    logger: platform.logger,
    ledger: modules.ledger,
    identity: modules.identity,
    audit: modules.audit,
    gateways,
    payoutChannel,
    urls: options.urls,
  };
  let enqueuePayout: EnqueuePayout | undefined;
  // Open money blocks account closure: a member cannot close with a balance, a frozen amount or a top-up in flight.
  modules.identity.registerClosureCheck('wallet', async (memberId) => {
    const b = await modules.ledger.memberBalances(memberId);
    if (b.member_available > 0n || b.member_frozen > 0n) return '钱包仍有余额或冻结资金，请先提现';
    const open = await repo.listOrders(deps.db, { memberId, status: 'pending' }, 0, 1);
    return open.total > 0 ? '有未完成的充值订单' : null;
  });
  return {
    /** Worker side: payouts are submitted from the outbox (durable, retried), never from an in-process hook. */
    subscribe() {
      platform.outbox.subscribe(PAYOUT_REQUESTED, 'wallet.payouts', (event) => onPayoutRequested(deps, event, enqueuePayout));
      platform.outbox.subscribe(REFUND_REQUESTED, 'wallet.refunds', (event) => onRefundRequested(deps, event));
    },
    /** Worker side: the outbox hands payouts to this pg-boss queue (one job per order, retried with backoff). */
    attachScheduler(scheduler: {
      registerQueue(name: string, handle: (data: Record<string, unknown>) => Promise<unknown>): void;
      enqueue(name: string, data: Record<string, unknown>, key: string): Promise<boolean>;
    }) {
      scheduler.registerQueue(PAYOUT_QUEUE, async (data) => submitPayout(deps, String(data.orderId)));
      enqueuePayout = (orderId) => scheduler.enqueue(PAYOUT_QUEUE, { orderId }, orderId);
    },
    wallet: (memberId: string) => getWallet(deps, memberId),
    /** The channels members can pay with (those with a gateway). */
    channels: () => [...gateways.keys()],
    startTopUp: (
      memberId: string,
      input: { amount: unknown; cardId?: string | undefined; channel?: string | undefined },
      requestKey?: string,
    ) => startTopUp(deps, memberId, input, requestKey ?? null),
    requestWithdrawal: (
      memberId: string,
      input: { amount: unknown; paymentPassword: string; cardId?: string | undefined },
      client: ClientInfo,
      requestKey?: string,
    ) => requestWithdrawal(deps, memberId, input, client, requestKey ?? null),
    memberOrders: (memberId: string, type: repo.OrderType | undefined, page: number, pageSize: number) =>
      listMemberOrders(deps, memberId, type, page, pageSize),
    memberOrder: (memberId: string, orderId: string) => getMemberOrder(deps, memberId, orderId),
    statement: (memberId: string, kind: MemberAccountKind, before: string | undefined, limit: number) =>
      modules.ledger.memberStatement(memberId, kind, before, limit),
    /**
     * A provider's notification for a channel (the route of each channel calls this): verified by that
     * channel's gateway, deduplicated, applied; 'success' when accepted, 'fail' when not trustworthy.
     */
    handleCallback: (channel: string, input: CallbackInput, ip: string | null) => handleGatewayCallback(deps, channel, input, ip),
    requestRefund: (
      op: OperatorPrincipal,
      orderId: string,
      input: { amount: unknown; reason: string },
      client: ClientInfo,
      requestKey: string,
    ) => requestRefund(deps, op, orderId, input, client, requestKey),
    refunds: (orderId: string) => listRefunds(deps, orderId),
    consoleOrders: (filter: repo.OrderFilter, page: number, pageSize: number) => listConsoleOrders(deps, filter, page, pageSize),
    approveWithdrawal: (op: OperatorPrincipal, orderId: string, note: string, client: ClientInfo) =>
      approveWithdrawal(deps, op, orderId, note, client),
    rejectWithdrawal: (op: OperatorPrincipal, orderId: string, note: string, client: ClientInfo) =>
      rejectWithdrawal(deps, op, orderId, note, client),
    resolveHeldTopUp: (
      op: OperatorPrincipal,
      orderId: string,
      input: { action: 'credit_reported' | 'close'; note: string },
      client: ClientInfo,
    ) => resolveHeldTopUp(deps, op, orderId, input, client),
    /** Finance asks the gateway about one order now, instead of waiting for the job. */
    async queryOrder(orderId: string) {
      const order = await repo.findOrder(deps.db, orderId);
      if (!order) throw new AppError('NOT_FOUND');
      const outcome = await pollOrder(deps, order, deps.clock.now());
      return { outcome, order: presentConsoleOrder((await repo.findOrder(deps.db, orderId))!) };
    },
    pollStuckOrders: (now: Date) => pollStuckOrders(deps, now),
    reconcile: (day: string, by: { operator: OperatorPrincipal; ip: string | null } | 'system', channel = payoutChannel) =>
      reconcileDay(deps, day, by, channel),
    /** The daily job reconciles yesterday (Asia/Shanghai) on every channel, once the bills are out. */
    async reconcileYesterday(now: Date) {
      const day = shanghaiDay(new Date(now.getTime() - 24 * 3600_000));
      const runs = [];
      for (const channel of gateways.keys()) runs.push(await reconcileDay(deps, day, 'system', channel));
      return runs;
    },
    async reconRuns(page: number, pageSize: number) {
      const { items, total } = await repo.listReconRuns(deps.db, (page - 1) * pageSize, pageSize);
      return { items: items.map(presentRun), total, page, pageSize };
    },
    async reconItems(filter: { status?: 'open' | 'resolved' | undefined; billDate?: string | undefined }, page: number, pageSize: number) {
      const { items, total } = await repo.listReconItems(deps.db, filter, (page - 1) * pageSize, pageSize);
      return { items: items.map(presentItem), total, page, pageSize };
    },
    resolveReconItem: (op: OperatorPrincipal, itemId: string, input: { resolution: string; note: string }, client: ClientInfo) =>
      resolveReconItem(deps, op, itemId, input, client),
    callbackRejections: (page: number, pageSize: number) => listRejections(deps, page, pageSize),
  };
}
export type WalletModule = ReturnType<typeof createWalletModule>;
