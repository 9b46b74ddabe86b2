import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { AuditModule } from '../audit/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { LotteryModule, PointsPort } from '../lottery/index.js';

/** Grants a virtual item inside the exchange's transaction (coupons: registered by the growth module). */
export type MallGrantHandler = (
  trx: Tx,
  grant: { memberId: string; orderId: string; quantity: number; couponRef: string },
) => Promise<void>;

export interface MallDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  vault: PiiVault;
  audit: Pick<AuditModule, 'record'>;
  investing: Pick<InvestingModule, 'grantExperience'>;
  lottery: Pick<LotteryModule, 'grantChances' | 'consoleWheel'>;
  points: () => Pick<PointsPort, 'spend'>;
  couponHandler: { current: MallGrantHandler | null; problem?: ((couponRef: string) => Promise<string | null>) | undefined };
}

export const auditActor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });
