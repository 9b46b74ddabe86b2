import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { PaymentGateway } from '../../platform/payments/gateway.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { LedgerModule } from '../ledger/index.js';

export interface WalletDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  ledger: LedgerModule;
  identity: IdentityModule;
  audit: AuditModule;
  /** The channel registry: one gateway per channel ('alipay', 'wechat'), keyed by its name. */
  gateways: ReadonlyMap<string, PaymentGateway>;
  /** The channel withdrawals are paid out through. */
  payoutChannel: string;
  /** Where each channel's gateway sends callbacks and the member returns after paying (read per call). */
  urls: { notify(channel: string): string; topUpReturn(orderId: string): string };
}

/** The gateway an order (or a refund) belongs to; an order of a channel no longer configured is a bug, loudly. */
export function gatewayOf(deps: WalletDeps, channel: string): PaymentGateway {
  const gateway = deps.gateways.get(channel);
  if (!gateway) throw new Error(`no payment gateway registered for channel ${channel}`);
  return gateway;
}

/** Who is calling, as the HTTP layer saw it (for audit entries and the payment-password lockout). */
export type { RequestMeta as ClientInfo } from '../../platform/http/auth.js';

export interface OperatorActor {
  operatorId: string;
  name: string;
}
