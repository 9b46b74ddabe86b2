import crypto from 'node:crypto';
import type { Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { RESET_LOCK, type ClientInfo, type IdentityDeps } from './deps.js';
import { updateMember, type MemberRow } from './repo.js';

const minutesLeft = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/** Compares two answers in constant time (a wrong ID number's characters are not timed one by one). */
export function sameAnswer(expected: string, given: string): boolean {
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

/** RESET_LOCKED while five wrong answers to the reset questions are less than fifteen minutes old. */
export function resetLockError(member: MemberRow, now: Date): AppError | undefined {
  if (member.reset_locked_until && member.reset_locked_until > now)
    return new AppError('RESET_LOCKED', { minutes: minutesLeft(member.reset_locked_until, now) });
  return undefined;
}

/**
 * Counts one wrong answer to the reset questions (the login lockout rule on its own counter, so a
 * member locked out by forgotten passwords can still reset them), audits it, and returns the error
 * the caller answers with — the same for every wrong field, so a guesser learns nothing about which.
 */
export async function countResetFailure(
  deps: IdentityDeps,
  trx: Tx,
  member: MemberRow,
  kind: 'password' | 'payment_password',
  client: ClientInfo,
  now: Date,
): Promise<AppError> {
  const failures = member.reset_failed + 1;
  const locked = failures >= RESET_LOCK.maxFailures;
  await updateMember(trx, member.id, {
    reset_failed: locked ? 0 : failures,
    reset_locked_until: locked ? new Date(now.getTime() + RESET_LOCK.minutes * 60_000) : null,
  });
  await deps.audit.record(trx, {
    actor: { type: 'member', id: member.id, name: member.nickname },
    // Literal action names: the console's label test collects them from the source.
    action:
      kind === 'password'
        ? locked
          ? 'member.password_reset_locked'
          : 'member.password_reset_failed'
        : locked
          ? 'member.payment_password_reset_locked'
          : 'member.payment_password_reset_failed',
    target: { type: 'member', id: member.id },
    after: { failures },
    ip: client.ip,
  });
  return locked ? new AppError('RESET_LOCKED', { minutes: RESET_LOCK.minutes }) : new AppError('RESET_VERIFICATION_FAILED');
}
