// bench/ingest: browser events per second through POST /api/v1/events on the built server (batches
// of 50 — the SDK's largest — with 16 concurrent senders, each request from its own address and
// anonymous id so the per-IP/per-id limits measure nothing but the route) next to a bare COPY of the
// same number of rows into analytics_events on an embedded PostgreSQL, in the same run.
// Size: --events=N (default 50000). Issue floor: the route ≥ 0.3× the bare COPY. Measured on the shared
// 2-core machine: 0.11× at 50 a batch (0.22× with a 200-event cap, tried and not kept: per-event drop
// codes need the batch to fit the 256 KB body limit).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';
import { freePort, table, waitForHealth } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const EVENTS = arg('events', 50_000);
const BATCH = Math.min(50, Number(process.env.BENCH_BATCH ?? 50));
const SENDERS = 16;
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

const event = (anon, i, now) => ({
  name: i % 5 === 0 ? 'click' : 'page_view',
  anonymousId: anon,
  timestamp: new Date(now - (i % 600) * 1000).toISOString(),
  properties: { path: `/products/${i % 40}`, utm_source: ['wechat', 'douyin', 'baidu'][i % 3] },
});

// --- the route, on the built server ---
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-ingest-'));
fs.chmodSync(dataDir, 0o777);
const port = await freePort();
const server = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
  env: {
    ...process.env,
    PORT: String(port),
    QUANZI_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    TRUST_PROXY: '1',
  },
  stdio: 'inherit',
});
let routeSeconds;
let accepted = 0;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/api/health`);
  const batches = Math.ceil(EVENTS / BATCH);
  const bodies = Array.from({ length: batches }, (_, b) => {
    const anon = `bench${crypto.randomBytes(8).toString('hex')}`;
    return JSON.stringify({
      events: Array.from({ length: Math.min(BATCH, EVENTS - b * BATCH) }, (_, i) => event(anon, b * BATCH + i, Date.now())),
    });
  });
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const b = next++;
        const res = await fetch(`${base}/api/v1/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: base,
            'user-agent': UA,
            'x-forwarded-for': `10.${(b >> 16) & 255}.${(b >> 8) & 255}.${b & 255}`,
          },
          body: bodies[b],
        });
        if (res.status !== 200) throw new Error(`POST /api/v1/events: ${res.status} ${await res.text()}`);
        accepted += (await res.json()).accepted;
      }
    }),
  );
  routeSeconds = (performance.now() - t) / 1000;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
if (accepted !== EVENTS) throw new Error(`accepted ${accepted} of ${EVENTS}`);

// --- the baseline: a bare COPY of as many rows into the same table ---
const { migrate, startEmbeddedPostgres } = await importApiSource(path.join(here, 'entry.ts'), 'ingest');
const database = await openBenchDatabase('ingest', startEmbeddedPostgres);
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
let copySeconds;
let how = 'COPY … FROM file (server-side)';
try {
  await migrate(pool, path.join(root, 'apps/api/migrations'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-ingest-csv-'));
  fs.chmodSync(dir, 0o777);
  const csv = path.join(dir, 'events.csv');
  const now = Date.now();
  const lines = [];
  for (let i = 0; i < EVENTS; i++) {
    const e = event(`bench${Math.floor(i / BATCH)}`, i, now);
    lines.push(
      [
        crypto.randomUUID(),
        e.name,
        'client',
        e.anonymousId,
        e.timestamp,
        new Date(now).toISOString(),
        e.properties.utm_source,
        'ios',
        `"${JSON.stringify(e.properties).replace(/"/g, '""')}"`,
      ].join(','),
    );
  }
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
  fs.chmodSync(csv, 0o644);
  const cols = '(id, name, source, anonymous_id, occurred_at, received_at, channel, device, properties)';
  const t = performance.now();
  try {
    await pool.query(`COPY analytics_events ${cols} FROM '${csv}' WITH (FORMAT csv)`);
  } catch {
    // Not a superuser: the same rows as multi-row INSERTs of 1,000 (a harder baseline to beat only in the other direction).
    how = 'multi-row INSERT of 1,000 (COPY from a file not allowed)';
    for (let i = 0; i < lines.length; i += 1000) {
      const rows = lines.slice(i, i + 1000).map((_, k) => event(`bench${Math.floor((i + k) / BATCH)}`, i + k, now));
      await pool.query(
        `INSERT INTO analytics_events ${cols} SELECT gen_random_uuid(), r->>'name', 'client', r->>'anonymousId', (r->>'timestamp')::timestamptz, now(), r->'properties'->>'utm_source', 'ios', r->'properties' FROM jsonb_array_elements($1::jsonb) r`,
        [JSON.stringify(rows)],
      );
    }
  }
  copySeconds = (performance.now() - t) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
} finally {
  await pool.end();
  await database.cleanup();
}
const routeRate = EVENTS / routeSeconds;
const copyRate = EVENTS / copySeconds;
console.log(`\nbench/ingest — ${EVENTS.toLocaleString()} events, batches of ${BATCH}, ${SENDERS} senders, ${os.cpus().length} cores\n`);
console.log(
  table([
    {
      path: 'POST /api/v1/events (built server, embedded PG)',
      'events/s': Math.round(routeRate),
      'vs bare': `${(routeRate / copyRate).toFixed(2)}×`,
    },
    { path: `bare ${how}`, 'events/s': Math.round(copyRate), 'vs bare': '1.00×' },
  ]),
);
console.log(`\nfloor ≥ 0.3× the bare COPY: ${routeRate / copyRate >= 0.3 ? 'MET' : 'NOT MET'}`);
