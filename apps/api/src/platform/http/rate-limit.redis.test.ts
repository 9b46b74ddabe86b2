import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { connectRedis, type Redis } from '../redis.js';

const url = process.env.QUANZI_TEST_REDIS_URL ?? process.env.REDIS_URL;

/** Two instances behind one load balancer share one budget per client when REDIS_URL is set. */
describe.runIf(url)('rate limits shared across instances through Redis', () => {
  let a: TestSystem;
  let b: TestSystem;
  let redisA: Redis;
  let redisB: Redis;
  beforeAll(async () => {
    redisA = connectRedis(url!);
    redisB = connectRedis(url!);
    const prefix = `${Date.now()}-${Math.random()}`;
    a = await createTestSystem({ config: { globalRateLimit: 4 }, redis: redisA, rateLimitNamespace: prefix });
    b = await createTestSystem({ config: { globalRateLimit: 4 }, redis: redisB, rateLimitNamespace: prefix });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await redisA.quit();
    await redisB.quit();
  });

  it('counts requests made to either instance against the same limit', async () => {
    const ip = '198.51.100.7';
    const statuses = [];
    for (const sys of [a, b, a, b, a]) statuses.push((await call(sys.app, { url: '/api/health', ip })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('reports Redis in the health check', async () => {
    expect((await call(a.app, { url: '/api/health' })).json().redis).toBe('ok');
  });
});
