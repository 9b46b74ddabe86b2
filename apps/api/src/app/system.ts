import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { OffsetClock, systemClock, type Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { connect, type Database } from '../platform/db/connect.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/db/embedded.js';
import { migrate } from '../platform/db/migrate.js';
import { Outbox } from '../platform/events/outbox.js';
import type { HttpApp } from '../platform/http/types.js';
import { Scheduler } from '../platform/jobs/scheduler.js';
import { migrationsDir } from '../platform/paths.js';
import { createPiiVault } from '../platform/security/pii.js';
import { connectRedis } from '../platform/redis.js';
import { InvalidationBus } from '../platform/invalidation-bus.js';
import { createRealtime } from '../platform/realtime/index.js';
import { subscribeRealtime } from '../modules/realtime/index.js';
import type { Platform } from '../platform/context.js';
import { seedDemoData } from './demo-seed.js';
import { buildHttpApp } from './http.js';
import { createModules, cronJobs, registerJobs, type Modules } from './modules.js';
import { installTestHooks } from './test-hooks.js';
import { embeddedSecret } from './secret.js';

export interface System {
  platform: Platform;
  modules: Modules;
  http: HttpApp | undefined;
  scheduler: Scheduler | undefined;
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Apply migrations and exit (npm run db:migrate). */
  migrateOnly?: boolean;
  listen?: boolean;
}

/**
 * Starts Quanzi in the configured role: the database (embedded or external), migrations under an
 * advisory lock, demo data when asked, then the HTTP server and/or the worker (outbox + jobs).
 */
export async function startSystem(config: Config, logger: Logger, options: StartOptions = {}): Promise<System> {
  const testClock = process.env.QUANZI_TEST_CLOCK === '1' ? new OffsetClock() : undefined;
  if (testClock) logger.warn('QUANZI_TEST_CLOCK=1: the clock can be moved over HTTP (/api/test/clock). Never use this in production.');
  const clock = options.clock ?? testClock ?? systemClock;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((err: unknown) => logger.error({ err }, 'error during shutdown'));
  };
  try {
    let embedded: EmbeddedDatabase | undefined;
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, durable: process.env.QUANZI_EMBEDDED_FAST !== '1' });
      stops.push(() => embedded!.stop());
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const database: Database = connect(databaseUrl);
    stops.push(() => database.close());
    const applied = await migrate(database.pool, migrationsDir());
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const secret = config.secret ?? embeddedSecret(config.dataDir);
    const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
    if (redis) stops.push(async () => void (await redis.quit()));
    const bus = new InvalidationBus(redis, logger);
    if (redis) {
      const subscriber = redis.duplicate();
      stops.push(async () => void (await subscriber.quit()));
      await bus.connect(subscriber);
    }
    const realtime = await createRealtime(database.db, clock, redis);
    stops.push(() => realtime.log.close());
    if (!redis && config.role !== 'all')
      logger.warn('without REDIS_URL, real-time events reach only sockets on the instance that runs the worker');
    const platform: Platform = {
      config,
      db: database.db,
      clock,
      vault: createPiiVault(secret, config.previousSecrets),
      outbox: new Outbox(database.db, database.pool, logger),
      logger,
      redis,
      bus,
      realtime,
    };
    const modules = createModules(platform);
    await modules.charter.ensureFirstVersion();
    if (options.migrateOnly) return { platform, modules, http: undefined, scheduler: undefined, databaseUrl, stop };
    if (config.demo) await seedDemoData(platform, modules);

    let scheduler: Scheduler | undefined;
    if (config.role !== 'http') {
      subscribeRealtime(platform.outbox, realtime.publisher);
      modules.notifications.subscribe();
      modules.communityOps.subscribe();
      modules.analytics.subscribe();
      modules.wallet.subscribe();
      modules.loyalty.subscribe();
      modules.newbie.subscribe();
      modules.lottery.subscribe();
      modules.mall.subscribe();
      modules.referral.subscribe();
      modules.growth.subscribe();
      modules.risk.subscribe();
      await platform.outbox.start();
      stops.push(() => platform.outbox.stop());
      scheduler = new Scheduler(database.pool, clock, logger);
      registerJobs(scheduler, modules, platform.db);
      modules.sandboxGateway.startDelivery();
      stops.push(() => modules.sandboxGateway.stopDelivery());
      modules.wechatPaySandbox.startDelivery();
      stops.push(() => modules.wechatPaySandbox.stopDelivery());
      modules.notifications.startDelivery();
      stops.push(() => modules.notifications.stopDelivery());
      await scheduler.start();
      stops.push(() => scheduler!.stop());
    }
    let http: HttpApp | undefined;
    if (config.role !== 'worker') {
      http = await buildHttpApp(
        { ...platform, config: { ...config, webRoot: config.webRoot ?? path.resolve(migrationsDir(), '..', '..') } },
        modules,
        logger,
      );
      if (testClock) installTestHooks(http, testClock, cronJobs(modules, platform.db));
      stops.push(() => http!.close());
      if (options.listen !== false) {
        await http.listen({ host: config.host, port: config.port });
        // Listening on a free port (PORT=0): the gateway must call back where we actually are.
        if (config.port === 0 && !process.env.PUBLIC_ORIGIN)
          platform.config.publicOrigin = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
      }
    }
    return { platform, modules, http, scheduler, databaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
