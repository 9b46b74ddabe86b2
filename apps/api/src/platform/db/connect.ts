import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';

// Set once for the process: int8 as bigint (money is integer fen), numeric as exact strings,
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => BigInt(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
// Calendar days (business dates, Asia/Shanghai) stay 'YYYY-MM-DD' strings: a Date would shift them by time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * The database handle the platform passes around. It knows no module's tables: each module's
 * `repo.ts` widens it with `withTables<ItsTables>()`, so a module cannot even name another's tables.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Db = Kysely<{}>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Tx = Transaction<{}>;
/** Either a pool-backed handle or an open transaction: repos accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(url: string, options: { max?: number } = {}): Database {
  // A request that cannot get a connection within 15 s fails instead of hanging (a pool exhausted
  // by transactions waiting on each other would otherwise never recover).
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, application_name: 'quanzi', connectionTimeoutMillis: 15_000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  const db = new Kysely<{}>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
