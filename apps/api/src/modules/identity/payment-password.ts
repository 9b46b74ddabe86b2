import { paymentPasswordStrong } from '@quanzi/contracts';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/security/passwords.js';
import { PAYMENT_LOCK, type ClientInfo, type IdentityDeps } from './deps.js';
import { memberById, memberByIdForUpdate, updateMember } from './repo.js';

const minutesLeft = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/**
 * Checks the 6-digit payment password with its own lockout (five wrong tries lock payments for
 * thirty minutes, independently of login). Failures are committed even though the request fails.
 */
export async function verifyPaymentPassword(deps: IdentityDeps, memberId: string, pin: string, client: ClientInfo): Promise<void> {
  const snapshot = await memberById(deps.db, memberId);
  if (!snapshot?.payment_password_hash) throw new AppError('PAYMENT_PASSWORD_NOT_SET');
  const ok = await verifyPassword(snapshot.payment_password_hash, pin);
  const now = deps.clock.now();
  const error = await transact(deps.db, async (trx) => {
    const member = (await memberByIdForUpdate(trx, memberId))!;
    if (member.payment_locked_until && member.payment_locked_until > now) {
      return new AppError('PAYMENT_PASSWORD_LOCKED', { minutes: minutesLeft(member.payment_locked_until, now) });
    }
    if (ok) {
      if (member.payment_failed > 0) await updateMember(trx, memberId, { payment_failed: 0 });
      return undefined;
    }
    const failures = member.payment_failed + 1;
    const locked = failures >= PAYMENT_LOCK.maxFailures;
    await updateMember(trx, memberId, {
      payment_failed: locked ? 0 : failures,
      payment_locked_until: locked ? new Date(now.getTime() + PAYMENT_LOCK.minutes * 60_000) : null,
    });
    if (locked) {
      await deps.audit.record(trx, {
        actor: { type: 'member', id: memberId },
        action: 'member.payment_password_locked',
        target: { type: 'member', id: memberId },
        ip: client.ip,
      });
      return new AppError('PAYMENT_PASSWORD_LOCKED', { minutes: PAYMENT_LOCK.minutes });
    }
    return new AppError('WRONG_PAYMENT_PASSWORD', { remaining: PAYMENT_LOCK.maxFailures - failures });
  });
  if (error) throw error;
}

/** Sets the payment password, or changes it when the current one is given and right. */
export async function setPaymentPassword(
  deps: IdentityDeps,
  memberId: string,
  pin: string,
  current: string | undefined,
  client: ClientInfo,
): Promise<void> {
  if (!paymentPasswordStrong(pin)) throw new AppError('WEAK_PAYMENT_PASSWORD');
  const member = await memberById(deps.db, memberId);
  if (!member) throw new AppError('NOT_FOUND');
  const changing = member.payment_password_hash !== null;
  if (changing) {
    if (!current) throw new AppError('WRONG_PAYMENT_PASSWORD', { remaining: PAYMENT_LOCK.maxFailures - member.payment_failed });
    await verifyPaymentPassword(deps, memberId, current, client);
  }
  const hash = await hashPassword(pin);
  await transact(deps.db, async (trx) => {
    await updateMember(trx, memberId, { payment_password_hash: hash, payment_failed: 0, payment_locked_until: null });
    afterCommit(trx, () => deps.cache.invalidate(memberId));
    await deps.audit.record(trx, {
      actor: { type: 'member', id: memberId, name: member.nickname },
      action: changing ? 'member.payment_password_changed' : 'member.payment_password_set',
      target: { type: 'member', id: memberId },
      ip: client.ip,
    });
  });
}
