import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { createBillTamper, type BillTamper } from './bill.js';
import { NotificationDelivery, type Chaos } from './delivery.js';
import { createKeyStore } from './keys.js';
import { sandboxRoutes } from './routes.js';
import { settleDuePayouts, settlePayment, settlePayout } from './trades.js';

/**
 * The sandbox payment gateway: an Alipay look-alike with its own `sandbox_*` tables. Quanzi talks to
 * it only over signed HTTP (the gateway API, the cashier page, signed callbacks), exactly as it would
 * to the real gateway, so switching to the real one changes configuration, not code paths.
 */

export interface SandboxGatewayOptions {
  db: Db;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Used for merchant callbacks; injectable for tests. */
  fetch?: typeof fetch;
  /** First retry delay of an unacknowledged callback; doubles per attempt, capped at an hour. Default 1000. */
  retryBaseMs?: number;
}

export interface SandboxGateway {
  /** Out-of-band setup, like uploading the merchant's public key in Alipay's console. Idempotent: one row per appId (a new key replaces the old). */
  registerMerchant(appId: string, merchantPublicKeyPem: string): Promise<void>;
  /** The gateway's own public key (generated once, stored in sandbox_keys, same across restarts). */
  publicKey(): Promise<string>;
  /** Mount with `app.register(gateway.routes, { prefix: '/sandbox' })`. */
  routes: FastifyPluginAsync;
  /** Starts the loop (every 200 ms) that settles due payouts and delivers due callbacks. */
  startDelivery(): void;
  /** Stops the loop and waits for a pass in progress. */
  stopDelivery(): Promise<void>;
  /** One pass of the loop; resolves to the number of callbacks attempted. */
  deliverDue(): Promise<number>;
  /** duplicates=3: every callback POSTed 3 times (one notify_id); shuffle: due callbacks in random order. */
  setChaos(c: Chaos): void;
  /** Reconciliation hooks: change only what the downloaded bill shows, never the trades. */
  tamper: BillTamper;
  /** As `POST /sandbox/payments/:tradeNo/pay` and `/fail`: forward only, a repeat is a no-op. Throws for an unknown trade. */
  payNow(tradeNo: string): Promise<void>;
  failNow(tradeNo: string): Promise<void>;
  /** As `POST /sandbox/payouts/:orderId/succeed` and `/fail`. Throws for an unknown order. */
  succeedPayoutNow(orderId: string): Promise<void>;
  failPayoutNow(orderId: string): Promise<void>;
}

export function createSandboxGateway(opts: SandboxGatewayOptions): SandboxGateway {
  const { db, clock, logger } = opts;
  const keys = createKeyStore(db, clock);
  const delivery = new NotificationDelivery({
    db,
    clock,
    logger,
    keys,
    fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
    retryBaseMs: opts.retryBaseMs ?? 1_000,
    beforePass: () => settleDuePayouts(db, clock),
  });
  const settle = async (kind: 'payment' | 'payout', id: string, outcome: 'pay' | 'fail' | 'succeed') => {
    const row =
      kind === 'payment'
        ? await settlePayment(db, clock, id, outcome === 'fail' ? 'fail' : 'pay')
        : await settlePayout(db, clock, id, outcome === 'fail' ? 'fail' : 'succeed');
    if (!row) throw new Error(`no sandbox ${kind} ${id}`);
  };
  return {
    registerMerchant: (appId, pem) => keys.registerMerchant(appId, pem),
    publicKey: async () => (await keys.gateway()).publicKey,
    routes: sandboxRoutes({ db, clock, keys, logger }),
    startDelivery: () => delivery.start(),
    stopDelivery: () => delivery.stop(),
    deliverDue: () => delivery.deliverDue(),
    setChaos: (c) => delivery.setChaos(c),
    tamper: createBillTamper(db, clock),
    payNow: (tradeNo) => settle('payment', tradeNo, 'pay'),
    failNow: (tradeNo) => settle('payment', tradeNo, 'fail'),
    succeedPayoutNow: (orderId) => settle('payout', orderId, 'succeed'),
    failPayoutNow: (orderId) => settle('payout', orderId, 'fail'),
  };
}

export type { Chaos } from './delivery.js';
export type { BillTamper } from './bill.js';
