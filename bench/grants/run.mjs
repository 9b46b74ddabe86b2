// bench/grants: N qualifying investment events (default 100,000; BENCH_EVENTS to shrink) through the
// campaign engine — growth.handleEvent: the event kept, the running campaign found, conditions
// (amount, time window), the amount tier chosen, the (campaign, event) claim, risk.assess recorded,
// the day's and total budget taken by conditional statements, points earned through loyalty's
// points ledger, the grant finished, growth.granted emitted — next to the same inserts and updates
// written bare on a pg client in BEGIN … COMMIT (same order: effects, then the budget rows; an over-budget
// event rolled back and its refusal recorded in a second transaction), in the same run, with BENCH_WORKERS (default 8)
// events in flight. The count budget is 90% of the events, so the run ends with the campaign
// exhausted: the check is that exactly the budget was granted and the points match the tiers.
// Target: engine ≥ 0.3× bare.
// Database: DATABASE_URL (a throwaway database, dropped at the end) or the embedded PostgreSQL.
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from '../lib.mjs';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const EVENTS = Number(flag('events') ?? process.env.BENCH_EVENTS ?? 100_000);
const WORKERS = Number(flag('workers') ?? process.env.BENCH_WORKERS ?? 8);
const MEMBERS = 1000;
const BUDGET = Math.floor(EVENTS * 0.9);
const TIERS = [
  { minAmount: '100', points: 10 },
  { minAmount: '100000', points: 50 },
  { minAmount: '1000000', points: 200 },
];
const AMOUNTS = ['100', '50000', '100000', '999999', '1000000', '5000000'];
const tierOf = (amount) => {
  let t = -1;
  TIERS.forEach((tier, i) => {
    if (BigInt(amount) >= BigInt(tier.minAmount)) t = i;
  });
  return t;
};

const {
  connect,
  createAuditModule,
  createGrowthModule,
  createLoyaltyModule,
  createRiskModule,
  migrate,
  Outbox,
  startEmbeddedPostgres,
  systemClock,
} = await importApiSource(path.join(here, 'entry.ts'), 'grants');
const database = await openBenchDatabase('grants', startEmbeddedPostgres);
const { db, pool, close } = connect(database.url, { max: WORKERS + 2 });
const quiet = { info: () => undefined, warn: () => undefined, error: (...a) => console.error(...a), debug: () => undefined };

const members = Array.from({ length: MEMBERS }, () => crypto.randomUUID());
const events = Array.from({ length: EVENTS }, (_, i) => ({
  memberId: members[i % MEMBERS],
  amount: AMOUNTS[crypto.randomInt(AMOUNTS.length)],
}));

