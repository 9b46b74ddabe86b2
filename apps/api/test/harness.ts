import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { LightMyRequestResponse } from 'fastify';
import { buildHttpApp } from '../src/app/http.js';
import { createModules, type Modules } from '../src/app/modules.js';
import { ManualClock } from '../src/platform/clock.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import type { Platform } from '../src/platform/context.js';
import { Outbox } from '../src/platform/events/outbox.js';
import type { HttpApp } from '../src/platform/http/types.js';
import { createPiiVault } from '../src/platform/security/pii.js';
import type { Redis } from '../src/platform/redis.js';
import { InvalidationBus } from '../src/platform/invalidation-bus.js';
import { createRealtime } from '../src/platform/realtime/index.js';
import { subscribeRealtime } from '../src/modules/realtime/index.js';
import { seedDemoData } from '../src/app/demo-seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { connect } from '../src/platform/db/connect.js';

const connectTo = async (url: string) => connect(url, { max: 10 });

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const ORIGIN = 'http://127.0.0.1:3000';

export interface TestSystem {
  app: HttpApp;
  platform: Platform;
  modules: Modules;
  clock: ManualClock;
  database: TestDatabase;
  /** Every log line written during the test, to assert that no personal data leaks into logs. */
  logs: string[];
  /** Base URL when started with `listen`. */
  url: string;
  close(): Promise<void>;
}

export interface TestSystemOptions {
  config?: Partial<Config>;
  demo?: boolean;
  redis?: Redis;
  /** Isolates this run's Redis rate-limit counters from other runs sharing the server. */
  rateLimitNamespace?: string;
  /** A second instance on the first one's database (the first one drops it). */
  database?: TestDatabase;
  /** Shares the real-time key space of another test system (two instances, one Redis). */
  realtimePrefix?: string;
  /** Listen on a free port (WebSocket tests) and run the worker side: outbox dispatch to channels. */
  listen?: boolean;
  backlog?: { maxEvents: number; maxAgeMs: number };
}

/** The whole API on a fresh database, driven through `app.inject` — no port, no network. */
export async function createTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const shared = options.database;
  const database = shared
    ? { ...(await connectTo(shared.url)), url: shared.url, name: shared.name, drop: async () => undefined }
    : await createTestDatabase();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const config: Config = {
    ...loadConfig({ QUANZI_SECRET: TEST_SECRET, PORT: '3000' } as NodeJS.ProcessEnv, ['node', 'main']),
    databaseUrl: database.url,
    ...options.config,
  };
  const clock = new ManualClock(new Date('2026-11-24T02:00:00Z'));
  // Each test system gets its own Redis key space unless it joins another instance's.
  const realtime = await createRealtime(database.db, clock, options.redis, {
    prefix: `quanzi:test:${options.realtimePrefix ?? database.name}`,
    ...(options.backlog ? { limits: options.backlog } : {}),
  });
  const platform: Platform = {
    config,
    db: database.db,
    clock,
    vault: createPiiVault(config.secret ?? TEST_SECRET, config.previousSecrets),
    outbox: new Outbox(database.db, database.pool, logger),
    logger,
    redis: options.redis,
    bus: new InvalidationBus(options.redis, logger),
    realtime,
  };
  const subscriber = options.redis?.duplicate();
  if (subscriber) await platform.bus.connect(subscriber);
  const modules = createModules(platform);
  await modules.charter.ensureFirstVersion();
  if (options.demo) await seedDemoData(platform, modules);
  const app = await buildHttpApp(platform, modules, logger, { rateLimitNamespace: options.rateLimitNamespace });
  await app.ready();
  let url = '';
  // Tests without the worker loop deliver the inbox's events with `platform.outbox.drainAll()`.
  modules.notifications.subscribe();
  modules.communityOps.subscribe();
  modules.analytics.subscribe();
  modules.wallet.subscribe();
  modules.loyalty.subscribe();
  modules.lottery.subscribe();
  modules.mall.subscribe();
  modules.referral.subscribe();
  modules.growth.subscribe();
  modules.risk.subscribe();
  if (options.listen) {
    subscribeRealtime(platform.outbox, realtime.publisher);
    await platform.outbox.start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
    platform.config.publicOrigin = url;
    modules.sandboxGateway.startDelivery();
  }
  return {
    app,
    platform,
    modules,
    clock,
    database,
    logs,
    url,
    async close() {
      await modules.sandboxGateway.stopDelivery();
      await app.close();
      await platform.outbox.stop();
      await realtime.log.close();
      await subscriber?.quit();
      if (shared) await database.close();
      else await database.drop();
    },
  };
}

export interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** Bytes sent as they are (uploads); give their content type in `headers`. */
  rawBody?: Buffer;
  /** Client address; a random one by default so per-IP rate limits only trip where a test means to. */
  ip?: string;
}

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** A JSON request as a same-origin browser or a bearer client would send it. */
export async function call(
  app: HttpApp,
  { method = 'GET', url, body, rawBody, token, headers = {}, ip = randomIp() }: Call,
): Promise<LightMyRequestResponse & { json<T = any>(): T }> {
  return app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: {
      origin: ORIGIN,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    ...(rawBody !== undefined ? { payload: rawBody } : {}),
  });
}
