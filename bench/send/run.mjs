// bench/send: a marketing send to 100,000 members through the touch layer — segment pages →
// preference, quiet-hour and daily-cap checks → messages, deliveries and inbox rows per batch
// (the in-app sandbox channel delivers in the batch's transaction) — next to a bare bulk insert of
// the same rows (messages, deliveries, inbox rows and cap touches: four INSERT … SELECT in one
// transaction), in the same run. While the send runs, a domain event is emitted every 20 ms and the
// time until its notification is in the member's inbox is measured (outbox dispatcher running).
// Env: BENCH_MEMBERS (default 100000), BENCH_BATCH (members per batch, default the module's).
// Database: DATABASE_URL or the embedded PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from '../lib.mjs';
import { importApiSource, openBenchDatabase } from '../api-source.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);

const { connect, createNotificationsModule, createPiiVault, loadConfig, migrate, Outbox, startEmbeddedPostgres } = await importApiSource(
  path.join(here, 'entry.ts'),
  'send',
);
const database = await openBenchDatabase('send', startEmbeddedPostgres);
const { db, pool, close } = connect(database.url, { max: 8 });
const quiet = { info: () => undefined, warn: () => undefined, error: (...a) => console.error(...a), debug: () => undefined };
const now = new Date('2026-11-24T02:00:00Z'); // 10:00 Shanghai: outside quiet hours
const clock = { now: () => now };

