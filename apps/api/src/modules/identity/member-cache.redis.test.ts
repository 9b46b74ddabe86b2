import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { connectRedis, type Redis } from '../../platform/redis.js';

const url = process.env.QUANZI_TEST_REDIS_URL ?? process.env.REDIS_URL;

/** Two instances on one database: what one commits, the other's cache must not hide. */
describe.runIf(url)('member cache coherence across instances (Redis invalidation)', () => {
  let a: TestSystem;
  let b: TestSystem;
  const clients: Redis[] = [];
  beforeAll(async () => {
    clients.push(connectRedis(url!), connectRedis(url!));
    a = await createTestSystem({ demo: true, redis: clients[0] });
    // Instance B serves the same database as A.
    b = await createTestSystem({ redis: clients[1], database: a.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    for (const c of clients) await c.quit();
  });

  const login = async (sys: TestSystem) =>
    (await call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: '13800000002', password: 'Quanzi2026' } })).json()
      .token as string;

  it('a profile change committed on B shows on A at once', async () => {
    const token = await login(a);
    expect((await call(a.app, { url: '/api/v1/me', token })).json().realName).toBeNull();
    const verified = await call(b.app, {
      method: 'POST',
      url: '/api/v1/me/real-name',
      token,
      body: { name: '周宁', idNumber: '310101198511221237' },
    });
    expect(verified.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect((await call(a.app, { url: '/api/v1/me', token })).json().realName.nameMasked).toBe('周*');
  });

  it('a session revoked on B is refused by A at once', async () => {
    const token = await login(a);
    expect((await call(a.app, { url: '/api/v1/me', token })).statusCode).toBe(200);
    expect((await call(b.app, { method: 'POST', url: '/api/v1/auth/logout', token })).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 100));
    expect((await call(a.app, { url: '/api/v1/me', token })).statusCode).toBe(401);
  });
});
