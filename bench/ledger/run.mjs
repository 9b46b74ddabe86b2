// bench/ledger: committed transfers per second through the ledger module — transact(db, trx =>
// ledger.transfer(trx, …)) — next to the classic per-transfer SQL (every posting account locked
// FOR UPDATE, its cached balance updated, entries appended: what the ledger ran before issue 14)
// run bare on a pg.Pool client in BEGIN … COMMIT, on the same database in the same run, with 1, 8 and
// 16 concurrent workers (pool size = workers).
//
// Modes (default: all three parts, ratios from the same run):
//   --hot   "spread" moves 1 fen between two random member accounts out of 1,000; "hot" moves 1 fen
//           between one shared platform account (an issuer) and a random member, so with the classic
//           SQL every transfer queues on one row lock. Targets: the module's hot throughput ≥ 0.8× its
//           spread throughput (floor), ≥ 1.5× the classic bare SQL on the hot account (moonshot).
//   --bulk  200 transfers (issuer → random member, as a maturity batch) in one transaction:
//           ledger.transferMany vs a loop of ledger.transfer. Target ≥ 5×.
//
// The module is TypeScript: entry.ts is bundled with esbuild (already installed for apps/api) into
// .tmp/bench-ledger/ (git-ignored) at start — no TypeScript loader needed, and the bundle is built
// from the current source even when apps/api/dist is stale.
//
// Database: DATABASE_URL → a throwaway database quanzi_bench_ledger_<ts> on that server, dropped at
// the end; otherwise the embedded PostgreSQL the API itself would start (platform/db/embedded.ts).
// Env: BENCH_SECONDS (measured seconds per run, default 5, after 1 s warm-up), BENCH_ROUNDS
// (interleaved rounds, medians reported, default 3), BENCH_ACCOUNTS (member accounts, default 1000),
// BENCH_WORKERS (comma-separated, default 1,8,16), BENCH_BATCH (transfers per bulk batch, default 200).
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { table } from '../lib.mjs';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MEMBERS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const WARMUP_MS = 1000;
const WORKERS = (process.env.BENCH_WORKERS ?? '1,8,16').split(',').map(Number);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const args = process.argv.slice(2);
const PARTS =
  args.includes('--hot') || args.includes('--bulk')
    ? { hot: args.includes('--hot'), bulk: args.includes('--bulk') }
    : { hot: true, bulk: true };
const FUNDING = 10_000_000n; // fen per member: 1-fen random walks never reach zero
const KIND = 'bench.transfer';
const MEMO = '基准测试转账';

// --- the real module, bundled like apps/api/build.mjs (workspace packages in, npm packages out) ---
const { Accounts, connect, createLedgerModule, credit, debit, migrate, startEmbeddedPostgres, systemClock, transact } =
  await importApiSource(path.join(here, 'entry.ts'), 'ledger');
const openDatabase = () => openBenchDatabase('ledger', startEmbeddedPostgres);

