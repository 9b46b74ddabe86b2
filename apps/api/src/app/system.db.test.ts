import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_SECRET } from '../../test/harness.js';
import { loadConfig } from '../platform/config.js';
import { apiRoot } from '../platform/paths.js';
import { startSystem, type System } from './system.js';

const logger = pino({ level: 'silent' });
let database: TestDatabase | undefined;
let system: System | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
  await database?.drop();
});

async function start(role: string, extra: string[] = []) {
  database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, QUANZI_SECRET: TEST_SECRET, PORT: '0' } as NodeJS.ProcessEnv, [
    'node',
    'main',
    `--role=${role}`,
    ...extra,
  ]);
  system = await startSystem(config, logger, { listen: false });
  return system;
}

describe('one binary, three roles', () => {
  it('http serves requests but runs no jobs or dispatcher', async () => {
    const sys = await start('http');
    expect(sys.http).toBeDefined();
    expect(sys.scheduler).toBeUndefined();
    expect((await sys.http!.inject({ url: '/api/health' })).json()).toMatchObject({ status: 'ok', role: 'http' });
  });

  it('worker runs jobs and the dispatcher but serves nothing', async () => {
    const sys = await start('worker');
    expect(sys.http).toBeUndefined();
    expect((await sys.scheduler!.schedules()).map((s) => s.name)).toContain('purge-expired-credentials');
  });

  it('a server database gets demo data only with --demo', async () => {
    const plain = await start('http');
    expect(
      (
        await plain.http!.inject({
          method: 'POST',
          url: '/api/v1/console/auth/login',
          payload: { username: 'admin', password: 'Quanzi2026' },
        })
      ).statusCode,
    ).toBe(401);
    await system!.stop();
    system = undefined;
    await database!.drop();
    const demo = await start('http', ['--demo']);
    expect(
      (
        await demo.http!.inject({
          method: 'POST',
          url: '/api/v1/console/auth/login',
          payload: { username: 'admin', password: 'Quanzi2026' },
        })
      ).statusCode,
    ).toBe(200);
  });
});

/** Runs the real entry point (src/main.ts) the way an operator would run the built binary. */
const runMain = (args: string[], env: Record<string, string>) =>
  spawnSync(path.join(apiRoot(), '../../node_modules/.bin/vite-node'), [path.join(apiRoot(), 'src/main.ts'), '--', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('the binary on a server database', () => {
  it('will not start on DATABASE_URL without QUANZI_SECRET, and says why', () => {
    const result = runMain([], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', QUANZI_SECRET: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('QUANZI_SECRET is required with DATABASE_URL');
  });

  it('creates the first administrator from the command line, who can then log in', async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, QUANZI_SECRET: TEST_SECRET };
    const result = runMain(['--create-admin', '--username', 'boss', '--password', 'FirstAdmin2026', '--display-name', '首位管理员'], env);
    expect(result.stdout + result.stderr).toContain('Created administrator "boss"');
    expect(result.status).toBe(0);
    const config = loadConfig({ ...env, PORT: '0' } as NodeJS.ProcessEnv, ['node', 'main', '--role=http']);
    system = await startSystem(config, logger, { listen: false });
    const login = await system.http!.inject({
      method: 'POST',
      url: '/api/v1/console/auth/login',
      payload: { username: 'boss', password: 'FirstAdmin2026' },
    });
    expect(login.json().operator).toMatchObject({ displayName: '首位管理员', roles: ['admin'] });
  });
});
