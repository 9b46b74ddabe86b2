import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { Logger } from 'pino';
import type { AuditModule } from '../audit/index.js';

export interface LoyaltyDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Logger;
  audit: AuditModule;
  /** When the member registered (tenure growth); null if unknown. Read through identity's index.ts. */
  registeredAt(memberId: string): Promise<Date | null>;
}
