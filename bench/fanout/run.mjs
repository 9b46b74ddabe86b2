// bench/fanout: N WebSocket clients on one channel; 20 broadcasts 200 ms apart, then a burst of 100.
// Prints p50/p99/max delivery latency, deliveries/s and losses for Quanzi (HTTP broadcast → outbox →
// channel log → hub → sockets) next to a bare `ws` broadcast server in the same run.
// Target: p99 ≤ 1.5× the bare server at 10,000 clients, 0 lost. Run with `ulimit -n 20000`.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, table } from '../lib.mjs';
import { benchSessions, canRunTwoInstances, quanziInstances } from '../instances.mjs';
import { openClients, percentile } from './clients.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.BENCH_CLIENTS ?? '1000,5000,10000').split(',').map(Number);
const SPACED = 20;
const BURST = 100;

/** Quanzi on one instance, or on two joined by Redis with half the sockets on each (broadcasts enter through the first). */
async function quanzi(two) {
  const { list, cleanup } = await quanziInstances({ two });
  const { channel, headersFor, broadcast } = await benchSessions(list[0].base);
  return {
    name: two ? 'Quanzi /ws, 2 instances + Redis' : 'Quanzi /ws',
    endpoints: list.map((inst) => ({ url: inst.ws, headers: headersFor(inst) })),
    channel,
    send: (data) => broadcast('bench', data),
    stop: cleanup,
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
    endpoints: [{ url: `ws://127.0.0.1:${port}`, headers: {} }],
    channel: 'bench',
    send: (data) => fetch(`http://127.0.0.1:${port}/broadcast`, { method: 'POST', body: JSON.stringify(data) }),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Spreads `count` sockets evenly over the target's endpoints and merges their statistics. */
async function openSpread(target, count) {
  const n = target.endpoints.length;
  const groups = await Promise.all(
    target.endpoints.map((e, i) =>
      openClients({ count: Math.floor(count / n) + (i < count % n ? 1 : 0), url: e.url, headers: e.headers, channel: target.channel }),
    ),
  );
  return {
    stats: () => {
      const all = groups.map((g) => g.stats());
      return {
        received: all.reduce((s, x) => s + x.received, 0),
        latencies: all.flatMap((x) => x.latencies),
        lastReceivedAt: Math.max(...all.map((x) => x.lastReceivedAt)),
      };
    },
    close: () => Promise.all(groups.map((g) => g.close())),
  };
}

async function measure(target, count) {
  const clients = await openSpread(target, count);
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
const b = await bare();
const variants = [false, ...(canRunTwoInstances() ? [true] : [])];
let met = true;
try {
  for (const two of variants) {
    const q = await quanzi(two);
    try {
      for (const n of sizes) {
        const baseline = await measure(b, n);
        const ours = await measure(q, n);
        rows.push(baseline, ours);
        const ratio = ours['p99 ms'] / Math.max(1, baseline['p99 ms']);
        verdicts.push(
          `${q.name}, ${n} clients: p99 ${ours['p99 ms']} ms vs ${baseline['p99 ms']} ms (${ratio.toFixed(2)}×), lost ${ours.lost}`,
        );
        if (n === sizes.at(-1)) met &&= ratio <= 1.5 && ours.lost === 0;
      }
    } finally {
      await q.stop();
    }
  }
} finally {
  await b.stop();
}
console.log(`\nbench/fanout — ${SPACED} broadcasts 200 ms apart + a burst of ${BURST}, one channel, loopback, ${os.cpus().length} cores\n`);
console.log(table(rows));
if (variants.length === 1) console.log('\n(two-instance variant skipped: set DATABASE_URL and REDIS_URL)');
console.log(`\n${verdicts.join('\n')}\nTarget at ${sizes.at(-1)} clients (p99 ≤ 1.5× bare, 0 lost): ${met ? 'MET' : 'NOT MET'}`);
