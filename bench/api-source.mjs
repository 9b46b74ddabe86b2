// Benchmarks that call API modules directly (bench/ledger, bench/accrual): bundle an entry file of
// re-exports from apps/api/src with esbuild, the way apps/api/build.mjs bundles the API, into .tmp/
// (git-ignored), and open a throwaway database for it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` (workspace packages in, npm packages out) and imports it. */
export async function importApiSource(entry, name) {
  const apiPkg = JSON.parse(fs.readFileSync(path.join(root, 'apps/api/package.json'), 'utf8'));
  const external = Object.keys(apiPkg.dependencies).filter((dep) => !dep.startsWith('@quanzi/'));
  const outfile = path.join(root, `.tmp/bench-${name}/${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...external, ...external.map((dep) => `${dep}/*`)],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return import(outfile);
}

/**
 * DATABASE_URL → a throwaway database `quanzi_bench_<name>_<ts>` on that server, dropped at the end;
 * otherwise the embedded PostgreSQL the API itself would start (`startEmbeddedPostgres` from the bundle).
 */
export async function openBenchDatabase(name, startEmbeddedPostgres) {
  if (process.env.DATABASE_URL) {
    const db = `quanzi_bench_${name}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${db}`;
    return {
      url: url.toString(),
      where: `database ${db} on ${url.host} (DATABASE_URL, TCP)`,
      cleanup: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `quanzi-bench-${name}-`));
  fs.chmodSync(dataDir, 0o777);
  const quiet = () => undefined;
  const embedded = await startEmbeddedPostgres({ dataDir, logger: { info: quiet, debug: quiet, warn: quiet } });
  return {
    url: embedded.url,
    where: 'embedded PostgreSQL (Unix socket), as `npm start` runs it',
    cleanup: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
