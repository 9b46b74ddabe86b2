// bench/funnel: a 5-step funnel (访问 → 注册 → 实名 → 绑卡 → 首投), 14-day window, ordered, broken
// down by channel — Quanzi's analytics query (modules/analytics/engine.ts on the month-partitioned
// analytics_events, through the real module) next to DuckDB (@duckdb/node-api, bench-only) over the
// same rows in the same run. The per-channel counts of both must be identical (asserted).
//
// Size: --events=N (default 100000; --events=1000000 or --events=10000000 for the issue's sizes).
// The rows are generated once in PostgreSQL (deterministic from the person number), exported to a
// CSV and loaded into DuckDB; only the funnel queries are timed (median of BENCH_ROUNDS, default 3).
// Database: DATABASE_URL → a throwaway database; otherwise the embedded PostgreSQL.
// Issue floor at 10M: PostgreSQL ≤ 2× DuckDB's time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';
import { table } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const EVENTS = arg('events', 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PERSONS = Math.max(10, Math.round(EVENTS / 3.04));
const START = '2026-10-01T00:00:00+08:00';
const FROM_MS = Date.parse(START);
const TO_MS = FROM_MS + 30 * 86_400_000;
const WINDOW_MS = 14 * 86_400_000;
const STEPS = ['page_view', 'registered', 'real_name_verified', 'card_bound', 'invested'];

const { connect, migrate, postgresEngine, sql, startEmbeddedPostgres } = await importApiSource(path.join(here, 'entry.ts'), 'funnel');
const database = await openBenchDatabase('funnel', startEmbeddedPostgres);
const { db, pool, close } = await connect(database.url, { max: 4 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await migrate(pool, path.resolve(here, '../../apps/api/migrations'));
  // Per person: two visits, then 40 % register, 70 % of them verify, 80 % bind, 60 % invest — some
  // investments after the 14-day window. Timestamps strictly increase within a person.
  const h = (salt) => sql.raw(`(abs(hashtext(i::text || '${salt}')) % 1000)`);
  let t = Date.now();
  await sql`
    INSERT INTO analytics_events (id, name, source, member_id, occurred_at, received_at, channel, properties)
    SELECT gen_random_uuid(), s.name, 'server', md5(i::text)::uuid, s.at, s.at,
           (ARRAY['wechat','douyin','baidu','xiaohongshu','direct'])[1 + ${h('c')} % 5], '{}'::jsonb
    FROM generate_series(1, ${PERSONS}) AS i,
    LATERAL (SELECT ${START}::timestamptz + make_interval(mins => ${h('t')} * 43) AS base) b,
    LATERAL (VALUES
      ('page_view', b.base, true),
      ('page_view', b.base + interval '5 minutes', true),
      ('registered', b.base + make_interval(mins => 10 + ${h('r1')}), ${h('r')} < 400),
      ('real_name_verified', b.base + make_interval(mins => 1100 + ${h('v1')} * 3), ${h('r')} < 400 AND ${h('v')} < 700),
      ('card_bound', b.base + make_interval(mins => 4200 + ${h('b1')} * 4), ${h('r')} < 400 AND ${h('v')} < 700 AND ${h('b')} < 800),
      ('invested', b.base + make_interval(mins => 8400 + ${h('i1')} * 20), ${h('r')} < 400 AND ${h('v')} < 700 AND ${h('b')} < 800 AND ${h('n')} < 600)
    ) AS s(name, at, ok)
    WHERE s.ok`.execute(db);
  await sql`ANALYZE analytics_events`.execute(db);
  const count = Number((await sql`SELECT count(*)::bigint AS n FROM analytics_events`.execute(db)).rows[0].n);
  console.log(
    `bench/funnel: ${count.toLocaleString()} events, ${PERSONS.toLocaleString()} people, generated in ${((Date.now() - t) / 1000).toFixed(1)} s (${database.where})`,
  );

  // The same rows for DuckDB.
  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-funnel-')), 'events.csv');
  t = Date.now();
  const out = fs.createWriteStream(csv);
  out.write('person,name,ts,channel\n');
  let last = '';
  for (;;) {
    const page = await sql`SELECT member_id::text AS p, name, occurred_at AS at, channel, id::text AS id FROM analytics_events
      WHERE id::text > ${last} ORDER BY id LIMIT 50000`.execute(db);
    if (page.rows.length === 0) break;
    for (const r of page.rows) out.write(`${r.p},${r.name},${r.at.toISOString()},${r.channel}\n`);
    last = page.rows.at(-1).id;
  }
  await new Promise((resolve) => out.end(resolve));
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(
    `CREATE TABLE events AS SELECT person, name, ts::TIMESTAMPTZ AS ts, channel FROM read_csv('${csv}', header = true, columns = {'person':'VARCHAR','name':'VARCHAR','ts':'VARCHAR','channel':'VARCHAR'})`,
  );
  console.log(`  copied to DuckDB in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const spec = {
    steps: STEPS.map((event) => ({ event })),
    windowMs: WINDOW_MS,
    order: 'ordered',
    fromMs: FROM_MS,
    toMs: TO_MS,
    breakdown: 'channel',
  };
  const ours = () => postgresEngine(db).summary(spec);
  const from = new Date(FROM_MS).toISOString();
  const to = new Date(TO_MS).toISOString();
  const end = new Date(TO_MS + WINDOW_MS).toISOString();
  // The same semantics in SQL: first entry into step 1 in the range starts the window; each later step's first event at or after the previous one, inside the window.
  const step = (k) => `s${k} AS (SELECT p.person, min(e.ts) AS t FROM s${k - 1} p JOIN s1 USING (person) JOIN e ON e.person = p.person
      AND e.name = '${STEPS[k - 1]}' AND e.ts >= p.t AND e.ts <= s1.t + INTERVAL 14 DAY GROUP BY p.person)`;
  const duckQuery = `
    WITH e AS (SELECT * FROM events WHERE ts >= '${from}'::TIMESTAMPTZ AND ts <= '${end}'::TIMESTAMPTZ AND name IN (${STEPS.map((s) => `'${s}'`).join(',')})),
    s1 AS (SELECT person, min(ts) AS t, arg_min(channel, ts) AS ch FROM e WHERE name = 'page_view' AND ts < '${to}'::TIMESTAMPTZ GROUP BY person),
    ${[2, 3, 4, 5].map(step).join(',\n')}
    SELECT s1.ch AS channel, count(*) AS c1, count(s2.person) AS c2, count(s3.person) AS c3, count(s4.person) AS c4, count(s5.person) AS c5
    FROM s1 LEFT JOIN s2 USING (person) LEFT JOIN s3 USING (person) LEFT JOIN s4 USING (person) LEFT JOIN s5 USING (person)
    GROUP BY 1 ORDER BY 1`;
  const theirs = async () => (await duck.runAndReadAll(duckQuery)).getRowObjects();

  const times = { ours: [], duck: [] };
  let a;
  let b;
  for (let r = 0; r < ROUNDS; r++) {
    t = performance.now();
    a = await ours();
    times.ours.push(performance.now() - t);
    t = performance.now();
    b = await theirs();
    times.duck.push(performance.now() - t);
  }
  const oursBy = Object.fromEntries(a.breakdown.map((x) => [x.value, x.steps.map((s) => s.count)]));
  const duckBy = Object.fromEntries(b.map((row) => [row.channel, [row.c1, row.c2, row.c3, row.c4, row.c5].map(Number)]));
  const same = JSON.stringify(Object.entries(oursBy).sort()) === JSON.stringify(Object.entries(duckBy).sort());
  console.log(
    table(
      Object.entries(oursBy)
        .sort()
        .map(([channel, cs]) => ({ channel, ...Object.fromEntries(STEPS.map((s, i) => [s, cs[i]])), duckdb: duckBy[channel]?.join('/') })),
    ),
  );
  const po = median(times.ours);
  const pd = median(times.duck);
  console.log(
    table([
      { engine: 'Quanzi (PostgreSQL, engine.ts)', 'median ms': po.toFixed(0), 'vs DuckDB': `${(po / pd).toFixed(2)}×` },
      { engine: 'DuckDB (in-process, same rows)', 'median ms': pd.toFixed(0), 'vs DuckDB': '1.00×' },
    ]),
  );
  console.log(
    `  counts identical: ${same ? 'yes' : 'NO'}; floor at 10M: PostgreSQL ≤ 2× DuckDB (${EVENTS >= 10_000_000 ? (po <= 2 * pd ? 'met' : 'NOT met') : 'run --events=10000000 to check'})`,
  );
  fs.rmSync(path.dirname(csv), { recursive: true, force: true });
  if (!same) {
    console.error('ours', oursBy, 'duckdb', duckBy);
    process.exitCode = 1;
  }
} finally {
  await close();
  await database.cleanup();
}
