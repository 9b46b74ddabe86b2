import { passwordStrong } from '@quanzi/contracts';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/security/passwords.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { memberByIdForUpdate, memberByPhoneIndex, revokeAllSessions, updateMember } from './repo.js';
import { countResetFailure, resetLockError, sameAnswer } from './reset-lock.js';

export interface PasswordResetInput {
  phone: string;
  code: string;
  /** The ID number's last four characters; asked of real-name-verified members. */
  idLast4?: string | undefined;
  password: string;
}

/**
 * 忘记密码. The code proves the phone (codes are sent whether or not the phone is registered, so
 * until it is right every answer is the same for any phone). Each code allows one try: a wrong ID
 * number or an unregistered phone redeems it and answers RESET_VERIFICATION_FAILED alike; five wrong
 * answers lock resetting for fifteen minutes. Success sets the password, lifts the login lock, ends
 * every session (the member signs in again), audits, and emits `member.password_reset`, from which
 * the notifications module sends the security notice.
 */
export async function resetLoginPassword(deps: IdentityDeps, input: PasswordResetInput, client: ClientInfo): Promise<void> {
  if (!passwordStrong(input.password)) throw new AppError('WEAK_PASSWORD');
  const verified = await deps.sms.verifyCode(input.phone, 'reset_password', input.code);
  const found = await memberByPhoneIndex(deps.db, deps.vault.blindIndexes('phone', input.phone));
  const hash = await hashPassword(input.password);
  const now = deps.clock.now();
  const error = await transact(deps.db, async (trx) => {
    await deps.sms.redeemCode(trx, verified);
    if (!found || found.status !== 'active') return new AppError('RESET_VERIFICATION_FAILED');
    const member = (await memberByIdForUpdate(trx, found.id))!;
    const locked = resetLockError(member, now);
    if (locked) return locked;
    if (member.id_number_enc) {
      const expected = deps.vault.decrypt(member.id_number_enc).slice(-4).toUpperCase();
      if (!sameAnswer(expected, (input.idLast4 ?? '').toUpperCase())) return countResetFailure(deps, trx, member, 'password', client, now);
    }
    await updateMember(trx, member.id, {
      password_hash: hash,
      failed_logins: 0,
      locked_until: null,
      reset_failed: 0,
      reset_locked_until: null,
    });
    const ended = await revokeAllSessions(trx, member.id, now);
    afterCommit(trx, () => deps.cache.invalidate(member.id));
    await deps.audit.record(trx, {
      actor: { type: 'member', id: member.id, name: member.nickname },
      action: 'member.password_reset',
      target: { type: 'member', id: member.id },
      after: { sessionsEnded: Number(ended[0]?.numUpdatedRows ?? 0n) },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, 'member.password_reset', { memberId: member.id, at: now.toISOString() });
    return undefined;
  });
  if (error) throw error;
}
