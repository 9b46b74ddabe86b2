// bench/risk: reward grants per second through the risk hook — transact(db, trx => risk.assess(trx,
// {use: 'reward_grant', …})) under the versioned rules in force (v1: rings, shared devices/cards/IDs,
// claim-and-leave, velocity, bursts, rapid cycles; one signals statement per decision) — next to the same
// grants with the allow-all rule set, same database, same run, interleaved rounds; plus the time to
// rebuild every ring from scratch (union-find over the links inside their windows).
//
// Sizes (flags or env): --members=N (BENCH_MEMBERS, default 20,000), --links=N (BENCH_LINKS, default
// 60,000; the scale is --members=1000000 --links=3000000), --grants=N (BENCH_GRANTS, default
// 4,000 per side per round; the is 100000), BENCH_WORKERS (default 8), BENCH_ROUNDS (default 3).
// Floor: the rules' grants/s ≥ 0.7× allow-all's.
//
// Database: DATABASE_URL → a throwaway database, dropped at the end; otherwise embedded PostgreSQL.
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from '../lib.mjs';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const flag = (name, env, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return Number(arg ? arg.split('=')[1] : (process.env[env] ?? fallback));
};
const MEMBERS = flag('members', 'BENCH_MEMBERS', 20_000);
const LINKS = flag('links', 'BENCH_LINKS', 60_000);
const GRANTS = flag('grants', 'BENCH_GRANTS', 4_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RING_SIZE = 6;

const { connect, createPiiVault, createRiskModule, migrate, startEmbeddedPostgres, systemClock, transact } = await importApiSource(
  path.join(here, 'entry.ts'),
  'risk',
);
const { url, where, cleanup } = await openBenchDatabase('risk', startEmbeddedPostgres);
const database = connect(url, { max: WORKERS + 2 });

try {
  await migrate(database.pool, path.join(root, 'apps/api/migrations'));
  const members = Array.from({ length: MEMBERS }, () => crypto.randomUUID()).sort();
  console.log(
    `bench/risk on ${where}: ${MEMBERS.toLocaleString()} members, ${LINKS.toLocaleString()} links, ${GRANTS.toLocaleString()} grants/side/round, ${WORKERS} workers`,
  );

  // Links: planted rings (every 50th block of members, chained by a shared device) and random weak/strong noise.
  const started = Date.now();
  const now = new Date();
  // Noise is mostly weak (shared subnets, referrals), as in a real member base; a few strong ties.
  const kinds = [...Array(90).fill('ip24'), ...Array(8).fill('referral'), 'device', 'card'];
  const weight = { ip24: 20, device: 60, card: 80, referral: 15 };
  let written = 0;
  const batch = [];
  const flush = async () => {
    if (!batch.length) return;
    const a = [];
    const b = [];
    const k = [];
    const w = [];
    for (const [x, y, kind] of batch) {
      const [lo, hi] = x < y ? [x, y] : [y, x];
      a.push(lo);
      b.push(hi);
      k.push(kind);
      w.push(weight[kind]);
    }
    await database.pool.query(
      `INSERT INTO risk_links (member_a, member_b, kind, weight, first_seen, last_seen)
       SELECT *, $5::timestamptz, $5::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[]) ON CONFLICT DO NOTHING`,
      [a, b, k, w, now],
    );
    written += batch.length;
    batch.length = 0;
  };
  for (let start = 0; start + RING_SIZE <= MEMBERS && written + batch.length < LINKS / 10; start += RING_SIZE * 50) {
    for (let i = 1; i < RING_SIZE; i++) batch.push([members[start + i - 1], members[start + i], 'device']);
    if (batch.length >= 5000) await flush();
  }
  while (written + batch.length < LINKS) {
    const x = members[Math.floor(Math.random() * MEMBERS)];
    const y = members[Math.floor(Math.random() * MEMBERS)];
    if (x !== y) batch.push([x, y, kinds[Math.floor(Math.random() * kinds.length)]]);
    if (batch.length >= 5000) await flush();
  }
  await flush();
  const loadMs = Date.now() - started;

  const vault = createPiiVault('bench-secret-0123456789-abcdefghij');
  const ruled = createRiskModule({ clock: systemClock, db: database.db, vault }, { audit: { record: async () => undefined } });
  const t0 = Date.now();
  const { rings: rebuilt, pairs } = await ruled.rebuildRings(now);
  const rebuildMs = Date.now() - t0;

  const allowAll = createRiskModule(
    { clock: systemClock, db: database.db, vault },
    { name: 'allow-all', evaluate: async () => ({ score: 0, reasons: [], decision: 'allow' }) },
  );

  let seq = 0;
  const decisions = { allow: 0, review: 0, deny: 0 };
  async function run(risk, label) {
    let next = 0;
    const t = process.hrtime.bigint();
    const worker = async () => {
      while (next < GRANTS) {
        next++;
        const memberId = members[Math.floor(Math.random() * MEMBERS)];
        const d = await transact(database.db, (trx) =>
          risk.assess(trx, {
            use: 'reward_grant',
            ref: `bench:${label}:${seq++}`,
            memberId,
            amount: 500n,
            context: { campaignId: 'bench' },
          }),
        );
        if (label === 'rules') decisions[d.decision]++;
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    return GRANTS / (Number(process.hrtime.bigint() - t) / 1e9);
  }

  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await run(allowAll, 'allow');
    const r = await run(ruled, 'rules');
    rows.push({ round, 'allow-all grants/s': a.toFixed(0), 'rules grants/s': r.toFixed(0), ratio: (r / a).toFixed(2) });
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const ratio = median(rows.map((r) => Number(r.ratio)));
  console.log(table(rows));
  console.log(
    `links loaded in ${(loadMs / 1000).toFixed(1)} s; rings rebuilt from scratch in ${(rebuildMs / 1000).toFixed(2)} s (${rebuilt} rings of ≥ 3 from ${pairs} strong pairs)`,
  );
  console.log(`decisions under the rules: ${JSON.stringify(decisions)}`);
  console.log(`median ratio rules / allow-all: ${ratio.toFixed(2)}× (floor 0.70×) ${ratio >= 0.7 ? 'OK' : 'BELOW FLOOR'}`);
} finally {
  await database.close();
  await cleanup();
}
