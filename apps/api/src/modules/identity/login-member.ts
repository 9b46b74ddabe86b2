import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/security/passwords.js';
import { LOGIN_LOCK, type ClientInfo, type IdentityDeps } from './deps.js';
import { activeCardsOf, insertLoginEvent, memberByIdForUpdate, memberByPhoneIndex, updateMember } from './repo.js';
import { presentProfile } from './present.js';
import { startSession } from './start-session.js';

const minutesLeft = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/**
 * Phone + password. Five wrong passwords lock the account for fifteen minutes; every attempt lands
 * in the member's login history and the audit log, including the failures.
 */
export async function loginMember(deps: IdentityDeps, phone: string, password: string, client: ClientInfo, smsCode?: string) {
  const found = await memberByPhoneIndex(deps.db, deps.vault.blindIndexes('phone', phone));
  const passwordOk = await verifyPassword(found?.password_hash ?? null, password);
  if (!found) throw new AppError('INVALID_CREDENTIALS');
  if (found.status === 'closed') throw new AppError('ACCOUNT_CLOSED');
  // Step-up (risk): the right password from a new device or region also needs an SMS code to this phone.
  const locked = !!found.locked_until && found.locked_until > deps.clock.now();
  const stepUp =
    passwordOk && !locked && deps.loginGuard
      ? await deps.loginGuard({ memberId: found.id, deviceId: client.deviceId ?? null, ip: client.ip })
      : null;
  if (stepUp?.stepUpRequired && !smsCode)
    throw new AppError('STEP_UP_REQUIRED', undefined, { reasons: stepUp.reasons, evidence: stepUp.evidence ?? [] });
  const stepUpCode = stepUp?.stepUpRequired && smsCode ? await deps.sms.verifyCode(phone, 'login', smsCode) : null;
  const now = deps.clock.now();
  const outcome = await transact(deps.db, async (trx) => {
    const member = (await memberByIdForUpdate(trx, found.id))!;
    const event = { member_id: member.id, ip: client.ip, device_id: client.deviceId ?? null, user_agent: client.userAgent, at: now };
    const actor = { type: 'member' as const, id: member.id, name: member.nickname };
    if (member.locked_until && member.locked_until > now) {
      await insertLoginEvent(trx, { ...event, outcome: 'locked' });
      return { error: new AppError('ACCOUNT_LOCKED', { minutes: minutesLeft(member.locked_until, now) }) };
    }
    if (!passwordOk) {
      const failures = member.failed_logins + 1;
      const lock = failures >= LOGIN_LOCK.maxFailures ? new Date(now.getTime() + LOGIN_LOCK.minutes * 60_000) : null;
      await updateMember(trx, member.id, { failed_logins: lock ? 0 : failures, locked_until: lock });
      await insertLoginEvent(trx, { ...event, outcome: 'wrong_password' });
      await deps.audit.record(trx, {
        actor,
        action: lock ? 'member.login_locked' : 'member.login_failed',
        target: { type: 'member', id: member.id },
        after: { failures },
        ip: client.ip,
      });
      return { error: lock ? new AppError('ACCOUNT_LOCKED', { minutes: LOGIN_LOCK.minutes }) : new AppError('INVALID_CREDENTIALS') };
    }
    if (stepUpCode) await deps.sms.redeemCode(trx, stepUpCode);
    const updated = await updateMember(trx, member.id, { failed_logins: 0, locked_until: null });
    const session = await startSession(trx, member.id, client, now);
    await insertLoginEvent(trx, { ...event, outcome: 'success' });
    await deps.audit.record(trx, { actor, action: 'member.login', target: { type: 'member', id: member.id }, ip: client.ip });
    await deps.outbox.emit(trx, 'member.logged_in', { memberId: member.id, deviceId: client.deviceId ?? null, ip: client.ip });
    const cards = await activeCardsOf(trx, member.id);
    return { session: { ...session, member: presentProfile(deps.vault, updated, cards) } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}
