import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import type { Outbox } from './events/outbox.js';
import type { PiiVault } from './security/pii.js';
import type { Redis } from './redis.js';
import type { InvalidationBus } from './invalidation-bus.js';
import type { Realtime } from './realtime/index.js';

/** What every module is built from. Modules get each other through their index.ts factories. */
export interface Platform {
  config: Config;
  db: Db;
  clock: Clock;
  vault: PiiVault;
  outbox: Outbox;
  logger: Logger;
  /** Present when REDIS_URL is set: state shared between instances. */
  redis?: Redis | undefined;
  /** Cache invalidation across instances (local only without Redis). */
  bus: InvalidationBus;
  realtime: Realtime;
}
