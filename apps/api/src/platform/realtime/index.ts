import type { Clock } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { Redis } from '../redis.js';
import { MemoryChannelLog, type BacklogLimits, type ChannelLog } from './channel-log.js';
import { RealtimePublisher } from './publisher.js';
import { RedisChannelLog } from './redis-channel-log.js';
import { RealtimeTickets } from './tickets.js';

export { RealtimeHub } from './hub.js';
export { installRealtimeEndpoint } from './endpoint.js';
export type { RealtimePrincipal, ChannelAuthorizer } from './principal.js';
export type { ChannelLog } from './channel-log.js';
export { RealtimePublisher } from './publisher.js';
export { RealtimeTickets } from './tickets.js';

export interface Realtime {
  log: ChannelLog;
  publisher: RealtimePublisher;
  tickets: RealtimeTickets;
}

/**
 * With Redis the channel log is shared (ids assigned atomically there, backlog readable by every
 * instance); without it, one instance keeps it in memory.
 */
export async function createRealtime(
  db: Db,
  clock: Clock,
  redis: Redis | undefined,
  options: { prefix?: string; limits?: BacklogLimits } = {},
): Promise<Realtime> {
  let log: ChannelLog;
  if (redis) {
    const subscriber = redis.duplicate();
    const redisLog = new RedisChannelLog(redis, subscriber, options.limits, options.prefix);
    await redisLog.start();
    log = Object.assign(redisLog, {
      close: async () => {
        await RedisChannelLog.prototype.close.call(redisLog);
        await subscriber.quit().catch(() => undefined);
      },
    });
  } else {
    log = new MemoryChannelLog(options.limits);
  }
  return { log, publisher: new RealtimePublisher(log, clock), tickets: new RealtimeTickets(db, clock) };
}
