import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRoot } from '../paths.js';
import { DataDirLockedError, startEmbeddedPostgres } from './embedded.js';

const quiet = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-embedded-'));
  fs.chmodSync(dir, 0o777);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('initialises a data dir, keeps data across restarts, and locks the dir to one process', async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedPostgres({ dataDir, logger: quiet, durable: false });
    await query(first.url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
    await expect(startEmbeddedPostgres({ dataDir, logger: quiet })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.stop();
    const again = await startEmbeddedPostgres({ dataDir, logger: quiet, durable: false });
    expect(await query(again.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    expect((await query(again.url, 'SHOW server_version'))[0].server_version).toMatch(/^1[5-9]/);
    await again.stop();
  });

  it('recovers after the owning process was killed (stale lock, orphaned server, leftover pid file)', async () => {
    const dataDir = tempDataDir();
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(path.join(apiRoot(), 'src/platform/db/embedded.ts'))};
      const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, logger: { info() {}, warn() {}, debug() {} }, durable: false });
      console.log('READY');
      setInterval(() => {}, 1000);
    `;
    const runner = path.join(apiRoot(), '../../node_modules/.bin/vite-node');
    const file = path.join(dataDir, '..', `crash-${path.basename(dataDir)}.mts`);
    fs.writeFileSync(file, script);
    const child = spawn(runner, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      child.once('exit', () => reject(new Error('child exited before the database was ready')));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(file, { force: true });
    expect(fs.existsSync(path.join(dataDir, 'quanzi.lock'))).toBe(true);
    const recovered = await startEmbeddedPostgres({ dataDir, logger: quiet, durable: false });
    expect(await query(recovered.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await recovered.stop();
  }, 60_000);
});
