import { Redis } from 'ioredis';

/**
 * Redis joins instances: shared rate-limit counters now, real-time fan-out next. Optional — a
 * single instance runs without it.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
}
export type { Redis };
