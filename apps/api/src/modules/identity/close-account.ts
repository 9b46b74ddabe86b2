import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/security/passwords.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { memberById, revokeAllSessions, unbindAllCards, updateMember } from './repo.js';

/**
 * Closes an account when no module reports anything open. Contact data (phone, passwords) is erased
 * at once and the phone, ID and cards become free for a new account. The encrypted name, ID number
 * and card numbers are kept: anti-money-laundering rules require customer identification records
 * for five years after the relationship ends.
 */
export async function closeAccount(deps: IdentityDeps, memberId: string, password: string, client: ClientInfo): Promise<void> {
  const member = await memberById(deps.db, memberId);
  if (!member || member.status === 'closed') throw new AppError('NOT_FOUND');
  if (!(await verifyPassword(member.password_hash, password))) throw new AppError('INVALID_CREDENTIALS');
  const blockers = await deps.closureChecks.blockers(memberId);
  if (blockers.length) {
    throw new AppError('CLOSURE_BLOCKED', { reasons: blockers.map((b) => b.reason).join('；') }, blockers);
  }
  const now = deps.clock.now();
  await transact(deps.db, async (trx) => {
    await updateMember(trx, memberId, {
      status: 'closed',
      closed_at: now,
      phone_enc: null,
      phone_index: null,
      password_hash: null,
      payment_password_hash: null,
      id_number_index: null,
      nickname: '已注销用户',
    });
    await unbindAllCards(trx, memberId, now);
    await revokeAllSessions(trx, memberId, now);
    afterCommit(trx, () => deps.cache.invalidate(memberId));
    await deps.audit.record(trx, {
      actor: { type: 'member', id: memberId, name: member.nickname },
      action: 'member.closed',
      target: { type: 'member', id: memberId },
      before: { status: 'active' },
      after: { status: 'closed' },
      ip: client.ip,
    });
    await deps.outbox.emit(trx, 'member.closed', { memberId });
  });
}
