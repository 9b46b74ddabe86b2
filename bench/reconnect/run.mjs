// bench/reconnect: 5,000 subscribed clients drop and come back within 5 s with their last ids (half
// to the other instance when DATABASE_URL and REDIS_URL give us two), while events keep flowing.
// Prints the time until all have resumed, losses, and /api/health p99 during the storm, next to
// 5,000 plain reconnects to a bare `ws` server. Targets: nothing lost, health p99 < 200 ms.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort, table } from '../lib.mjs';
import { benchSessions, canRunTwoInstances, quanziInstances } from '../instances.mjs';
import { percentile } from '../fanout/clients.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const COUNT = Number(process.env.BENCH_CLIENTS ?? 5000);
const WINDOW_MS = 5000;
const twoInstances = canRunTwoInstances();

function client(url, headers, channel, lastId, onEvent) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', channel, lastId })));
    ws.on('message', (raw) => {
      const f = JSON.parse(raw);
      if (f.type === 'subscribed') resolve({ ws, head: f.lastId });
      else if (f.type === 'event') onEvent(Number(f.id));
      else if (f.type === 'resync') reject(new Error('resync'));
    });
  });
}

async function quanziStorm() {
  const { list, cleanup } = await quanziInstances({ two: twoInstances });
  const [a] = list;
  const { channel, headersFor, broadcast } = await benchSessions(a.base);
  const publish = () => broadcast('storm', {});
  const seen = Array.from({ length: COUNT }, () => new Set());
  const sockets = [];
  for (let i = 0; i < COUNT; i += 200) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(200, COUNT - i) }, (_, k) =>
        client(list[0].ws, headersFor(list[0]), channel, null, (id) => seen[i + k].add(id)),
      ),
    );
    sockets.push(...batch.map((b) => b.ws));
  }
  for (let i = 0; i < 5; i++) await publish();
  await new Promise((r) => setTimeout(r, 1000));
  const lastIds = seen.map((s) => Math.max(0, ...s));

  const health = [];
  let storming = true;
  const probe = (async () => {
    while (storming) {
      const t0 = performance.now();
      await fetch(`${a.base}/api/health`);
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const t0 = Date.now();
  for (const ws of sockets) ws.terminate();
  const publisher = (async () => {
    for (let i = 0; i < 20; i++) {
      await publish();
      await new Promise((r) => setTimeout(r, WINDOW_MS / 20));
    }
  })();
  let failures = 0;
  const back = await Promise.all(
    lastIds.map(
      (lastId, i) =>
        new Promise((resolve) =>
          setTimeout(() => {
            const inst = list[i % list.length];
            client(inst.ws, headersFor(inst), channel, String(lastId), (id) => seen[i].add(id)).then(
              resolve,
              () => (failures++, resolve(null)),
            );
          }, Math.random() * WINDOW_MS),
        ),
    ),
  );
  await publisher;
  const head = 25;
  const deadline = Date.now() + 30_000;
  while (seen.some((s) => s.size < head) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const resumedMs = Date.now() - t0;
  storming = false;
  await probe;
  const lost = seen.reduce((n, s) => n + Math.max(0, head - s.size), 0);
  for (const b of back) b?.ws.terminate();
  await cleanup();
  return {
    run: `Quanzi, ${list.length} instance${list.length > 1 ? 's' : ''}`,
    clients: COUNT,
    'all resumed (s)': (resumedMs / 1000).toFixed(2),
    'events lost': lost + failures * head,
    'health p99 ms': percentile(health, 99).toFixed(1),
  };
}

async function bareStorm() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(here, '../fanout/bare-server.mjs')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise((r) => setTimeout(r, 500));
  const url = `ws://127.0.0.1:${port}`;
  const sockets = [];
  for (let i = 0; i < COUNT; i += 200)
    sockets.push(
      ...(await Promise.all(Array.from({ length: Math.min(200, COUNT - i) }, () => client(url, {}, 'bench', null, () => undefined)))).map(
        (b) => b.ws,
      ),
    );
  const t0 = Date.now();
  for (const ws of sockets) ws.terminate();
  const back = await Promise.all(
    sockets.map(
      () =>
        new Promise((resolve) =>
          setTimeout(() => client(url, {}, 'bench', null, () => undefined).then(resolve), Math.random() * WINDOW_MS),
        ),
    ),
  );
  const ms = Date.now() - t0;
  for (const b of back) b.ws.terminate();
  child.kill('SIGTERM');
  return {
    run: 'bare ws, plain reconnects (baseline)',
    clients: COUNT,
    'all resumed (s)': (ms / 1000).toFixed(2),
    'events lost': '–',
    'health p99 ms': '–',
  };
}

const baseline = await bareStorm();
const ours = await quanziStorm();
console.log(
  `\nbench/reconnect — ${COUNT} clients drop and reconnect within ${WINDOW_MS / 1000} s while 20 events are published, ${os.cpus().length} cores\n`,
);
console.log(table([baseline, ours]));
console.log(
  `\nnothing lost: ${ours['events lost'] === 0 ? 'MET' : 'NOT MET'} · health p99 < 200 ms: ${Number(ours['health p99 ms']) < 200 ? 'MET' : 'NOT MET'}`,
);
