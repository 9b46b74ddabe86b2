import type { OperatorRole } from '@quanzi/contracts';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

interface OperatorsTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: OperatorRole[];
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Generated<Date | null>;
  created_at: Date;
  last_login_at: Generated<Date | null>;
}
interface OperatorSessionsTable {
  id: Generated<string>;
  operator_id: string;
  token_hash: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Generated<Date | null>;
}
type OperatorTables = {
  operators: OperatorsTable;
  operator_sessions: OperatorSessionsTable;
};
export type OperatorRow = Selectable<OperatorsTable>;

const t = (db: Executor) => db.withTables<OperatorTables>();

export const operatorByUsername = (db: Executor, username: string) =>
  t(db).selectFrom('operators').selectAll().where('username', '=', username).executeTakeFirst();

export const operatorByIdForUpdate = (db: Executor, id: string) =>
  t(db).selectFrom('operators').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const operatorById = (db: Executor, id: string) => t(db).selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();

export const allOperators = (db: Executor) => t(db).selectFrom('operators').selectAll().orderBy('created_at').execute();

export const countAdmins = async (db: Executor) =>
  Number(
    (
      await t(db)
        .selectFrom('operators')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('disabled', '=', false)
        .where((eb) => eb(eb.val('admin'), '=', eb.fn.any('roles')))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertOperator = (db: Executor, row: Insertable<OperatorsTable>) =>
  t(db).insertInto('operators').values(row).returningAll().executeTakeFirstOrThrow();

export const updateOperator = (db: Executor, id: string, patch: Updateable<OperatorsTable>) =>
  t(db).updateTable('operators').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const insertSession = (db: Executor, row: Insertable<OperatorSessionsTable>) =>
  t(db).insertInto('operator_sessions').values(row).execute();

export const liveSessionByTokenHash = (db: Executor, tokenHash: string, now: Date) =>
  t(db)
    .selectFrom('operator_sessions as s')
    .innerJoin('operators as o', 'o.id', 's.operator_id')
    .select(['s.id as session_id', 's.last_seen_at', 'o.id', 'o.username', 'o.display_name', 'o.roles', 'o.disabled'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();

/** Of these console sessions, the live ones of enabled operators, with their current roles. */
export const liveSessionsByIds = (db: Executor, ids: readonly string[], now: Date) =>
  t(db)
    .selectFrom('operator_sessions as s')
    .innerJoin('operators as o', 'o.id', 's.operator_id')
    .select(['s.id as session_id', 'o.id', 'o.roles'])
    .where('s.id', 'in', ids)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('o.disabled', '=', false)
    .execute();

export const touchSession = (db: Executor, id: string, now: Date) =>
  t(db).updateTable('operator_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

export const revokeSession = (db: Executor, id: string, now: Date) =>
  t(db).updateTable('operator_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();

export const revokeSessionsOf = (db: Executor, operatorId: string, now: Date) =>
  t(db)
    .updateTable('operator_sessions')
    .set({ revoked_at: now })
    .where('operator_id', '=', operatorId)
    .where('revoked_at', 'is', null)
    .execute();

export async function deleteSessionsExpiredBefore(db: Executor, before: Date): Promise<number> {
  const result = await t(db)
    .deleteFrom('operator_sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
