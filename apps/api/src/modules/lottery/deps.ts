import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { AuditModule } from '../audit/index.js';
import type { InvestingModule } from '../investing/index.js';

/** Loyalty's points ledger as the lottery uses it (injected at the composition root). */
export interface PointsPort {
  earn(
    trx: Tx,
    input: { memberId: string; points: number; source: string; ref: string; reason: string; expiresAt?: Date },
  ): Promise<unknown>;
  spend(trx: Tx, input: { memberId: string; points: number; source: string; ref: string; reason: string }): Promise<unknown>;
}

export interface PrizeGrant {
  memberId: string;
  drawId: string;
  prize: {
    id: string;
    name: string;
    kind: string;
    points: number | null;
    amount: bigint | null;
    days: number | null;
    couponRef: string | null;
  };
}
/** Grants a prize inside the draw's transaction (coupons: registered by the growth module). */
export type PrizeHandler = (trx: Tx, grant: PrizeGrant) => Promise<void>;
/** Says why a prize's `couponRef` cannot be granted (null when it can), when a wheel is created. */
export type PrizeCheck = (couponRef: string) => Promise<string | null>;

export interface LotteryDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  vault: PiiVault;
  audit: Pick<AuditModule, 'record'>;
  investing: Pick<InvestingModule, 'grantExperience'>;
  points: () => PointsPort;
  /** Loyalty's level privilege: the member's lottery weight in percent (100 = normal). */
  lotteryWeight: (memberId: string, db: Tx) => Promise<number>;
  prizeHandlers: Map<string, PrizeHandler>;
  prizeChecks: Map<string, PrizeCheck>;
}

export const auditActor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });
