// bench/http: authenticated GET /api/v1/me (session lookup + profile with decrypted, masked fields)
// against a bare Fastify hello-world, both driven by autocannon on loopback in the same run.
// Target: Quanzi reaches at least 30% of the bare route's requests per second.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, table, waitForHealth } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

const run = (url, headers = {}) =>
  new Promise((resolve, reject) =>
    autocannon({ url, connections, duration: seconds, headers }, (err, r) => (err ? reject(err) : resolve(r))),
  );

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-http-'));
fs.chmodSync(dataDir, 0o777);
const qPort = await freePort();
const quanzi = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
  env: {
    ...process.env,
    PORT: String(qPort),
    QUANZI_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  },
  stdio: 'inherit',
});
const hPort = await freePort();
const hello = spawn(process.execPath, [path.join(here, 'hello.mjs')], {
  env: { ...process.env, PORT: String(hPort) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitForHealth(`http://127.0.0.1:${qPort}/api/health`);
  await waitForHealth(`http://127.0.0.1:${hPort}/hello`);
  const login = await fetch(`http://127.0.0.1:${qPort}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '13800000001', password: 'Quanzi2026' }),
  });
  const { token } = await login.json();
  // Warm both up so JIT and connection pools are steady before measuring.
  await Promise.all(
    [run(`http://127.0.0.1:${hPort}/hello`), run(`http://127.0.0.1:${qPort}/api/v1/me`, { authorization: `Bearer ${token}` })].map((p) =>
      p.catch(() => undefined),
    ),
  );
  // Interleaved rounds, median of each: a burst of background load on this 2-core machine skews
  // one run, not the comparison.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const bares = [];
  const mes = [];
  for (let i = 0; i < rounds; i++) {
    bares.push(await run(`http://127.0.0.1:${hPort}/hello`));
    mes.push(await run(`http://127.0.0.1:${qPort}/api/v1/me`, { authorization: `Bearer ${token}` }));
  }
  const median = (results) => results.sort((a, b) => a.requests.average - b.requests.average)[Math.floor(results.length / 2)];
  const bare = median(bares);
  const me = median(mes);
  if (mes.some((r) => r.non2xx)) throw new Error('GET /me returned non-2xx responses');
  const ratio = me.requests.average / bare.requests.average;
  console.log(
    `\nbench/http — ${connections} connections, ${rounds} interleaved rounds of ${seconds} s (medians), loopback, ${os.cpus().length} cores\n`,
  );
  console.log(
    table([
      {
        route: 'bare Fastify GET /hello (baseline)',
        'req/s': Math.round(bare.requests.average),
        'p50 ms': bare.latency.p50,
        'p99 ms': bare.latency.p99,
      },
      {
        route: 'Quanzi GET /api/v1/me (Bearer)',
        'req/s': Math.round(me.requests.average),
        'p50 ms': me.latency.p50,
        'p99 ms': me.latency.p99,
      },
    ]),
  );
  console.log(`\nQuanzi /me = ${(ratio * 100).toFixed(1)}% of the bare route (target ≥ 30%): ${ratio >= 0.3 ? 'MET' : 'NOT MET'}`);
} finally {
  quanzi.kill('SIGTERM');
  hello.kill('SIGTERM');
  await new Promise((r) => quanzi.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
