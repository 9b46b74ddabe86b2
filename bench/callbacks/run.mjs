// bench/callbacks: signed Alipay notifications per second through the real callback route —
// POST /api/v1/payments/callbacks/alipay (form parsing, checkNotifySignV2 in Quanzi's adapter on
// the official alipay-sdk, dedupe by notify_id, order lock, ledger transfer, order update, outbox
// event, one transaction) — next to the same ledger transfers posted directly
// (transact(db, trx => ledger.transfer(trx, …)), the in-transit → member credit of a top-up), on
// the same database in the same run, with the same concurrency. Then every notification is sent
// again (Alipay repeats them): nothing more may be credited, and the trial balance stays 0.
//
// Usage: node bench/callbacks/run.mjs [--n 10000] [--workers 8]  (or BENCH_N / BENCH_WORKERS)
// Requests go through app.inject (Fastify's routing, hooks, parsers and serializers, no socket), so
// the ratio is the cost of the route and its checks, not of the loopback network.
// Database: DATABASE_URL → a throwaway database, dropped at the end; otherwise embedded PostgreSQL.
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from '../lib.mjs';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i > 0 ? process.argv[i + 1] : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback));
};
const N = flag('n', 10_000);
const WORKERS = flag('workers', 8);
const MEMBERS = Math.min(1000, N);

const api = await importApiSource(path.join(here, 'entry.ts'), 'callbacks');
const database = await openBenchDatabase('callbacks', api.startEmbeddedPostgres);
const sys = await api.createBenchSystem(database.url, WORKERS + 2, path.join(root, 'apps/api/migrations'));
const q = (text, values) => sys.pool.query(text, values);

try {
  // The merchant's credentials and the sandbox's key exchange, as the first payment would do them.
  const probe = await sys.modules.wallet.handleCallback('alipay', { params: { notify_id: 'probe' }, headers: {}, rawBody: '' }, null);
  if (probe !== 'fail') throw new Error('an unsigned probe must fail');
  const { rows: keys } = await q('SELECT private_key FROM sandbox_keys LIMIT 1');
  const { rows: creds } = await q("SELECT app_id FROM wallet_gateway_credentials WHERE gateway = 'sandbox'");
  const gatewayKey = keys[0].private_key;
  const appId = creds[0].app_id;

  // 2 × N pending top-ups of ¥1.00 over MEMBERS members (setup, not measured): half for each side.
  const members = Array.from({ length: MEMBERS }, () => crypto.randomUUID());
  const now = new Date();
  const orders = [];
  for (let i = 0; i < 2 * N; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, 2 * N - i) }, () => crypto.randomUUID());
    const who = ids.map((_, j) => members[(i + j) % MEMBERS]);
    await q(
      `INSERT INTO wallet_orders (id, member_id, type, channel, amount, card_id, card_masked, bank_name, status, pay_url, created_at, updated_at)
       SELECT id, member_id, 'top_up', 'alipay', 100, gen_random_uuid(), '6222 **** **** 0000', '沙箱银行', 'pending', 'bench', $3, $3
       FROM unnest($1::uuid[], $2::uuid[]) AS t(id, member_id)`,
      [ids, who, now],
    );
    ids.forEach((id, j) => orders.push({ id, memberId: who[j] }));
  }
  const viaRoute = orders.slice(0, N);
  const direct = orders.slice(N);

  // Every notification signed up front, the way the sandbox signs (everything but sign and sign_type).
  const stamp = now.toISOString().replace('T', ' ').slice(0, 19);
  const bodies = viaRoute.map((o, i) => {
    const params = {
      notify_type: 'trade_status_sync',
      notify_id: crypto.randomBytes(16).toString('hex'),
      notify_time: stamp,
      charset: 'utf-8',
      version: '1.0',
      app_id: appId,
      auth_app_id: appId,
      trade_no: `2026${String(i).padStart(24, '0')}`,
      out_trade_no: o.id,
      buyer_id: '2088000000000001',
      seller_id: '2088000000000002',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '1.00',
      receipt_amount: '1.00',
      buyer_pay_amount: '1.00',
      gmt_create: stamp,
      gmt_payment: stamp,
      sign_type: 'RSA2',
    };
    params.sign = api.rsa2Sign(api.notifySignContent(params), gatewayKey);
    return new URLSearchParams(params).toString();
  });

  async function run(items, one) {
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < items.length) await one(items[next++]);
      }),
    );
    return Number(process.hrtime.bigint() - started) / 1e9;
  }
  const post = async (body) => {
    const res = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/payments/callbacks/alipay',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: body,
    });
    if (res.statusCode !== 200 || res.body !== 'success') throw new Error(`callback answered ${res.statusCode} ${res.body}`);
  };
  const { ledger } = sys.modules;
  const book = (o) =>
    api.transact(sys.db, (trx) =>
      ledger.transfer(trx, {
        key: `topup:${o.id}`,
        kind: 'top_up',
        memo: '充值',
        reference: o.id,
        postings: [api.debit(api.Accounts.paymentsInTransit, 100n), api.credit(api.Accounts.memberAvailable(o.memberId), 100n)],
      }),
    );

  // Warm-up (JIT, connections, prepared caches) on a few of each, not counted.
  const warm = Math.min(50, Math.floor(N / 10));
  await run(bodies.slice(0, warm), post);
  await run(direct.slice(0, warm), book);
  const routeSeconds = await run(bodies.slice(warm), post);
  const directSeconds = await run(direct.slice(warm), book);
  const measured = N - warm;

  // Alipay repeats notifications: every one again, nothing more credited.
  await run(bodies, post);
  const { rows: credited } = await q("SELECT COUNT(*)::int AS n FROM wallet_orders WHERE status = 'succeeded'");
  const { rows: events } = await q("SELECT COUNT(*)::int AS n FROM wallet_gateway_events WHERE outcome = 'credited'");
  const trial = await ledger.trialBalance('zh-CN');
  const verified = await ledger.verify();
  if (credited[0].n !== N || events[0].n !== N)
    throw new Error(`expected ${N} credited orders, got ${credited[0].n} (${events[0].n} events)`);
  if (trial.total !== '0' || !verified.ok) throw new Error('books do not balance');

  const route = measured / routeSeconds;
  const bare = measured / directSeconds;
  console.log(`\nbench/callbacks — ${measured} signed notifications, ${WORKERS} concurrent, ${database.where}`);
  console.log(
    table([
      {
        path: 'POST /api/v1/payments/callbacks/alipay (verify, dedupe, ledger)',
        'per second': route.toFixed(0),
        'ms each': ((WORKERS * 1000) / route).toFixed(2),
      },
      { path: 'ledger.transfer posted directly', 'per second': bare.toFixed(0), 'ms each': ((WORKERS * 1000) / bare).toFixed(2) },
    ]),
  );
  console.log(`ratio route / direct: ${(route / bare).toFixed(2)}×; replayed ${N} notifications: still ${N} credits, trial balance 0`);
} finally {
  await sys.close();
  await database.cleanup();
}
