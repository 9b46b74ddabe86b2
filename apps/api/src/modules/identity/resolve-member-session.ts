import type { MemberPrincipal } from '../../platform/http/auth.js';
import { hashTokenMemo } from '../../platform/security/tokens.js';
import type { IdentityDeps } from './deps.js';
import { liveSessionByTokenHash, touchSession } from './repo.js';

/** Seen-at is refreshed at most once a minute: no write on every request. */
const TOUCH_EVERY_MS = 60_000;

export async function resolveMemberSession(
  deps: Pick<IdentityDeps, 'db' | 'clock' | 'cache'>,
  token: string,
): Promise<MemberPrincipal | null> {
  const now = deps.clock.now();
  const tokenHash = hashTokenMemo(token);
  const cached = deps.cache.session(tokenHash, now.getTime());
  if (cached) return cached;
  const session = await liveSessionByTokenHash(deps.db, tokenHash, now);
  if (!session || session.status !== 'active') return null;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, session.id, now);
  const principal = { memberId: session.member_id, sessionId: session.id };
  deps.cache.rememberSession(tokenHash, principal, now.getTime());
  return principal;
}