try {
  await migrate(pool, path.join(root, 'apps/api/migrations'));
  await pool.query(
    `INSERT INTO members (phone_last4, nickname, agreement_version, agreement_accepted_at, created_at)
     SELECT lpad((g % 10000)::text, 4, '0'), '会员' || g, 'v1', now(), now() FROM generate_series(1, $1) g`,
    [MEMBERS],
  );
  // 5% switched campaign news off in the app: the send must skip them.
  await pool.query(
    `INSERT INTO notification_topic_preferences (member_id, topic, channel, enabled, updated_at)
     SELECT id, 'campaign_news', 'in_app', false, now() FROM members WHERE ('x' || substr(md5(id::text), 1, 8))::bit(32)::int % 20 = 0`,
  );
  const { rows: op } = await pool.query(`SELECT gen_random_uuid() AS id`);
  const { rows: tpl } = await pool.query(
    `INSERT INTO notification_templates (code, name, topic, channels, current_version, created_at, updated_at)
     VALUES ('bench.campaign', '基准活动', 'campaign_news', '{in_app}', 1, now(), now()) RETURNING id`,
  );
  await pool.query(
    `INSERT INTO notification_template_versions (template_id, version, content, variables, created_by, created_at)
     VALUES ($1, 1, $2, '{name}', $3, now())`,
    [tpl[0].id, JSON.stringify({ 'zh-CN': { title: '{{name}}开放报名', body: '本周六线上讲座：{{name}}，欢迎报名' } }), op[0].id],
  );
  const send = async (name) =>
    (
      await pool.query(
        `INSERT INTO notification_sends (template_id, template_version, name, segment, variables, channels, status, scheduled_at,
           audience_estimate, requires_approval, created_by, created_at)
         VALUES ($1, 1, $2, '{}', '{"name":"理财讲座"}', '{in_app}', 'scheduled', $5, $3, false, $4, now()) RETURNING id`,
        [tpl[0].id, name, MEMBERS, op[0].id, new Date(now.getTime() - 60_000)],
      )
    ).rows[0].id;

  const config = loadConfig({ QUANZI_SECRET: 'b'.repeat(40) }, ['node', 'main']);
  config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-send-'));
  const outbox = new Outbox(db, pool, quiet);
  // The other modules' doors, answered from the same tables they own (no growth filters, no products).
  const ports = {
    identity: {
      audiencePage: async ({ after, limit }) =>
        (
          await pool.query(`SELECT id FROM members WHERE status = 'active' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`, [
            after,
            limit,
          ])
        ).rows.map((r) => r.id),
      phonesOf: async () => new Map(),
      memberIdByPhone: async () => undefined,
    },
    suitability: { coveringMembers: async (ids) => ids },
    community: { membersOfAnyGroup: async (_g, ids) => ids },
    compliance: {
      checkPromotion: async () => ({ ok: true, violations: [], products: [], unknownProductIds: [], missingRiskWarnings: [] }),
    },
    audit: { record: async () => undefined },
    sms: { texts: { name: 'none', sendText: async () => ({ providerId: '' }) } },
  };
  const platform = {
    db,
    clock,
    outbox,
    logger: quiet,
    realtime: { publisher: { publish: async () => undefined } },
    vault: createPiiVault('b'.repeat(40)),
    config,
  };
  const touch = createNotificationsModule(platform, ports);
  touch.subscribe();
  await outbox.start();

  // The event → inbox probe: community.replied to a member, every 20 ms, while the send runs.
  const { rows: probeMember } = await pool.query(`SELECT id FROM members ORDER BY id DESC LIMIT 1`);
  const latencies = [];
  let probing = true;
  const pending = new Map();
  const probe = (async () => {
    while (probing) {
      const c = await pool.connect();
      let id;
      try {
        await c.query('BEGIN');
        const r = await c.query(`INSERT INTO outbox_events (name, payload) VALUES ('community.replied', $1) RETURNING id`, [
          JSON.stringify({
            memberIds: [probeMember[0].id],
            authorName: '小周',
            groupName: '稳健理财交流圈',
            excerpt: '同意',
            link: '/community',
          }),
        ]);
        await c.query(`SELECT pg_notify('quanzi_outbox', '')`);
        await c.query('COMMIT');
        id = r.rows[0].id;
      } finally {
        c.release();
      }
      pending.set(`${id}:${probeMember[0].id}`, performance.now());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // One watcher for every pending event (a query per 10 ms, not one per event), so the probe itself
  // does not load the database it measures.
  const watcher = (async () => {
    while (probing || pending.size) {
      if (pending.size) {
        const seen = performance.now();
        const { rows } = await pool.query(`SELECT source_event_id FROM notifications WHERE source_event_id = ANY($1)`, [
          [...pending.keys()],
        ]);
        for (const r of rows) {
          latencies.push(seen - pending.get(r.source_event_id));
          pending.delete(r.source_event_id);
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();

  const ours = await send('ours');
  const t0 = performance.now();
  const result = await touch.runSend(ours, process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {});
  const oursMs = performance.now() - t0;
  probing = false;
  await probe;
  await watcher;
  await outbox.stop();

  // Bare: the same rows for a second send, no checks, one transaction.
  const bare = await send('bare');
  const c = await pool.connect();
  const t1 = performance.now();
  try {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO notification_messages (member_id, send_id, topic, marketing, template_id, template_version, title, body, sms_text, variables, created_at)
       SELECT m.id, $1, 'campaign_news', true, $2, 1, '理财讲座开放报名', '本周六线上讲座：理财讲座，欢迎报名', '本周六线上讲座：理财讲座，欢迎报名 回T退订',
              '{"name":"理财讲座"}', $3
       FROM members m`,
      [bare, tpl[0].id, now],
    );
    await c.query(
      `INSERT INTO notification_deliveries (message_id, member_id, send_id, channel, status, reason, next_attempt_at, created_at, updated_at, delivered_at, provider)
       SELECT m.id, m.member_id, m.send_id, 'in_app', CASE WHEN p.member_id IS NULL THEN 'delivered' ELSE 'skipped' END,
              CASE WHEN p.member_id IS NULL THEN NULL ELSE 'opted_out' END, $2, $2, $2, $2, 'inbox'
       FROM notification_messages m
       LEFT JOIN notification_topic_preferences p ON p.member_id = m.member_id AND p.topic = 'campaign_news' AND p.channel = 'in_app' AND NOT p.enabled
       WHERE m.send_id = $1`,
      [bare, now],
    );
    await c.query(
      `INSERT INTO notifications (member_id, kind, title, body, source_event_id, created_at)
       SELECT member_id, 'marketing', '理财讲座开放报名', '本周六线上讲座：理财讲座，欢迎报名', 'bare:' || message_id, $2
       FROM notification_deliveries WHERE send_id = $1 AND status = 'delivered'`,
      [bare, now],
    );
    await c.query(
      `INSERT INTO notification_cap_usage (member_id, day, used)
       SELECT member_id, '2026-11-25', 1 FROM notification_deliveries WHERE send_id = $1 AND status = 'delivered'`,
      [bare],
    );
    await c.query('COMMIT');
  } finally {
    c.release();
  }
  const bareMs = performance.now() - t1;

  const { rows: check } = await pool.query(
    `SELECT (SELECT COUNT(*) FROM notification_messages WHERE send_id = $1)::int AS messages,
            (SELECT COUNT(*) FROM notification_deliveries WHERE send_id = $1 AND status = 'delivered')::int AS delivered,
            (SELECT COUNT(*) FROM notification_deliveries WHERE send_id = $2 AND status = 'delivered')::int AS bare_rows,
            (SELECT COUNT(*) FROM notification_topic_preferences)::int AS opted_out,
            (SELECT COUNT(*) FROM (SELECT member_id FROM notification_messages WHERE send_id = $1 GROUP BY member_id HAVING COUNT(*) > 1) d)::int AS doubled`,
    [ours, bare],
  );
  const k = check[0];
  const rate = (n, ms) => Math.round((n / ms) * 1000);
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1) : '—');
  console.log(`\nbench/send — ${MEMBERS.toLocaleString()} members, ${database.where}, ${os.cpus().length} cores`);
  console.log(
    table([
      {
        run: 'ours: send (segment → checks → enqueue → inbox)',
        time: `${(oursMs / 1000).toFixed(2)} s`,
        'messages/s': rate(k.delivered, oursMs),
        rows: `${k.delivered} delivered, ${k.opted_out} opted out, ${result.batches} batches`,
      },
      {
        run: 'bare: bulk insert of the same rows',
        time: `${(bareMs / 1000).toFixed(2)} s`,
        'messages/s': rate(k.bare_rows, bareMs),
        rows: `${k.bare_rows} delivered`,
      },
    ]),
  );
  const ratio = rate(k.delivered, oursMs) / rate(k.bare_rows, bareMs);
  console.log(`ratio ours/bare: ${ratio.toFixed(2)}× (floor 0.5×)`);
  console.log(`outbox event → inbox under that load: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms over ${latencies.length} events`);
  if (k.messages !== MEMBERS || k.delivered + k.opted_out !== MEMBERS || k.bare_rows !== k.delivered || k.doubled) {
    console.error('CHECK FAILED', k);
    process.exitCode = 1;
  }
  if (ratio < 0.5) process.exitCode = 1;
} finally {
  await close();
  await database.cleanup();
}
