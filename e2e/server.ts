import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts the built server exactly as `npm start` runs it, on a fresh data dir, and waits until healthy. */
export default async function setup(project: TestProject) {
  const main = path.join(root, 'apps/api/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('Build first: npm run build');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-e2e-'));
  fs.chmodSync(dataDir, 0o777);
  const log = fs.createWriteStream(path.join(root, '.tmp', 'e2e-server.log'));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      QUANZI_DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      QUANZI_EMBEDDED_FAST: '1',
      QUANZI_TEST_CLOCK: '1',
      // Every response is serialised by the compiled writer and by zod, and a difference is a 500.
      QUANZI_CHECK_SERIALIZERS: '1',
      RATE_LIMIT_PER_MINUTE: '100000',
      // Browsers in the tests each send their own X-Forwarded-For address (see browser.ts).
      TRUST_PROXY: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see .tmp/e2e-server.log`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