// --- the bare baseline: the classic per-transfer statements (repo.ts before issue 14), on a plain pg client ---
const SQL = {
  lock: `SELECT id, code, balance, normal_side, floor_zero FROM ledger_accounts
    WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
  claim: `INSERT INTO ledger_transfers (key, kind, memo, reference, created_at)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (key) DO NOTHING RETURNING id`,
  apply: `UPDATE ledger_accounts a SET balance = a.balance + d.delta, entry_count = a.entry_count + d.n
    FROM unnest($1::bigint[], $2::bigint[], $3::int[])
      AS d(id, delta, n)
    WHERE a.id = d.id`,
  entries: `INSERT INTO ledger_entries (transfer_id, account_id, amount, balance_after, created_at)
    SELECT $1::bigint, e.account_id, e.amount, e.balance_after, $2::timestamptz
    FROM unnest($3::bigint[], $4::bigint[],
                $5::bigint[]) WITH ORDINALITY AS e(account_id, amount, balance_after, n)
    ORDER BY e.n`,
};

/**
 * One transfer of two postings ({id, amount}) on distinct accounts, the classic way: every account locked. The
 * `pg` here is the bundle's `pg` (one node_modules copy), so int8 arrives as bigint on both sides.
 */
async function bareTransfer(pool, key, postings) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const at = new Date();
    const ids = postings.map((p) => String(p.id));
    const amounts = postings.map((p) => String(p.amount));
    const { rows: locked } = await client.query(SQL.lock, [ids]);
    const balance = new Map(locked.map((a) => [a.id, a.balance]));
    for (const a of locked) {
      const after = a.balance + postings.find((p) => p.id === a.id).amount;
      if (a.floor_zero && (a.normal_side === 'credit' ? -after : after) < 0n) throw new Error(`bare: ${a.code} would go negative`);
    }
    const { rows: claimed } = await client.query(SQL.claim, [key, KIND, MEMO, null, at]);
    if (!claimed[0]) throw new Error(`bare: key ${key} already booked`);
    await client.query(SQL.apply, [ids, amounts, postings.map(() => 1)]);
    const after = postings.map((p) => String(balance.get(p.id) + p.amount));
    await client.query(SQL.entries, [claimed[0].id, at, ids, amounts, after]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Runs `transfer` in `workers` loops; counts commits during `SECONDS` after the warm-up. Also
 * returns this process's CPU time per commit: only one side runs at a time, so it is the Node-side
 * cost of a transfer (module, Kysely, pg), steadier than throughput on a busy 2-core machine.
 */
async function measure(workers, transfer, perCall = 1) {
  let running = true;
  let measuring = false;
  let committed = 0;
  let failure;
  const loop = async () => {
    while (running) {
      try {
        await transfer();
      } catch (err) {
        failure ??= err;
        running = false;
        return;
      }
      if (measuring) committed += perCall;
    }
  };
  const loops = Array.from({ length: workers }, loop);
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  measuring = true;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n = committed;
  running = false;
  await Promise.all(loops);
  if (failure) throw failure;
  return { rate: n / elapsed, cpuUs: (cpu.user + cpu.system) / n };
}

const { url, where, cleanup } = await openDatabase();
const setup = connect(url, { max: 2 });
try {
  await migrate(setup.pool, path.join(root, 'apps/api/migrations'));
  // One module instance for the whole run, like one API process: its account-id cache is warmed
  // by the funding transfer below (ids are cached after the first commit that touches them).
  const ledger = createLedgerModule({ db: setup.db, clock: systemClock });
  const memberIds = Array.from({ length: MEMBERS }, (_, i) => `bench-member-${String(i).padStart(5, '0')}`);
  const issuer = Accounts.issuer('bench-issuer');
  const members = memberIds.map((m) => Accounts.memberAvailable(m));
  await transact(setup.db, (trx) =>
    ledger.transfer(trx, {
      key: `bench-funding-${crypto.randomUUID()}`,
      kind: 'bench.funding',
      memo: '基准测试注资',
      postings: [
        debit(Accounts.custodianCash, FUNDING * BigInt(MEMBERS + 1)),
        ...members.map((a) => credit(a, FUNDING)),
        credit(issuer, FUNDING),
      ],
    }),
  );
  const { rows } = await setup.pool.query('SELECT id, code FROM ledger_accounts');
  const idOf = new Map(rows.map((r) => [r.code, r.id]));

  const random = (n) => Math.floor(Math.random() * n);
  const pick = {
    // Member A → member B: debit A's available (we owe A less), credit B's.
    spread() {
      const a = random(MEMBERS);
      const b = (a + 1 + random(MEMBERS - 1)) % MEMBERS;
      return [members[a], members[b]];
    },
    // Issuer ↔ a random member, either direction, so neither side drifts.
    hot() {
      const m = members[random(MEMBERS)];
      return Math.random() < 0.5 ? [m, issuer] : [issuer, m];
    },
  };
  const quanzi = (db, variant) => () => {
    const [from, to] = pick[variant]();
    return transact(db, (trx) =>
      ledger.transfer(trx, { key: crypto.randomUUID(), kind: KIND, memo: MEMO, postings: [debit(from, 1n), credit(to, 1n)] }),
    );
  };
  const bare = (pool, variant) => () => {
    const [from, to] = pick[variant]();
    return bareTransfer(pool, crypto.randomUUID(), [
      { id: idOf.get(from.code), amount: 1n },
      { id: idOf.get(to.code), amount: -1n },
    ]);
  };

  // Not timed: what each side sends per transfer, printed beside the results.
  const sent = { spread: [], hot: [], bare: [] };
  const original = pg.Client.prototype.query;
  let capture;
  pg.Client.prototype.query = function (text, ...rest) {
    if (capture && typeof text === 'string') capture.push(text.replace(/\s+/g, ' ').trim().toLowerCase());
    return original.call(this, text, ...rest);
  };
  const probe = connect(url, { max: 1 });
  const probePool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    capture = sent.spread;
    await quanzi(probe.db, 'spread')();
    capture = sent.hot;
    await quanzi(probe.db, 'hot')();
    capture = sent.bare;
    await bare(probePool, 'spread')();
  } finally {
    capture = undefined;
    pg.Client.prototype.query = original;
    await probe.close();
    await probePool.end();
  }

  // Not timed: warm the JIT on both sides once, so the first measured row is not the cold one.
  {
    const database = connect(url, { max: 4 });
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    try {
      const until = Date.now() + 1500;
      await Promise.all(
        Array.from({ length: 4 }, async (_, i) => {
          while (Date.now() < until) await (i % 2 ? quanzi(database.db, i < 2 ? 'spread' : 'hot') : bare(pool, 'spread'))();
        }),
      );
    } finally {
      await database.close();
      await pool.end();
    }
  }

  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const results = [];
  const rates = new Map();
  for (const variant of PARTS.hot ? ['spread', 'hot'] : []) {
    for (const workers of WORKERS) {
      const q = [];
      const b = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate who goes first: the tables grow during the run and later runs pay for it.
        const order = round % 2 === 0 ? ['quanzi', 'bare'] : ['bare', 'quanzi'];
        for (const who of order) {
          if (who === 'quanzi') {
            const database = connect(url, { max: workers });
            try {
              q.push(await measure(workers, quanzi(database.db, variant)));
            } finally {
              await database.close();
            }
          } else {
            const pool = new pg.Pool({ connectionString: url, max: workers });
            try {
              b.push(await measure(workers, bare(pool, variant)));
            } finally {
              await pool.end();
            }
          }
        }
      }
      const qRate = median(q.map((r) => r.rate));
      const bRate = median(b.map((r) => r.rate));
      rates.set(`${variant}:${workers}`, qRate);
      results.push({
        variant,
        workers,
        'Quanzi tx/s': Math.round(qRate),
        'classic bare tx/s': Math.round(bRate),
        'Quanzi ÷ bare': `${(qRate / bRate).toFixed(2)}×`,
        'Quanzi CPU µs/tx': Math.round(median(q.map((r) => r.cpuUs))),
        'bare CPU µs/tx': Math.round(median(b.map((r) => r.cpuUs))),
        'runs tx/s Quanzi | bare': `${q.map((r) => Math.round(r.rate)).join(' ')} | ${b.map((r) => Math.round(r.rate)).join(' ')}`,
      });
      console.error(
        `bench/ledger: ${variant} × ${workers} workers: Quanzi ${Math.round(qRate)} tx/s, classic bare ${Math.round(bRate)} tx/s`,
      );
    }
  }

  // --bulk: one batch of BATCH transfers per transaction, one worker (a job), both ways.
  const bulk = [];
  if (PARTS.bulk) {
    const batchOf = () =>
      Array.from({ length: BATCH }, () => ({
        key: crypto.randomUUID(),
        kind: KIND,
        memo: MEMO,
        postings: [debit(issuer, 1n), credit(members[random(MEMBERS)], 1n)],
      }));
    const loop = (db) => () =>
      transact(db, async (trx) => {
        for (const t of batchOf()) await ledger.transfer(trx, t);
      });
    const many = (db) => () => transact(db, (trx) => ledger.transferMany(trx, batchOf()));
    const l = [];
    const m = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['loop', 'many'] : ['many', 'loop'];
      for (const who of order) {
        const database = connect(url, { max: 1 });
        try {
          (who === 'loop' ? l : m).push(await measure(1, (who === 'loop' ? loop : many)(database.db), BATCH));
        } finally {
          await database.close();
        }
      }
    }
    const lRate = median(l.map((r) => r.rate));
    const mRate = median(m.map((r) => r.rate));
    bulk.push({
      batch: BATCH,
      'transferMany transfers/s': Math.round(mRate),
      'transfer loop transfers/s': Math.round(lRate),
      ratio: `${(mRate / lRate).toFixed(1)}×`,
      'target ≥ 5×': mRate / lRate >= 5 ? 'MET' : 'NOT MET',
      'CPU µs/transfer many | loop': `${median(m.map((r) => r.cpuUs)).toFixed(0)} | ${median(l.map((r) => r.cpuUs)).toFixed(0)}`,
      'runs many | loop': `${m.map((r) => Math.round(r.rate)).join(' ')} | ${l.map((r) => Math.round(r.rate)).join(' ')}`,
    });
    console.error(`bench/ledger: bulk ${BATCH}: transferMany ${Math.round(mRate)}/s, loop ${Math.round(lRate)}/s`);
  }

  const folded = await ledger.foldBalances();
  const settings = await setup.pool.query(
    "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) AS s FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')",
  );
  const verified = await ledger.verify();
  const trial = await ledger.trialBalance('en');
  console.log(
    `\nbench/ledger — ${MEMBERS} member accounts, ${ROUNDS} interleaved rounds of ${WARMUP_MS / 1000} s warm-up + ${SECONDS} s (medians), ${os.cpus().length} cores`,
  );
  console.log(
    `${where}; pool size = workers; statements per transfer: Quanzi spread ${sent.spread.length}, hot ${sent.hot.length} ` +
      `(BEGIN … COMMIT; platform accounts not locked), classic bare ${sent.bare.length}; server ${settings.rows[0].s}\n`,
  );
  let met = true;
  if (results.length) {
    console.log(table(results));
    const hotRows = WORKERS.map((w) => {
      const hot = rates.get(`hot:${w}`);
      const spread = rates.get(`spread:${w}`);
      const bareHot = results.find((r) => r.variant === 'hot' && r.workers === w)['classic bare tx/s'];
      const floor = hot / spread >= 0.8;
      met &&= floor;
      return {
        workers: w,
        'hot ÷ spread (Quanzi)': `${(hot / spread).toFixed(2)}×`,
        'floor ≥ 0.8×': floor ? 'MET' : 'NOT MET',
        'hot Quanzi ÷ classic bare hot': `${(hot / bareHot).toFixed(2)}×`,
        'moonshot ≥ 1.5×': hot / bareHot >= 1.5 ? 'MET' : 'NOT MET',
      };
    });
    console.log(`\n--hot: one shared platform account vs spread accounts, same run\n${table(hotRows)}`);
  }
  if (bulk.length) {
    console.log(`\n--bulk: ${BATCH} transfers in one transaction, 1 worker\n${table(bulk)}`);
    met &&= bulk[0]['target ≥ 5×'] === 'MET';
  }
  console.log(`\ntargets: ${met ? 'MET' : 'NOT MET'}`);
  console.log(
    `books after the run (${folded} platform accounts folded): ${verified.accounts} accounts, ${verified.transfers} transfers, ${verified.entries} entries; ` +
      `balances = sum of entries and every transfer sums to zero: ${verified.ok ? 'yes' : 'NO'}` +
      `${verified.ok ? '' : ` (${verified.mismatchedAccounts.length} accounts, ${verified.unbalancedTransfers.length} transfers off)`}; ` +
      `trial balance total: ${trial.total}`,
  );
  if (!verified.ok || trial.total !== '0') process.exitCode = 1;
} finally {
  await setup.close();
  await cleanup();
}
