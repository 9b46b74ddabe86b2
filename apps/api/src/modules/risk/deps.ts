import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { AuditModule } from '../audit/index.js';

export interface RiskDeps {
  db: Db;
  clock: Clock;
  outbox: Pick<Outbox, 'emit' | 'subscribe'>;
  vault: Pick<PiiVault, 'blindIndex'>;
  audit: Pick<AuditModule, 'record'>;
  /** The ID-number blind index of a member (identity's index.ts), for shared-ID links. */
  idNumberIndexOf: (memberId: string, db: Executor) => Promise<string | null>;
}

export const auditActor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });

/** Withdrawals at or above this (fen) from a device the member never used ask for an SMS code. */
export const STEP_UP_WITHDRAWAL_FEN = 500_000n;
/** The configured large-transaction threshold (大额交易, fen): one transaction at or above is listed daily. */
export const LARGE_TRANSACTION_FEN = 5_000_000n;
/** Structuring: this many transactions in a Shanghai day, each within 10% under the threshold. */
export const STRUCTURING_COUNT = 3;
/** Many cards into one account: this many distinct cards bound within 30 days. */
export const MANY_CARDS = 3;
/** Records are kept at least this long after an account closes (反洗钱: five years). */
export const RETENTION_YEARS = 5;
