import { normalizeCardNumber, parseIdNumber, paymentPasswordStrong } from '@quanzi/contracts';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/security/passwords.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { activeCardsOf, memberById, memberByIdForUpdate, updateMember, type MemberRow } from './repo.js';
import { countResetFailure, resetLockError, sameAnswer } from './reset-lock.js';

export interface PaymentPasswordResetInput {
  code: string;
  name: string;
  idNumber: string;
  /** One bound card's full number; required when the member has a bound card. */
  cardNumber?: string | undefined;
  paymentPassword: string;
}

async function registeredPhone(deps: IdentityDeps, memberId: string): Promise<{ member: MemberRow; phone: string }> {
  const member = await memberById(deps.db, memberId);
  if (!member?.phone_enc || member.status !== 'active') throw new AppError('NOT_FOUND');
  if (!member.real_name_enc || !member.id_number_enc) throw new AppError('REAL_NAME_REQUIRED');
  return { member, phone: deps.vault.decrypt(member.phone_enc) };
}

/** Sends the 找回支付密码 code to the member's registered phone (never to a phone the client names); none while resetting is locked. */
export async function sendPaymentResetCode(deps: IdentityDeps, memberId: string) {
  const { member, phone } = await registeredPhone(deps, memberId);
  const locked = resetLockError(member, deps.clock.now());
  if (locked) throw locked;
  return deps.sms.sendCode(phone, 'reset_payment_password');
}

/**
 * 找回支付密码 for a signed-in member: the code sent to the registered phone, the real name and ID
 * number checked again, and the full number of one bound card. One try per code; a wrong answer
 * (any field, same error) is counted with the reset lockout. Success sets the PIN, lifts the payment
 * lock, audits and emits `member.payment_password_reset` (the security notice).
 */
export async function resetPaymentPassword(
  deps: IdentityDeps,
  memberId: string,
  input: PaymentPasswordResetInput,
  client: ClientInfo,
): Promise<void> {
  if (!paymentPasswordStrong(input.paymentPassword)) throw new AppError('WEAK_PAYMENT_PASSWORD');
  const { member: snapshot, phone } = await registeredPhone(deps, memberId);
  const now = deps.clock.now();
  const early = resetLockError(snapshot, now);
  if (early) throw early;
  const verified = await deps.sms.verifyCode(phone, 'reset_payment_password', input.code);
  const id = parseIdNumber(input.idNumber);
  const cards = await activeCardsOf(deps.db, memberId);
  const card = input.cardNumber ? normalizeCardNumber(input.cardNumber) : '';
  const answersRight =
    sameAnswer(deps.vault.decrypt(snapshot.real_name_enc!), input.name.trim()) &&
    sameAnswer(deps.vault.decrypt(snapshot.id_number_enc!), id?.normalized ?? '') &&
    (cards.length === 0 || cards.some((c) => sameAnswer(deps.vault.decrypt(c.card_enc), card)));
  const hash = await hashPassword(input.paymentPassword);
  const error = await transact(deps.db, async (trx) => {
    await deps.sms.redeemCode(trx, verified);
    const member = (await memberByIdForUpdate(trx, memberId))!;
    const locked = resetLockError(member, now);
    if (locked) return locked;
    if (!answersRight) return countResetFailure(deps, trx, member, 'payment_password', client, now);
    await updateMember(trx, memberId, {
      payment_password_hash: hash,
      payment_failed: 0,
      payment_locked_until: null,
      reset_failed: 0,
      reset_locked_until: null,
    });
    afterCommit(trx, () => deps.cache.invalidate(memberId));
    await deps.audit.record(trx, {
      actor: { type: 'member', id: memberId, name: member.nickname },
      action: 'member.payment_password_reset',
      target: { type: 'member', id: memberId },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, 'member.payment_password_reset', { memberId, at: now.toISOString() });
    return undefined;
  });
  if (error) throw error;
}
