// bench/chat: a group of CHAT_CLIENTS (5,000) members, each on its own WebSocket with its own session,
// subscribed to `group:<id>`. CHAT_MESSAGES (120) messages are posted through the real API —
// POST /api/v1/groups/:id/messages: validation, membership, trust and word checks, database write,
// search index, outbox, channel log, hub — one every CHAT_INTERVAL_MS (500 ms, open loop: the next
// is sent on schedule whether or not the last has answered) from CHAT_POSTERS (4) members, then a
// burst of CHAT_BURST (50) at once, one from each of 50 members. Latency is per (message, client):
// from just before the HTTP POST to the frame's arrival on that client. Baseline in the same run: the same clients on a bare `ws`
// broadcast server (bench/fanout/bare-server.mjs) sent the same payload with the same pacing.
// Prints p50/p99/max, messages/s and deliveries/s, lost and duplicated deliveries (each client must
// get each message exactly once). Target: p99 ≤ 2× the bare broadcast, nothing lost.
//
// Database: DATABASE_URL → a throwaway database quanzi_bench_chat_<ts> on that server, dropped at
// the end; otherwise an embedded PostgreSQL started for the run. One Quanzi instance (--role=all, so
// its outbox worker delivers). Members, sessions and memberships are inserted with SQL (not 5,000
// logins); the group is created through POST /api/v1/console/groups and the posters join through
// POST /api/v1/groups/:id/join. Posters get a trust row with two visit days (level 1) so the
// newcomer limit (5 posts per 10 minutes) does not apply to them.
// CHAT_PROFILE=1 writes a CPU profile of the API process to .tmp/bench-chat/ and prints its top frames;
// CHAT_API_MAIN measures another build of the API. Posts that do not answer within 15 s count as
// failed, and the database connections are then listed (what they wait on) before the instance is stopped.
// Run: npm run bench -- chat, or (after npm run build -w apps/api) node bench/chat/run.mjs; CHAT_CLIENTS=500 for a quick run.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, table, waitForHealth } from '../lib.mjs';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';
import { openChatClients, percentile, sortedFinite } from './clients.mjs';
import { summariseProfile } from './profile.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const CLIENTS = Number(process.env.CHAT_CLIENTS ?? 5000);
const PACED = Number(process.env.CHAT_MESSAGES ?? 120);
const INTERVAL_MS = Number(process.env.CHAT_INTERVAL_MS ?? 500);
const BURST = Number(process.env.CHAT_BURST ?? 50);
const PACED_POSTERS = Math.max(1, Number(process.env.CHAT_POSTERS ?? 4));
/** The paced messages rotate over the first CHAT_POSTERS members; the burst has one message from each of BURST members. */
const POSTERS = Math.min(CLIENTS, Math.max(PACED_POSTERS, BURST));
const POST_TIMEOUT_MS = 15_000;
const PROFILE = process.env.CHAT_PROFILE === '1';
const WARMUP = 3;
const TOTAL = PACED + BURST;
const DRAIN_MS = 60_000;

