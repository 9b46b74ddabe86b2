import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { MemberPrincipal } from '../../platform/http/auth.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { revokeSession } from './repo.js';

/** Ends one device session: the caller's own on logout, or another device from the devices list. */
export async function revokeMemberSession(
  deps: IdentityDeps,
  principal: MemberPrincipal,
  sessionId: string,
  client: ClientInfo,
): Promise<void> {
  const now = deps.clock.now();
  await transact(deps.db, async (trx) => {
    const revoked = await revokeSession(trx, principal.memberId, sessionId, now);
    if (!revoked) throw new AppError('NOT_FOUND');
    // After commit: evicting earlier would let a concurrent request re-cache the still-live session.
    afterCommit(trx, () => deps.cache.invalidate(principal.memberId));
    await deps.audit.record(trx, {
      actor: { type: 'member', id: principal.memberId },
      action: sessionId === principal.sessionId ? 'member.logout' : 'member.session_revoked',
      target: { type: 'member_session', id: sessionId },
      after: { deviceId: revoked.device_id },
      ip: client.ip,
    });
  });
}
