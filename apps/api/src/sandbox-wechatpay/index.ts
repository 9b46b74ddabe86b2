import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { wechatPayRoutes } from './api.js';
import { buildDelivery, NotificationDelivery, type Chaos } from './delivery.js';
import { createKeyStore } from './keys.js';
import * as repo from './repo.js';
import { settleDue, settleRefund, settleTransaction, settleTransfer } from './trades.js';

/**
 * The WeChat Pay API v3 sandbox, with its own `sandbox_wxpay_*` tables, mounted at
 * `/sandbox/wechatpay`: `/v3/pay/transactions/{native,h5}`, order query by out-trade-no or id,
 * close, `/v3/refund/domestic/refunds`, 商家转账 `/v3/transfer/batches`, `/v3/bill/tradebill` and
 * `/v3/billdownload/file`, with v3 request signatures verified, every answer signed
 * (`Wechatpay-Signature`, public-key mode) and notifications encrypted AEAD_AES_256_GCM under the
 * merchant's APIv3 key. Quanzi reaches it only over HTTP, as it would api.mch.weixin.qq.com.
 */
export interface WechatPaySandboxOptions {
  db: Db;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  fetch?: typeof fetch;
  /** How long refunds and transfers stay processing before they settle by themselves. Default 5 s. */
  settleAfterMs?: number;
}

export interface WechatPaySandbox {
  /** Out of band, as in the merchant platform: the API certificate's key and the APIv3 key. Returns the serial to sign with. */
  registerMerchant(input: { mchid: string; publicKey: string; apiV3Key: string }): Promise<{ serialNo: string }>;
  /** The platform public key and its id (`Wechatpay-Serial` in public-key mode). */
  platformKey(): Promise<{ keyId: string; publicKey: string }>;
  /** Mount with `app.register(sandbox.routes, { prefix: '/sandbox/wechatpay' })`. */
  routes: FastifyPluginAsync;
  startDelivery(): void;
  stopDelivery(): Promise<void>;
  deliverDue(): Promise<number>;
  setChaos(c: Chaos): void;
  /** As the cashier's buttons: the payer pays, or the payment fails. Throws for an unknown order. */
  payNow(mchid: string, outTradeNo: string): Promise<void>;
  failNow(mchid: string, outTradeNo: string): Promise<void>;
  settleRefundNow(mchid: string, outRefundNo: string, ok?: boolean): Promise<boolean>;
  settleTransferNow(mchid: string, outBatchNo: string, ok?: boolean): Promise<boolean>;
  /** The request a notification's next attempt would send (tests replay and tamper with it). */
  buildNotification(id: string): Promise<{ body: string; headers: Record<string, string> }>;
  notifications(mchid: string): Promise<repo.NotificationRow[]>;
}

export function createWechatPaySandbox(opts: WechatPaySandboxOptions): WechatPaySandbox {
  const { db, clock, logger } = opts;
  const keys = createKeyStore(db, clock);
  const delivery = new NotificationDelivery({
    db,
    clock,
    keys,
    logger,
    fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
    beforePass: () => settleDue(db, clock),
  });
  const settle = async (mchid: string, outTradeNo: string, outcome: 'pay' | 'fail') => {
    const row = await repo.findTransaction(db, mchid, outTradeNo);
    if (!row) throw new Error(`no sandbox wechatpay transaction ${outTradeNo}`);
    await settleTransaction(db, clock, row, outcome);
  };
  return {
    registerMerchant: (input) => keys.registerMerchant(input),
    platformKey: async () => {
      const k = await keys.platform();
      return { keyId: k.keyId, publicKey: k.publicKey };
    },
    routes: wechatPayRoutes({ db, clock, keys, logger, settleAfterMs: opts.settleAfterMs ?? 5_000 }),
    startDelivery: () => delivery.start(),
    stopDelivery: () => delivery.stop(),
    deliverDue: () => delivery.deliverDue(),
    setChaos: (c) => delivery.setChaos(c),
    payNow: (mchid, no) => settle(mchid, no, 'pay'),
    failNow: (mchid, no) => settle(mchid, no, 'fail'),
    settleRefundNow: (mchid, no, ok = true) => settleRefund(db, clock, mchid, no, ok),
    settleTransferNow: (mchid, no, ok = true) => settleTransfer(db, clock, mchid, no, ok),
    async buildNotification(id) {
      const row = await repo.findNotification(db, id);
      if (!row) throw new Error(`no sandbox notification ${id}`);
      return buildDelivery({ db, clock, keys }, row);
    },
    notifications: (mchid) => repo.notificationsFor(db, mchid),
  };
}

export type { Chaos } from './delivery.js';