// Each side holds CLIENTS sockets: raise the descriptor limit when started directly (npm run bench does it).
if (!process.env.CHAT_FD_RAISED) {
  const soft = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  if (Number.isFinite(soft) && soft < CLIENTS + 1000) {
    const r = spawnSync(
      'bash',
      ['-c', `ulimit -n 20000 2>/dev/null || ulimit -n 4096; exec "${process.execPath}" "${fileURLToPath(import.meta.url)}"`],
      {
        stdio: 'inherit',
        env: { ...process.env, CHAT_FD_RAISED: '1' },
      },
    );
    process.exit(r.status ?? 1);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One Quanzi (--role=all: HTTP, hub and outbox worker), as bench/instances.mjs starts it, with a hard stop. */
async function startInstance(env, nodeArgs = []) {
  const port = await freePort();
  // CHAT_API_MAIN: another build of the API to measure (default: the one npm run build makes).
  const main = path.resolve(root, process.env.CHAT_API_MAIN ?? 'apps/api/dist/main.js');
  const child = spawn(process.execPath, [...nodeArgs, main, '--role=all', '--demo'], {
    env: { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const base = `http://127.0.0.1:${port}`;
  await Promise.race([waitForHealth(`${base}/api/health`, 90_000), exited.then(() => Promise.reject(new Error('Quanzi exited at start')))]);
  return {
    base,
    ws: `ws://127.0.0.1:${port}/ws`,
    // A graceful stop waits for open transactions; one stuck on a lock must not hang the benchmark.
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => (console.error('Quanzi did not stop in 15 s: killed'), child.kill('SIGKILL')), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
const text = (kind, n) => `第${n + 1}条：这款理财产品收益稳定吗？到期后本金和收益什么时候到账？ #${kind}-${n}`;

// --- the database and the instance ---------------------------------------------------------------
const { startEmbeddedPostgres } = process.env.DATABASE_URL
  ? { startEmbeddedPostgres: undefined }
  : await importApiSource(path.join(here, 'entry.ts'), 'chat');
const database = await openBenchDatabase('chat', startEmbeddedPostgres);
const cleanups = [database.cleanup];
const cleanup = async () => {
  for (const fn of cleanups.reverse()) await fn().catch((err) => console.error('cleanup:', err.message));
  cleanups.length = 0;
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

const profileDir = path.join(root, '.tmp/bench-chat/profile');
if (PROFILE) fs.rmSync(profileDir, { recursive: true, force: true });

/** Opens the sockets of one side, posts, waits for delivery, and returns per-phase statistics. */
async function measure(target) {
  const sentAt = new Float64Array(TOTAL).fill(NaN);
  const sentWall = new Float64Array(TOTAL).fill(NaN);
  const answeredMs = new Float64Array(TOTAL).fill(NaN);
  const failures = [];
  const t0 = performance.now();
  const clients = await openChatClients({ count: CLIENTS, endpoint: target.endpoint, channel: target.channel, capacity: TOTAL, sentAt });
  const openS = (performance.now() - t0) / 1000;
  await sleep(500);

  // Warm-up (JIT, connection pools, caches); the first delivered one is the baseline's payload.
  for (let n = 0; n < WARMUP; n++) {
    const res = await target.send(text('warm', n), null);
    if (!res.ok) throw new Error(`${target.name}: warm-up post failed: ${res.status} ${await res.text()}`);
    const deadline = Date.now() + 15_000;
    while (clients.warmReceived(n) < CLIENTS && Date.now() < deadline) await sleep(20);
    if (clients.warmReceived(n) < CLIENTS) throw new Error(`${target.name}: warm-up ${n} reached ${clients.warmReceived(n)} of ${CLIENTS}`);
  }
  await sleep(500);

  const post = (n) => {
    sentWall[n] = Date.now();
    sentAt[n] = performance.now();
    return target.send(text('bench', n), n).then(
      async (res) => {
        answeredMs[n] = performance.now() - sentAt[n];
        settled++;
        if (!res.ok) failures.push(`#${n}: ${res.status} ${(await res.text()).slice(0, 200)}`);
        else await res.arrayBuffer();
      },
      (err) => (
        settled++,
        failures.push(`#${n}: ${err.name === 'TimeoutError' ? `no answer in ${POST_TIMEOUT_MS / 1000} s` : err.message}`)
      ),
    );
  };
  let settled = 0;
  const delivered = (from, to) => {
    let got = 0;
    for (let i = 0; i < CLIENTS; i++) for (let n = from; n < to; n++) got += clients.counts[i * TOTAL + n] ? 1 : 0;
    return got;
  };
  // Until every client has every message, or nothing has arrived for 5 s once every post has answered.
  const drain = async (from, to) => {
    const deadline = Date.now() + DRAIN_MS;
    let last = clients.received();
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      // Cheap check first (total frames), the exact one once it could be complete.
      if (clients.received() >= CLIENTS * to && delivered(from, to) === CLIENTS * (to - from)) return;
      if (clients.received() !== last) {
        last = clients.received();
        quietSince = Date.now();
      } else if (settled >= to && Date.now() - quietSince > 5000) return;
      await sleep(50);
    }
  };

  const cpu0 = process.cpuUsage();
  // Paced, open loop: message n leaves at start + n·interval.
  const inflight = [];
  const start = performance.now();
  for (let n = 0; n < PACED; n++) {
    const wait = start + n * INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(post(n));
  }
  await Promise.all(inflight);
  await drain(0, PACED);
  await sleep(300);
  // Burst: all at once.
  await Promise.all(Array.from({ length: BURST }, (_, k) => post(PACED + k)));
  await drain(PACED, TOTAL);
  await sleep(300);
  // Posts that never answered: show what the database connections were doing.
  const diagnosis = failures.length && target.diagnose ? await target.diagnose().catch((err) => `diagnosis failed: ${err.message}`) : null;
  const cpu = process.cpuUsage(cpu0);
  const closes = clients.unexpectedCloses();
  await clients.close();

  const phase = (label, from, to) => {
    if (to <= from) return null;
    const lat = [];
    let lost = 0;
    let dup = 0;
    let lastArrival = 0;
    for (let i = 0; i < CLIENTS; i++)
      for (let n = from; n < to; n++) {
        const k = i * TOTAL + n;
        const c = clients.counts[k];
        if (c === 0) lost++;
        else {
          if (c > 1) dup += c - 1;
          lat.push(clients.latency[k]);
          lastArrival = Math.max(lastArrival, sentAt[n] + clients.latency[k]);
        }
      }
    const sorted = sortedFinite(lat);
    const seconds = (lastArrival - sentAt[from]) / 1000;
    const hub = sortedFinite(Array.from({ length: to - from }, (_, j) => clients.appendedAt[from + j] - sentWall[from + j]));
    const answered = sortedFinite(answeredMs.subarray(from, to));
    return {
      row: {
        target: target.name,
        phase: label,
        clients: CLIENTS,
        msgs: to - from,
        'p50 ms': sorted.length ? percentile(sorted, 50).toFixed(1) : '–',
        'p99 ms': sorted.length ? percentile(sorted, 99).toFixed(1) : '–',
        'max ms': sorted.length ? sorted[sorted.length - 1].toFixed(1) : '–',
        'msgs/s': seconds > 0 ? ((to - from) / seconds).toFixed(1) : '–',
        'deliveries/s': seconds > 0 ? Math.round(sorted.length / seconds) : '–',
        lost,
        dup,
      },
      p99: percentile(sorted, 99),
      lost,
      dup,
      detail: {
        target: target.name,
        phase: label,
        'POST answered p50/p99 ms': answered.length
          ? `${percentile(answered, 50).toFixed(1)} / ${percentile(answered, 99).toFixed(1)}`
          : '–',
        'POST → hub append p50/p99 ms': hub.length ? `${percentile(hub, 50).toFixed(0)} / ${percentile(hub, 99).toFixed(0)}` : '–',
      },
    };
  };
  return {
    phases: [phase(`paced ${INTERVAL_MS} ms`, 0, PACED), phase('burst', PACED, TOTAL), phase('all', 0, TOTAL)].filter(Boolean),
    failures,
    diagnosis,
    closes,
    openS,
    template: clients.template(),
    clientCpuS: (cpu.user + cpu.system) / 1e6,
  };
}

let quanziResult;
let bareResult;
let profileSummary = null;
try {
  // --- Quanzi ---------------------------------------------------------------------------------
  const instanceEnv = {
    DATABASE_URL: database.url,
    QUANZI_SECRET: crypto.randomBytes(32).toString('hex'),
  };
  const seedT0 = performance.now();
  const inst = await startInstance(instanceEnv, PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  cleanups.push(() => inst.stop());
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  cleanups.push(() => db.end());

  // Members and their sessions, straight into the tables (a session is the SHA-256 of its token).
  const { rows: members } = await db.query(
    `INSERT INTO members (phone_last4, nickname, agreement_version, agreement_accepted_at, created_at)
     SELECT lpad((g % 10000)::text, 4, '0'), '圈友' || g,
            COALESCE((SELECT agreement_version FROM members LIMIT 1), '2026-11'), now(), now()
     FROM generate_series(1, $1) g RETURNING id`,
    [CLIENTS],
  );
  const ids = members.map((m) => m.id);
  const tokens = ids.map(() => crypto.randomBytes(32).toString('base64url'));
  const hash = (t) => crypto.createHash('sha256').update(t).digest('base64url');
  await db.query(
    `INSERT INTO member_sessions (member_id, token_hash, user_agent, ip, created_at, last_seen_at, expires_at)
     SELECT m, h, 'bench/chat', '127.0.0.1', now(), now(), now() + interval '1 day'
     FROM unnest($1::uuid[], $2::text[]) AS s(m, h)`,
    [ids, tokens.map(hash)],
  );

  const api = (p, { token, bearer, body } = {}) =>
    fetch(`${inst.base}${p}`, {
      method: 'POST',
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        origin: inst.base,
        ...(token && { cookie: `qz_session=${token}` }),
        ...(bearer && { authorization: `Bearer ${bearer}` }),
      },
      body: JSON.stringify(body ?? {}),
    });
  const expectOk = async (res, what) => {
    if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const admin = await expectOk(
    await api('/api/v1/console/auth/login', { body: { username: 'admin', password: 'Quanzi2026' } }),
    'console login',
  );
  const group = await expectOk(
    await api('/api/v1/console/groups', {
      bearer: admin.token,
      body: { name: '基准测试圈', description: 'bench/chat', visibility: 'public', joinPolicy: 'open' },
    }),
    'create group',
  );
  // Posters: trusted (level 1: two visit days) and joined through the API; everyone else by SQL.
  const posters = tokens.slice(0, POSTERS);
  await db.query(
    `INSERT INTO community_trust (member_id, first_seen_at, last_visit_day, days_visited)
     SELECT m, now() - interval '2 days', (now() AT TIME ZONE 'Asia/Shanghai')::date - 1, 2 FROM unnest($1::uuid[]) m`,
    [ids.slice(0, POSTERS)],
  );
  for (const token of posters) await expectOk(await api(`/api/v1/groups/${group.id}/join`, { token }), 'join');
  await db.query(
    `INSERT INTO community_group_members (group_id, member_id, role, state, joined_at, last_read_seq)
     SELECT $1, m, 'member', 'active', now(), 0 FROM unnest($2::uuid[]) m`,
    [group.id, ids.slice(POSTERS)],
  );
  await db.query('UPDATE community_groups SET member_count = member_count + $2 WHERE id = $1', [group.id, CLIENTS - POSTERS]);
  const setupS = (performance.now() - seedT0) / 1000;

  quanziResult = await measure({
    name: 'Quanzi API → hub',
    channel: `group:${group.id}`,
    endpoint: (i) => ({ url: inst.ws, headers: { origin: inst.base, cookie: `qz_session=${tokens[i]}` } }),
    diagnose: async () => {
      const { rows } = await db.query(
        `SELECT state, wait_event_type, wait_event, cardinality(pg_blocking_pids(pid)) > 0 AS blocked,
                regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS query
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY state, query`,
      );
      const groups = new Map();
      for (const r of rows) {
        const k = `${r.state}${r.wait_event ? ` (waits ${r.wait_event_type}/${r.wait_event})` : ''}${r.blocked ? ' BLOCKED' : ''}: ${r.query.trim()}`;
        groups.set(k, (groups.get(k) ?? 0) + 1);
      }
      return [...groups].map(([k, n]) => `  ${String(n).padStart(3)} × ${k}`).join('\n');
    },
    // Warm-up and paced messages rotate over the first CHAT_POSTERS members; burst message k comes from member k.
    send: (body, n) =>
      api(`/api/v1/groups/${group.id}/messages`, {
        token: posters[n === null ? 0 : n < PACED ? n % PACED_POSTERS : (n - PACED) % POSTERS],
        body: { text: body },
      }),
  });
  quanziResult.setupS = setupS;
  const { rows: stored } = await db.query(`SELECT count(*)::int AS n FROM community_messages WHERE group_id = $1`, [group.id]);
  quanziResult.stored = stored[0].n;
  await db.end();
  cleanups.pop();
  await inst.stop();
  cleanups.pop();
  if (PROFILE) profileSummary = summariseProfile(profileDir);

  // --- bare ws baseline: the same payload (the message as the hub delivered it), same pacing ---
  const template = quanziResult.template;
  const port = await freePort();
  const bare = spawn(process.execPath, [path.join(root, 'bench/fanout/bare-server.mjs')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    bare.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    bare.once('exit', () => reject(new Error('bare server exited at start')));
  });
  const stopBare = () => (bare.kill('SIGTERM'), new Promise((r) => bare.once('exit', r)));
  cleanups.push(stopBare);
  bareResult = await measure({
    name: 'bare ws (baseline)',
    channel: 'bench',
    endpoint: () => ({ url: `ws://127.0.0.1:${port}`, headers: {} }),
    send: (body) =>
      fetch(`http://127.0.0.1:${port}/broadcast`, {
        method: 'POST',
        body: JSON.stringify({ ...template, text: body }),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      }),
  });
  await stopBare();
  cleanups.pop();
} finally {
  await cleanup();
}

// --- report ----------------------------------------------------------------------------------------
console.log(
  `\nbench/chat — ${CLIENTS} members on /ws in one group; ${PACED} messages ${INTERVAL_MS} ms apart from ${Math.min(PACED_POSTERS, POSTERS)} posters + a burst of ${BURST} (one each from ${BURST} members); ` +
    `${database.where}; ${os.cpus().length} cores\n`,
);
console.log(table([...bareResult.phases.map((p) => p.row), ...quanziResult.phases.map((p) => p.row)]));
console.log(`\nwhere the API's time goes (server clock: the frame's "at" is when the hub's channel log appended it):\n`);
console.log(table(quanziResult.phases.map((p) => p.detail)));
console.log(
  `\nsetup ${quanziResult.setupS.toFixed(1)} s; sockets opened in ${quanziResult.openS.toFixed(1)} s (Quanzi, with auth) / ${bareResult.openS.toFixed(1)} s (bare); ` +
    `messages stored ${quanziResult.stored} (expected ${TOTAL + WARMUP}); unexpected socket closes ${quanziResult.closes} / ${bareResult.closes}; ` +
    `bench-process CPU ${quanziResult.clientCpuS.toFixed(1)} s / ${bareResult.clientCpuS.toFixed(1)} s`,
);
if (quanziResult.failures.length)
  console.log(`\nfailed posts (${quanziResult.failures.length}):\n  ${quanziResult.failures.slice(0, 5).join('\n  ')}`);
if (quanziResult.diagnosis) console.log(`\nQuanzi's database connections after the posts stopped answering:\n${quanziResult.diagnosis}`);
if (bareResult.failures.length)
  console.log(`\nfailed bare broadcasts (${bareResult.failures.length}): ${bareResult.failures.slice(0, 3).join('; ')}`);
if (profileSummary) console.log(`\nAPI process CPU profile (self time, top frames; ${profileSummary.file}):\n${profileSummary.text}`);

const ours = quanziResult.phases.at(-1);
const base = bareResult.phases.at(-1);
const ratio = ours.p99 / Math.max(1, base.p99);
const met = ratio <= 2 && ours.lost === 0 && ours.dup === 0 && !quanziResult.failures.length;
console.log(
  `\nall ${TOTAL} messages: p99 ${ours.p99.toFixed(1)} ms vs ${base.p99.toFixed(1)} ms bare (${ratio.toFixed(2)}×), lost ${ours.lost}, duplicated ${ours.dup}` +
    `\ntarget: p99 ≤ 2× bare broadcast, every member gets every message exactly once — ${met ? 'MET' : 'NOT MET'}`,
);
