import { sql, type Generated, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

export interface AuditLogTable {
  seq: Generated<bigint>;
  id: Generated<string>;
  actor_type: 'operator' | 'member' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  at: Date;
  prev_hash: string;
  hash: string;
}
type AuditTables = {
  audit_log: AuditLogTable;
};
export type AuditRow = Selectable<AuditLogTable>;

const t = (db: Executor) => db.withTables<AuditTables>();

/** Serialises appends so each entry links to the one before it. Held until the caller's commit. */
const CHAIN_LOCK_KEY = 7_205_310_002;

export async function lockChainAndReadHead(db: Executor): Promise<string | undefined> {
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(db);
  const head = await t(db).selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return head?.hash;
}

export type NewAuditRow = Omit<AuditLogTable, 'seq' | 'id'>;

export async function insertEntry(db: Executor, row: NewAuditRow): Promise<AuditRow> {
  return t(db)
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface AuditFilter {
  action?: string | undefined;
  actorType?: 'operator' | 'member' | 'system' | undefined;
  actorId?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export async function findEntries(db: Executor, filter: AuditFilter, offset: number, limit: number) {
  let q = t(db).selectFrom('audit_log');
  if (filter.action) q = q.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.actorType) q = q.where('actor_type', '=', filter.actorType);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function* allEntriesInOrder(db: Executor, batch = 1000): AsyncGenerator<AuditRow> {
  let after = 0n;
  for (;;) {
    const rows = await t(db).selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    for (const row of rows) yield row;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.seq;
  }
}
