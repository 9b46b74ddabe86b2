import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { LoyaltyModule } from '../loyalty/index.js';
import type { RiskModule } from '../risk/index.js';

/** What the newbie module needs of loyalty's points ledger: an idempotent (by `ref`) earn on the caller's transaction. */
export type PointsPort = Pick<LoyaltyModule['points'], 'earn'>;

export interface NewbieDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'info' | 'warn'>;
  audit: Pick<AuditModule, 'record'>;
  identity: Pick<IdentityModule, 'profile'>;
  investing: Pick<InvestingModule, 'newbieProducts' | 'cashInvestmentCount' | 'seedDemoNewbieProduct'>;
  risk: Pick<RiskModule, 'assess'>;
  points: PointsPort;
}

export const auditActor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });
