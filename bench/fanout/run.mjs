// bench/fanout: N WebSocket clients on one channel; 20 broadcasts 200 ms apart, then a burst of 100.
// Prints p50/p99/max delivery latency, deliveries/s and losses for Quanzi (HTTP broadcast → outbox →
// channel log → hub → sockets) next to a bare `ws` broadcast server in the same run.
// Target: p99 ≤ 1.5× the bare server at 10,000 clients, 0 lost. Run with `ulimit -n 20000`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, table, waitForHealth } from '../lib.mjs';
import { openClients, percentile } from './clients.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const sizes = (process.env.BENCH_CLIENTS ?? '1000,5000,10000').split(',').map(Number);
const SPACED = 20;
const BURST = 100;

async function quanzi() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-fanout-'));
  fs.chmodSync(dataDir, 0o777);
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      QUANZI_DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/api/health`);
  const post = async (p, body, headers = {}) =>
    (
      await fetch(`${base}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, ...headers },
        body: JSON.stringify(body),
      })
    ).json();
  // One member's session on every socket: the benchmark measures fan-out, not 10,000 logins.
  const member = await post('/api/v1/auth/login', { phone: '13800000001', password: 'Quanzi2026' });
  const admin = await post('/api/v1/console/auth/login', { username: 'admin', password: 'Quanzi2026' });
  const channel = `user:${member.member.id}`;
  return {
    name: 'Quanzi /ws',
    url: `ws://127.0.0.1:${port}/ws`,
    headers: { origin: base, cookie: `qz_session=${member.token}` },
    channel,
    send: (data) =>
      fetch(`${base}/api/v1/console/realtime/broadcast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ channel, name: 'bench', data }),
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function bare() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(here, 'bare-server.mjs')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise((r) => setTimeout(r, 500));
  return {
    name: 'bare ws (baseline)',
    url: `ws://127.0.0.1:${port}`,
    headers: {},
    channel: 'bench',
    send: (data) => fetch(`http://127.0.0.1:${port}/broadcast`, { method: 'POST', body: JSON.stringify(data) }),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function measure(target, count) {
  const clients = await openClients({ count, url: target.url, headers: target.headers, channel: target.channel });
  await new Promise((r) => setTimeout(r, 500));
  const started = Date.now();
  let seq = 0;
  for (let i = 0; i < SPACED; i++) {
    await target.send({ sentAt: Date.now(), seq: seq++ });
    await new Promise((r) => setTimeout(r, 200));
  }
  await Promise.all(Array.from({ length: BURST }, () => target.send({ sentAt: Date.now(), seq: seq++ })));
  const expected = count * (SPACED + BURST);
  const deadline = Date.now() + 60_000;
  while (clients.stats().received < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const { received, latencies, lastReceivedAt } = clients.stats();
  await clients.close();
  return {
    target: target.name,
    clients: count,
    'p50 ms': percentile(latencies, 50),
    'p99 ms': percentile(latencies, 99),
    'max ms': latencies.reduce((m, v) => (v > m ? v : m), 0),
    'deliveries/s': Math.round(received / ((lastReceivedAt - started) / 1000)),
    lost: expected - received,
  };
}

const rows = [];
const verdicts = [];
const q = await quanzi();
const b = await bare();
try {
  for (const n of sizes) {
    const baseline = await measure(b, n);
    const ours = await measure(q, n);
    rows.push(baseline, ours);
    verdicts.push(
      `${n} clients: p99 ${ours['p99 ms']} ms vs ${baseline['p99 ms']} ms (${(ours['p99 ms'] / Math.max(1, baseline['p99 ms'])).toFixed(2)}×), lost ${ours.lost}`,
    );
  }
} finally {
  await q.stop();
  await b.stop();
}
console.log(`\nbench/fanout — ${SPACED} broadcasts 200 ms apart + a burst of ${BURST}, one channel, loopback, ${os.cpus().length} cores\n`);
console.log(table(rows));
const last = rows.slice(-2);
const ok = last[1]['p99 ms'] <= 1.5 * Math.max(1, last[0]['p99 ms']) && last[1].lost === 0;
console.log(`\n${verdicts.join('\n')}\nTarget at ${sizes.at(-1)} clients (p99 ≤ 1.5× bare, 0 lost): ${ok ? 'MET' : 'NOT MET'}`);
