// Quanzi under benchmark: one instance on its own embedded PostgreSQL, or two instances on one
// fresh server database joined by Redis (when DATABASE_URL and REDIS_URL are set).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, waitForHealth } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const canRunTwoInstances = () => !!(process.env.DATABASE_URL && process.env.REDIS_URL);

export async function startQuanzi(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js'), ...(env.DATABASE_URL ? ['--demo'] : [])], {
    env: { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/api/health`, 90_000);
  return { base, ws: `ws://127.0.0.1:${port}/ws`, stop: () => (child.kill('SIGTERM'), new Promise((r) => child.once('exit', r))) };
}

/** `{ list, cleanup }`: one embedded instance, or (two = true) two instances sharing a server database and Redis. */
export async function quanziInstances({ two }) {
  if (!two) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-'));
    fs.chmodSync(dataDir, 0o777);
    const a = await startQuanzi({ QUANZI_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' });
    return { list: [a], cleanup: async () => (await a.stop(), fs.rmSync(dataDir, { recursive: true, force: true })) };
  }
  const name = `quanzi_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), QUANZI_SECRET: crypto.randomBytes(32).toString('hex') };
  // The first applies migrations and seeds; the second joins a ready database.
  const a = await startQuanzi(env);
  const b = await startQuanzi(env);
  return {
    list: [a, b],
    cleanup: async () => {
      await a.stop();
      await b.stop();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The demo member's session (every socket uses it: benchmarks measure fan-out, not logins) and an admin's broadcast. */
export async function benchSessions(base) {
  const post = async (p, body) =>
    (
      await fetch(`${base}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify(body),
      })
    ).json();
  const member = await post('/api/v1/auth/login', { phone: '13800000001', password: 'Quanzi2026' });
  const admin = await post('/api/v1/console/auth/login', { username: 'admin', password: 'Quanzi2026' });
  const channel = `user:${member.member.id}`;
  return {
    channel,
    headersFor: (inst) => ({ origin: inst.base, cookie: `qz_session=${member.token}` }),
    broadcast: (name, data) =>
      fetch(`${base}/api/v1/console/realtime/broadcast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ channel, name, data }),
      }),
  };
}
