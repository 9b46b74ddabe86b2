// npm run bench [-- startup|http|fanout|reconnect|ledger|accrual|chat|send|callbacks|grants|funnel|ingest|risk]: builds first, then runs each benchmark with the
// file-descriptor limit raised (10,000 sockets each side); each prints ours vs its baseline.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const chosen = process.argv.slice(2);
const all = [
  'startup',
  'http',
  'fanout',
  'reconnect',
  'ledger',
  'accrual',
  'chat',
  'send',
  'callbacks',
  'grants',
  'funnel',
  'ingest',
  'risk',
];
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
for (const name of chosen.length ? chosen : all) {
  const script = path.join(here, name, 'run.mjs');
  const r = spawnSync('bash', ['-c', `ulimit -n 20000 2>/dev/null || ulimit -n 4096; exec "${process.execPath}" "${script}"`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
