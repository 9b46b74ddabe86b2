import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { RequestMeta } from '../../platform/http/auth.js';
import { verifyPassword } from '../../platform/security/passwords.js';
import { hashToken, newToken } from '../../platform/security/tokens.js';
import { OPERATOR_LOCK, OPERATOR_SESSION_TTL_MS, type OperatorsDeps } from './deps.js';
import { presentOperator } from './present.js';
import { insertSession, operatorByIdForUpdate, operatorByUsername, updateOperator } from './repo.js';

export async function loginOperator(deps: OperatorsDeps, username: string, password: string, meta: RequestMeta) {
  const found = await operatorByUsername(deps.db, username.trim().toLowerCase());
  const ok = await verifyPassword(found?.password_hash ?? null, password);
  if (!found) throw new AppError('INVALID_CREDENTIALS');
  const now = deps.clock.now();
  const outcome = await transact(deps.db, async (trx) => {
    const op = (await operatorByIdForUpdate(trx, found.id))!;
    const actor = { type: 'operator' as const, id: op.id, name: op.display_name };
    if (op.disabled) return { error: new AppError('OPERATOR_DISABLED') };
    if (op.locked_until && op.locked_until > now) {
      return { error: new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((op.locked_until.getTime() - now.getTime()) / 60_000) }) };
    }
    if (!ok) {
      const failures = op.failed_logins + 1;
      const lock = failures >= OPERATOR_LOCK.maxFailures;
      await updateOperator(trx, op.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + OPERATOR_LOCK.minutes * 60_000) : null,
      });
      await deps.audit.record(trx, {
        actor,
        action: lock ? 'operator.login_locked' : 'operator.login_failed',
        target: { type: 'operator', id: op.id },
        ip: meta.ip,
      });
      return { error: lock ? new AppError('ACCOUNT_LOCKED', { minutes: OPERATOR_LOCK.minutes }) : new AppError('INVALID_CREDENTIALS') };
    }
    const token = newToken();
    const expiresAt = new Date(now.getTime() + OPERATOR_SESSION_TTL_MS);
    await insertSession(trx, {
      operator_id: op.id,
      token_hash: hashToken(token),
      ip: meta.ip,
      user_agent: meta.userAgent,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    });
    const updated = await updateOperator(trx, op.id, { failed_logins: 0, locked_until: null, last_login_at: now });
    await deps.audit.record(trx, { actor, action: 'operator.login', target: { type: 'operator', id: op.id }, ip: meta.ip });
    return { session: { token, expiresAt, operator: presentOperator(updated) } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}
