import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { InvalidationBus } from '../../platform/invalidation-bus.js';
import type { AuditModule } from '../audit/index.js';

export interface OperatorsDeps {
  db: Db;
  clock: Clock;
  audit: AuditModule;
  /** Announces (after commit) that an operator's sessions or roles changed, to every instance. */
  bus: InvalidationBus;
}

/** Invalidation-bus topic: an operator's sessions or roles changed (key: operator id). */
export const OPERATOR_CHANGED = 'operators.operator';

/** Console sessions are short: a working day. */
export const OPERATOR_SESSION_TTL_MS = 12 * 3600_000;
export const OPERATOR_LOCK = { maxFailures: 5, minutes: 30 } as const;
