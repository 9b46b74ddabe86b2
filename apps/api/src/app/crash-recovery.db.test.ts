import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { TEST_SECRET } from '../../test/harness.js';
import { PAYMENT_PASSWORD, verifiedMemberSeeds } from '../../test/wallet-flows.js';
import { loadConfig } from '../platform/config.js';
import { startSystem } from './system.js';

/**
 * Issue 13 item 5's acceptance run: the real server (its own process, role all, on PostgreSQL) is
 * killed with SIGKILL in the middle of 200 concurrent top-ups and withdrawals, restarted, and every
 * request is retried with its key. The books balance, every 2xx answered before the kill is in the
 * books, every top-up is payable and every withdrawal is paid (or returned) within two minutes.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const logger = pino({ level: 'silent' });
const MEMBERS = 20;
const PER_MEMBER = 5; // top-ups and as many withdrawals each: 200 requests
const FUNDED = 10_000n;

let database: TestDatabase | undefined;
let server: ChildProcess | undefined;
afterAll(async () => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  await database?.drop();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The server from source, in its own process group so SIGKILL takes all of it at once. */
async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/vite-node'), ['apps/api/src/main.ts'], {
    cwd: repoRoot,
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: url,
      QUANZI_SECRET: TEST_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Each member calls from its own address (X-Forwarded-For), as phones would.
      TRUST_PROXY: '1',
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

