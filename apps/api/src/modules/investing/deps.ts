import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { LedgerModule } from '../ledger/index.js';
import type { CouponPort } from './ports.js';

/** What investing needs from the suitability module: refuse a product above the member's assessed level. */
export interface SuitabilityGate {
  assertCovers(memberId: string, productRisk: 1 | 2 | 3 | 4 | 5): Promise<unknown>;
}

export interface InvestingDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  ledger: LedgerModule;
  identity: IdentityModule;
  audit: AuditModule;
  suitability: SuitabilityGate;
  /** Encrypts issuer API secrets at rest. */
  vault: PiiVault;
  /** Set by `attachCoupons` (growth); without it a purchase naming a coupon is COUPON_NOT_APPLICABLE. */
  coupons?: CouponPort | undefined;
}
