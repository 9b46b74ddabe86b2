import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { IdentityModule } from '../identity/index.js';
import type { PointsPort } from '../lottery/index.js';
import type { RiskModule } from '../risk/index.js';

export interface ReferralDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  origin: () => string;
  identity: Pick<IdentityModule, 'referralFacts' | 'nicknames'>;
  risk: Pick<RiskModule, 'assess'>;
  points: () => Pick<PointsPort, 'earn'>;
}