describe('kill -9 under 200 concurrent top-ups and withdrawals', () => {
  it('restarts with balanced books, every answered request booked, every top-up payable and every withdrawal paid', async () => {
    database = await createTestDatabase();
    const seeds = verifiedMemberSeeds(MEMBERS);
    {
      const config = loadConfig({ DATABASE_URL: database.url, QUANZI_SECRET: TEST_SECRET, PORT: '0' } as NodeJS.ProcessEnv, [
        'node',
        'main',
        '--role=http',
      ]);
      const seeding = await startSystem(config, logger, { listen: false });
      await seeding.modules.identity.seedDemo(seeds);
      await seeding.stop();
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const ipOf = new Map<string | null, string>();
    const request = async (method: string, url: string, token: string | null, body?: unknown, key?: string, ip?: string) => {
      const headers: Record<string, string> = { 'x-forwarded-for': ip ?? ipOf.get(token) ?? '10.9.0.1' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (key) headers['idempotency-key'] = key;
      const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: () => JSON.parse(text) };
    };
    server = await startServer(database.url, port);

    // Sessions live in the database: they outlast the crash.
    const members = await Promise.all(
      seeds.map(async (s, i) => {
        const ip = `10.9.1.${i + 1}`;
        const res = await request('POST', '/api/v1/auth/login', null, { phone: s.phone, password: 'Quanzi2026' }, undefined, ip);
        expect(res.status).toBe(200);
        ipOf.set(res.json().token, ip);
        return { token: res.json().token as string };
      }),
    );
    // Funded first, through the sandbox's pay page and its signed callback.
    for (const m of members) {
      const top = await request('POST', '/api/v1/wallet/top-ups', m.token, { amount: String(FUNDED) }, crypto.randomUUID());
      expect(top.status).toBe(201);
      // The SDK's signed redirect: the gateway opens the cashier of a new trade.
      const opened = await fetch(String(top.json().payUrl), { redirect: 'manual' });
      const tradeNo = String(opened.headers.get('location')).split('/sandbox/pay/')[1];
      expect((await fetch(`${base}/sandbox/payments/${tradeNo}/pay`, { method: 'POST' })).status).toBeLessThan(400);
    }
    for (const m of members) {
      for (let i = 0; ; i++) {
        if ((await request('GET', '/api/v1/wallet', m.token)).json().available === String(FUNDED)) break;
        if (i > 300) throw new Error('funding callback never arrived');
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    type Sent = { kind: 'top_up' | 'withdrawal'; token: string; key: string; body: unknown; before?: { status: number; id: string } };
    const sent: Sent[] = members.flatMap((m) =>
      Array.from({ length: PER_MEMBER }, (): Sent[] => [
        { kind: 'top_up', token: m.token, key: crypto.randomUUID(), body: { amount: '100' } },
        { kind: 'withdrawal', token: m.token, key: crypto.randomUUID(), body: { amount: '100', paymentPassword: PAYMENT_PASSWORD } },
      ]).flat(),
    );
    const path_ = (s: Sent) => (s.kind === 'top_up' ? '/api/v1/wallet/top-ups' : '/api/v1/wallet/withdrawals');
    const idOf = (s: Sent, body: { orderId?: string; id?: string }) => (s.kind === 'top_up' ? body.orderId : body.id)!;
    let answered = 0;
    const inFlight = sent.map((s) =>
      request('POST', path_(s), s.token, s.body, s.key).then(
        (res) => {
          answered++;
          if (res.status >= 200 && res.status < 300) s.before = { status: res.status, id: idOf(s, res.json()) };
        },
        () => undefined, // the connection died with the server
      ),
    );
    // The kill lands mid-burst: some requests answered, some committed without an answer, some never started.
    const killAt = Date.now() + 3_000;
    while (answered < 20 && Date.now() < killAt) await new Promise((r) => setTimeout(r, 5));
    await kill9(server);
    await Promise.all(inFlight);
    const answeredBefore = sent.filter((s) => s.before).length;
    expect(answeredBefore).toBeLessThan(sent.length);
    const { rows: atKill } = await sql<{ committed: number; unpayable: number; unsent: number }>`
      SELECT COUNT(*)::int AS committed,
             COUNT(*) FILTER (WHERE type = 'top_up' AND pay_url IS NULL)::int AS unpayable,
             COUNT(*) FILTER (WHERE type = 'withdrawal' AND gateway_ref IS NULL)::int AS unsent
      FROM wallet_orders WHERE created_at > now() - interval '1 minute' AND amount = 100`.execute(database.db);
    console.info(`kill -9 after ${answeredBefore} answers: ${JSON.stringify(atKill[0])}`);

    server = await startServer(database.url, port);
    const retried = await Promise.all(
      sent.map(async (s) => {
        const deadline = Date.now() + 45_000;
        for (;;) {
          const res = await request('POST', path_(s), s.token, s.body, s.key);
          // 409: the dead process's claim, for at most 15 s; 503: the gateway step, retried by the client.
          if ((res.status !== 409 && res.status !== 503) || Date.now() > deadline) return { s, res };
          await new Promise((r) => setTimeout(r, 500));
        }
      }),
    );
    for (const { s, res } of retried) {
      expect(res.status, JSON.stringify(res.json())).toBe(201);
      const body = res.json();
      if (s.before) expect(idOf(s, body)).toBe(s.before.id);
      if (s.kind === 'top_up') expect(body.payUrl).toMatch(/\/sandbox\/alipay\/gateway\.do\?./);
    }

    // Every withdrawal reaches the gateway and ends within two minutes; none stays paying.
    const withdrawals = retried
      .filter(({ s }) => s.kind === 'withdrawal')
      .map(({ s, res }) => ({ token: s.token, id: res.json().id as string }));
    const deadline = Date.now() + 120_000;
    for (const w of withdrawals) {
      for (;;) {
        const status = (await request('GET', `/api/v1/wallet/orders/${w.id}`, w.token)).json().status;
        if (status === 'succeeded' || status === 'failed') break;
        if (Date.now() > deadline) throw new Error(`withdrawal ${w.id} still ${status}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const shutdown = new Promise((r) => server!.once('exit', r));
    process.kill(-server.pid!, 'SIGTERM');
    await shutdown;

    const config = loadConfig({ DATABASE_URL: database.url, QUANZI_SECRET: TEST_SECRET, PORT: '0' } as NodeJS.ProcessEnv, [
      'node',
      'main',
      '--role=http',
    ]);
    const books = await startSystem(config, logger, { listen: false });
    try {
      expect(await books.modules.ledger.verify()).toMatchObject({ ok: true });
      expect((await books.modules.ledger.trialBalance('zh-CN')).total).toBe('0');
      const { rows } = await sql<{ type: string; n: number }>`
        SELECT type, COUNT(*)::int AS n FROM wallet_orders WHERE request_key IS NOT NULL GROUP BY type ORDER BY type`.execute(
        books.platform.db,
      );
      // One order per request: the funding top-ups plus the 100 of each kind, never a second for a retried key.
      expect(rows).toEqual([
        { type: 'top_up', n: MEMBERS + MEMBERS * PER_MEMBER },
        { type: 'withdrawal', n: MEMBERS * PER_MEMBER },
      ]);
      const { rows: unsent } = await sql<{ n: number }>`
        SELECT COUNT(*)::int AS n FROM wallet_orders
         WHERE (status = 'pending' AND pay_url IS NULL) OR (status = 'paying' AND gateway_ref IS NULL)`.execute(books.platform.db);
      expect(unsent[0]!.n).toBe(0);
    } finally {
      await books.stop();
    }
  }, 300_000);
});
