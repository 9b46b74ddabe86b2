import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';

export interface SuitabilityDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
}
