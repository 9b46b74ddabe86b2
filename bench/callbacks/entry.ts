// What bench/callbacks/run.mjs needs from the API's TypeScript source, bundled with esbuild at start
// (into .tmp/, git-ignored) like bench/ledger: the real modules, HTTP app and callback route.
import pino from 'pino';
import { buildHttpApp } from '../../apps/api/src/app/http.js';
import { createModules } from '../../apps/api/src/app/modules.js';
import { systemClock } from '../../apps/api/src/platform/clock.js';
import { loadConfig } from '../../apps/api/src/platform/config.js';
import type { Platform } from '../../apps/api/src/platform/context.js';
import { connect } from '../../apps/api/src/platform/db/connect.js';
import { migrate } from '../../apps/api/src/platform/db/migrate.js';
import { Outbox } from '../../apps/api/src/platform/events/outbox.js';
import { InvalidationBus } from '../../apps/api/src/platform/invalidation-bus.js';
import { createRealtime } from '../../apps/api/src/platform/realtime/index.js';
import { createPiiVault } from '../../apps/api/src/platform/security/pii.js';

export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { transact } from '../../apps/api/src/platform/db/transact.js';
export { Accounts, credit, debit } from '../../apps/api/src/modules/ledger/index.js';
export { notifySignContent, rsa2Sign } from '../../apps/api/src/sandbox-gateway/alipay-sign.js';

const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** The whole API on `url` (migrated), HTTP role only: requests go through `app.inject`, no worker loops. */
export async function createBenchSystem(url: string, poolSize: number, migrationsDir: string) {
  const { db, pool } = connect(url, { max: poolSize });
  const logger = pino({ level: 'silent' });
  await migrate(pool, migrationsDir);
  const config = {
    ...loadConfig({ QUANZI_SECRET: SECRET, PORT: '3000' } as NodeJS.ProcessEnv, ['node', 'main']),
    databaseUrl: url,
    globalRateLimit: 1e9,
  };
  const clock = systemClock;
  const realtime = await createRealtime(db, clock, undefined, { prefix: 'bench' });
  const platform: Platform = {
    config,
    db,
    clock,
    vault: createPiiVault(SECRET, []),
    outbox: new Outbox(db, pool, logger),
    logger,
    redis: undefined,
    bus: new InvalidationBus(undefined, logger),
    realtime,
  };
  const modules = createModules(platform);
  const app = await buildHttpApp(platform, modules, logger, {});
  await app.ready();
  return {
    app,
    db,
    pool,
    modules,
    async close() {
      await app.close();
      await realtime.log.close();
      await db.destroy();
    },
  };
}
