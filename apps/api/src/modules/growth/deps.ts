import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { LedgerModule } from '../ledger/index.js';
import type { LoyaltyModule } from '../loyalty/index.js';
import type { NotificationsModule } from '../notifications/index.js';
import type { RiskModule } from '../risk/index.js';
import type { SuitabilityModule } from '../suitability/index.js';

export interface GrowthDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'info' | 'warn'>;
  audit: Pick<AuditModule, 'record'>;
  ledger: Pick<LedgerModule, 'transfer'>;
  investing: Pick<InvestingModule, 'product' | 'promotionFacts' | 'grantExperienceIn'>;
  notifications: Pick<NotificationsModule, 'send'>;
  risk: Pick<RiskModule, 'assess'>;
  community: Pick<CommunityModule, 'membership'>;
  suitability: Pick<SuitabilityModule, 'current'>;
  levels: Pick<LoyaltyModule['levels'], 'levelOf'>;
  points: Pick<LoyaltyModule['points'], 'earn'>;
}

export const auditActor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });
