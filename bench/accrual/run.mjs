// bench/accrual: one night's demand earnings for 100,000 holdings through the investing module
// (exact accrual, cumulative-floor crediting, one ledger transfer per batch with a posting per
// member, the earnings history) next to a bare set-based SQL statement doing the same arithmetic on
// the same holdings, in the same run. Prints time and holdings/s for both, then checks the books.
// Env: BENCH_HOLDINGS (default 100000). Database as bench/ledger: DATABASE_URL or embedded.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from '../lib.mjs';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const HOLDINGS = Number(process.env.BENCH_HOLDINGS ?? 100_000);
const UNITS = 6512n; // 万份收益 0.6512 yuan

const { accrueDemandEarnings, connect, createLedgerModule, migrate, startEmbeddedPostgres } = await importApiSource(
  path.join(here, 'entry.ts'),
  'accrual',
);
const database = await openBenchDatabase('accrual', startEmbeddedPostgres);
const { db, pool, close } = connect(database.url, { max: 4 });
const quiet = { info: () => undefined, warn: () => undefined, error: (...a) => console.error(...a) };

try {
  await migrate(pool, path.join(root, 'apps/api/migrations'));
  // 100,000 members each holding the product since before the day (value date yesterday).
  const day = '2026-11-24';
  const now = new Date('2026-11-24T16:05:00Z'); // 00:05 Shanghai on the 25th
  const { rows: issuer } = await pool.query(
    `INSERT INTO invest_issuers (name, kind, license_no, custodian, created_at) VALUES ('基准发行机构', 'fund', 'B-1', '基准托管行', now()) RETURNING id`,
  );
  const { rows: product } = await pool.query(
    `INSERT INTO invest_products (code, name, issuer_id, type, risk_level, benchmark_bps, min_amount, max_per_person, total_quota, sold_amount,
       sale_starts_at, sale_ends_at, status, disclosures, contract_version, created_at, updated_at)
     VALUES ('BENCH-CASH', '基准活期', $1, 'demand', 1, 180, 100, 100000000000, 100000000000000, 0, now() - interval '30 days', now() + interval '1 year',
       'on_sale', '{}'::jsonb, 'v1', now(), now()) RETURNING id`,
    [issuer[0].id],
  );
  const productId = product[0].id;
  const seeded = Date.now();
  await pool.query(
    `WITH o AS (
       INSERT INTO invest_orders (member_id, product_id, amount, funded_by, contract_version, risk_accepted_at, created_at)
       SELECT gen_random_uuid(), $1, 100 + (g * 7919) % 10000000, 'cash', 'v1', now(), now() FROM generate_series(1, $2) g
       RETURNING id, member_id, amount)
     INSERT INTO invest_holdings (member_id, product_id, order_id, type, funded_by, principal, value_date, status, created_at, updated_at)
     SELECT member_id, $1, id, 'demand', 'cash', amount, '2026-11-20', 'holding', now(), now() FROM o`,
    [productId, HOLDINGS],
  );
  const seedMs = Date.now() - seeded;
  const declare = (d) =>
    pool.query(
      `INSERT INTO invest_demand_yields (product_id, day, per_10k_units, declared_by, declared_at) VALUES ($1, $2, $3, 'bench', now())`,
      [productId, d, String(UNITS)],
    );

  // Quanzi: the nightly job, exactly as the scheduler runs it.
  await declare(day);
  const ledger = createLedgerModule({ db, clock: { now: () => now } });
  const deps = { db, clock: { now: () => now }, outbox: null, logger: quiet, ledger, identity: null, audit: null, suitability: null };
  const t0 = performance.now();
  const result = await accrueDemandEarnings(deps, now);
  const oursMs = performance.now() - t0;

  // Bare: one set-based statement with the same arithmetic for the next day, same holdings.
  const t1 = performance.now();
  const bare = await pool.query(
    `UPDATE invest_holdings SET accrued_e8 = accrued_e8 + principal::numeric * $2::numeric,
       credited = floor((accrued_e8 + principal::numeric * $2::numeric) / 100000000)::bigint, last_accrued_on = '2026-11-25', updated_at = now()
     WHERE product_id = $1 AND status = 'holding'`,
    [productId, String(UNITS)],
  );
  const bareMs = performance.now() - t1;

  const { rows: check } = await pool.query(
    `SELECT COUNT(*) FILTER (WHERE credited <> floor(accrued_e8 / 100000000)) AS broken_floor,
            (SELECT COUNT(*) FROM invest_earnings) AS earnings_rows,
            (SELECT COALESCE(SUM(amount), 0) FROM invest_earnings) AS earned
     FROM invest_holdings WHERE product_id = $1`,
    [productId],
  );
  const books = await ledger.verify();
  const rows = [
    {
      run: 'Quanzi nightly job (accrue + ledger + history)',
      holdings: result.holdings,
      'time s': (oursMs / 1000).toFixed(2),
      'holdings/s': Math.round(result.holdings / (oursMs / 1000)),
    },
    {
      run: 'bare set-based UPDATE (arithmetic only)',
      holdings: bare.rowCount,
      'time s': (bareMs / 1000).toFixed(2),
      'holdings/s': Math.round(bare.rowCount / (bareMs / 1000)),
    },
  ];
  console.log(
    `\nbench/accrual — one day's 万份收益 for ${HOLDINGS} holdings of ${HOLDINGS} members, ${database.where}, ${os.cpus().length} cores`,
  );
  console.log(`(seeded ${HOLDINGS} orders and holdings in ${(seedMs / 1000).toFixed(1)} s)\n`);
  console.log(table(rows));
  console.log(
    `\ncredited ¥${(Number(result.credited) / 100).toFixed(2)} to ${result.holdings} holdings; earnings rows ${check[0].earnings_rows} summing to ${check[0].earned} fen; ` +
      `holdings breaking the cumulative-floor rule: ${check[0].broken_floor}; books balanced: ${books.ok ? 'yes' : 'NO'} (${books.accounts} accounts, ${books.transfers} transfers)`,
  );
  console.log(
    `ratio: the module takes ${(oursMs / bareMs).toFixed(1)}× the bare statement, and finishes ${HOLDINGS} holdings in ${(oursMs / 1000).toFixed(1)} s (target for 100,000: minutes).`,
  );
} finally {
  await close();
  await database.cleanup();
}