async function inFlight(n, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

try {
  await migrate(pool, path.join(root, 'apps/api/migrations'));
  const platform = { db, clock: systemClock, outbox: new Outbox(db, pool, quiet), logger: quiet };
  const audit = createAuditModule(platform);
  const risk = createRiskModule(platform);
  const unused = new Proxy(
    {},
    {
      get: (_, name) => () => {
        throw new Error(`bench: ${String(name)} not expected`);
      },
    },
  );
  const investing = new Proxy({ attachCoupons: () => undefined }, { get: (target, name) => target[name] ?? unused[name] });
  const loyalty = createLoyaltyModule(platform, { audit, identity: unused, investing });
  const growth = createGrowthModule(platform, {
    audit,
    ledger: unused,
    investing,
    notifications: unused,
    risk,
    community: unused,
    suitability: unused,
    loyalty,
  });
  const op = { operatorId: crypto.randomUUID(), displayName: '基准', username: 'bench', roles: ['admin'], permissions: new Set() };
  const now = Date.now();
  const definition = (name) => ({
    name,
    trigger: 'investment',
    conditions: [
      { kind: 'amount_min', min: '100' },
      { kind: 'time_window', from: '00:00', to: '23:59' },
    ],
    tiers: TIERS.map((t) => ({ minAmount: t.minAmount, effects: [{ kind: 'points', points: t.points }] })),
    budget: { totalCount: BUDGET },
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 86_400_000).toISOString(),
  });
  const campaign = await growth.createCampaign(op, definition('基准·引擎'), null);

  // --- through the engine ---
  const t0 = performance.now();
  await inFlight(EVENTS, (i) =>
    growth.handleEvent({
      id: crypto.randomUUID(),
      seq: 0n,
      name: 'investing.purchased',
      payload: {
        memberId: events[i].memberId,
        productId: crypto.randomUUID(),
        orderId: crypto.randomUUID(),
        amount: events[i].amount,
        fundedBy: 'cash',
        source: null,
      },
      occurredAt: new Date(),
    }),
  );
  const engineSeconds = (performance.now() - t0) / 1000;

  // --- bare: the same rows, no module code (a second campaign row, same budget) ---
  const bare = await growth.createCampaign(op, definition('基准·裸写'), null);
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const t1 = performance.now();
  await inFlight(EVENTS, async (i) => {
    const { memberId, amount } = events[i];
    const eventId = crypto.randomUUID();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const at = new Date();
      const payload = JSON.stringify({ memberId, amount, fundedBy: 'cash' });
      await client.query('INSERT INTO growth_events (id, name, member_id, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)', [
        eventId,
        'investing.purchased',
        memberId,
        payload,
        at,
      ]);
      const tier = tierOf(amount);
      const ref = `campaign:${bare.id}:event:${eventId}`;
      const { rows: g } = await client.query(
        `INSERT INTO growth_grants (campaign_id, event_id, member_id, status, tier, cost, effects, created_at) VALUES ($1, $2, $3, 'granted', $4, 0, '[]', $5) RETURNING id`,
        [bare.id, eventId, memberId, tier, at],
      );
      const { rows: d } = await client.query(
        `INSERT INTO risk_decisions (use, ref, member_id, amount, decision, score, reasons, rule_set, context, decided_at) VALUES ('reward_grant', $1, $2, 0, 'allow', 0, '[]', 'allow-all', '{}', $3) RETURNING id`,
        [ref, memberId, at],
      );
      await client.query(
        `UPDATE growth_grants SET risk_decision_id = $2, risk_decision = 'allow', risk_score = 0, risk_rule_set = 'allow-all' WHERE id = $1`,
        [g[0].id, d[0].id],
      );
      // The same order as the engine: effects first, the budget rows last (locked only for the tail).
      const points = TIERS[tier].points;
      const { rows: acct } = await client.query(
        `INSERT INTO loyalty_point_accounts (member_id, balance, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (member_id) DO UPDATE SET balance = loyalty_point_accounts.balance + EXCLUDED.balance, updated_at = EXCLUDED.updated_at RETURNING balance`,
        [memberId, points, at],
      );
      const { rows: e } = await client.query(
        `INSERT INTO loyalty_point_entries (member_id, kind, points, balance_after, source, ref, reason, key, created_at)
         VALUES ($1, 'earn', $2, $3, 'campaign', $4, '基准', $5, $6) RETURNING id`,
        [memberId, points, acct[0].balance, `${ref}:0`, `op:${ref}:0`, at],
      );
      await client.query(
        `INSERT INTO loyalty_point_lots (member_id, entry_id, points, remaining, expires_at, created_at) VALUES ($1, $2, $3, $3, NULL, $4)`,
        [memberId, e[0].id, points, at],
      );
      await client.query(
        `INSERT INTO growth_campaign_days AS d (campaign_id, day, spent_money, count) VALUES ($1, $2, 0, 1) ON CONFLICT (campaign_id, day) DO UPDATE SET count = d.count + 1`,
        [bare.id, day],
      );
      const { rows: taken } = await client.query(
        `UPDATE growth_campaigns SET granted_count = granted_count + 1 WHERE id = $1 AND status = 'active' AND granted_count < budget_count RETURNING granted_count`,
        [bare.id],
      );
      if (!taken.length) {
        // Over budget: undo and record the refusal on its own, as the engine does.
        await client.query('ROLLBACK');
        await client.query('BEGIN');
        const { rows: refused } = await client.query(
          `INSERT INTO growth_grants (campaign_id, event_id, member_id, status, tier, cost, effects, created_at) VALUES ($1, $2, $3, 'budget_exhausted', $4, 0, '[]', $5) RETURNING id`,
          [bare.id, eventId, memberId, tier, at],
        );
        const { rows: rd } = await client.query(
          `INSERT INTO risk_decisions (use, ref, member_id, amount, decision, score, reasons, rule_set, context, decided_at) VALUES ('reward_grant', $1, $2, 0, 'allow', 0, '[]', 'allow-all', '{}', $3) RETURNING id`,
          [ref, memberId, at],
        );
        await client.query(`UPDATE growth_grants SET risk_decision_id = $2, risk_decision = 'allow' WHERE id = $1`, [
          refused[0].id,
          rd[0].id,
        ]);
      } else {
        await client.query(`UPDATE growth_grants SET effects = $2 WHERE id = $1`, [
          g[0].id,
          JSON.stringify([{ kind: 'points', summary: `积分 ${points}` }]),
        ]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
  const bareSeconds = (performance.now() - t1) / 1000;

  // --- the budget, exactly ---
  const detail = await growth.campaign(campaign.id);
  const { rows: pts } = await pool.query(
    `SELECT coalesce(sum(e.points), 0)::bigint AS points, count(*)::int AS n FROM loyalty_point_entries e WHERE e.ref LIKE $1`,
    [`campaign:${campaign.id}:%`],
  );
  const { rows: expected } = await pool.query(
    `SELECT coalesce(sum(CASE tier ${TIERS.map((t, i) => `WHEN ${i} THEN ${t.points}`).join(' ')} END), 0)::bigint AS points FROM growth_grants WHERE campaign_id = $1 AND status = 'granted'`,
    [campaign.id],
  );
  const exact =
    detail.grantedCount === BUDGET &&
    detail.grants.granted === BUDGET &&
    detail.status === 'exhausted' &&
    pts[0].n === BUDGET &&
    pts[0].points === expected[0].points;

  const engineRate = EVENTS / engineSeconds;
  const bareRate = EVENTS / bareSeconds;
  const ratio = engineRate / bareRate;
  console.log(`\nbench/grants — ${EVENTS} qualifying events, ${WORKERS} in flight, count budget ${BUDGET}; ${database.where}`);
  console.log(
    table([
      { path: 'campaign engine (growth.handleEvent)', 'events/s': engineRate.toFixed(0), seconds: engineSeconds.toFixed(1) },
      { path: 'same rows, bare SQL', 'events/s': bareRate.toFixed(0), seconds: bareSeconds.toFixed(1) },
    ]),
  );
  console.log(`ratio engine/bare: ${ratio.toFixed(2)}× (target ≥ 0.30×) ${ratio >= 0.3 ? 'PASS' : 'FAIL'}`);
  console.log(
    `budget: granted ${detail.grantedCount}/${BUDGET}, grants log ${detail.grants.granted} granted + ${detail.grants.budgetExhausted} refused, status ${detail.status}, points entries ${pts[0].n} (${pts[0].points} points, tiers say ${expected[0].points}) — ${exact ? 'EXACT' : 'MISMATCH'}`,
  );
  if (!exact || ratio < 0.3) process.exitCode = 1;
} finally {
  await close();
  await database.cleanup();
}
