import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/platform/db/embedded.js';
import { migrate } from '../src/platform/db/migrate.js';
import { migrationsDir } from '../src/platform/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
  }
}

const quiet = { info: () => undefined, warn: () => undefined, debug: () => undefined };

/**
 * Database tests run against a real PostgreSQL: the server in QUANZI_TEST_DATABASE_URL when set
 * (CI points it at PostgreSQL 15), otherwise an embedded one started here. The schema is migrated
 * once into a template database; each test file clones it (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.QUANZI_TEST_DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  if (!adminUrl) {
    if (process.env.CI === 'true' && process.env.QUANZI_TEST_REQUIRE_SERVER === '1')
      throw new Error('QUANZI_TEST_DATABASE_URL is required');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-test-pg-'));
    fs.chmodSync(dataDir, 0o777);
    embedded = await startEmbeddedPostgres({ dataDir, logger: quiet, durable: false });
    adminUrl = embedded.url;
  }
  const template = `quanzi_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  await migrate(pool, migrationsDir());
  await pool.end();
  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbTemplate', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
