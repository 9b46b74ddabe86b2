import type { Operator, OperatorRole } from '@quanzi/contracts';
import { passwordStrong } from '@quanzi/contracts';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal, RequestMeta } from '../../platform/http/auth.js';
import { hashPassword } from '../../platform/security/passwords.js';
import { OPERATOR_CHANGED, type OperatorsDeps } from './deps.js';
import { presentOperator } from './present.js';
import { allOperators, countAdmins, insertOperator, operatorByIdForUpdate, revokeSessionsOf, updateOperator } from './repo.js';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export interface NewOperator {
  username: string;
  displayName: string;
  password: string;
  roles: OperatorRole[];
}

export const listOperators = async (deps: OperatorsDeps): Promise<Operator[]> => (await allOperators(deps.db)).map(presentOperator);

/** `by` is null when the command line creates the first admin. */
export async function createOperator(
  deps: OperatorsDeps,
  by: OperatorPrincipal | null,
  input: NewOperator,
  meta: RequestMeta | null,
): Promise<Operator> {
  if (!passwordStrong(input.password)) throw new AppError('WEAK_PASSWORD');
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  try {
    return await transact(deps.db, async (trx) => {
      const row = await insertOperator(trx, {
        username: input.username.toLowerCase(),
        display_name: input.displayName,
        password_hash: passwordHash,
        roles: [...new Set(input.roles)],
        created_at: now,
      });
      await deps.audit.record(trx, {
        actor: by ? { type: 'operator', id: by.operatorId, name: by.displayName } : { type: 'system', name: 'create-admin command' },
        action: 'operator.created',
        target: { type: 'operator', id: row.id },
        after: { username: row.username, displayName: row.display_name, roles: row.roles },
        ip: meta?.ip ?? null,
      });
      return presentOperator(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN');
    throw err;
  }
}

export interface OperatorPatch {
  displayName?: string | undefined;
  roles?: OperatorRole[] | undefined;
  disabled?: boolean | undefined;
}

export async function updateOperatorAccount(
  deps: OperatorsDeps,
  by: OperatorPrincipal,
  id: string,
  patch: OperatorPatch,
  meta: RequestMeta,
): Promise<Operator> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const before = await operatorByIdForUpdate(trx, id);
    if (!before) throw new AppError('NOT_FOUND');
    const roles = patch.roles ? [...new Set(patch.roles)] : before.roles;
    const disabled = patch.disabled ?? before.disabled;
    const after = await updateOperator(trx, id, { display_name: patch.displayName ?? before.display_name, roles, disabled });
    // The console must never lose its last administrator.
    if ((await countAdmins(trx)) === 0) throw new AppError('FORBIDDEN');
    if (disabled && !before.disabled) await revokeSessionsOf(trx, id, now);
    // Open sockets are re-authorised everywhere: closed when disabled, role channels re-checked.
    afterCommit(trx, () => deps.bus.publish(OPERATOR_CHANGED, id));
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: by.operatorId, name: by.displayName },
      action: disabled !== before.disabled ? (disabled ? 'operator.disabled' : 'operator.enabled') : 'operator.updated',
      target: { type: 'operator', id },
      before: { displayName: before.display_name, roles: before.roles, disabled: before.disabled },
      after: { displayName: after.display_name, roles: after.roles, disabled: after.disabled },
      ip: meta.ip,
    });
    return presentOperator(after);
  });
}
