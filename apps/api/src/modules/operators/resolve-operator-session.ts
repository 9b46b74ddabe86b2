import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { hashTokenMemo } from '../../platform/security/tokens.js';
import type { OperatorsDeps } from './deps.js';
import { permissionsOf } from './permissions.js';
import { liveSessionByTokenHash, touchSession } from './repo.js';

/** Roles are read on every request, so a role change or a disabled operator takes effect at once. */
export async function resolveOperatorSession(deps: Pick<OperatorsDeps, 'db' | 'clock'>, token: string): Promise<OperatorPrincipal | null> {
  const now = deps.clock.now();
  const s = await liveSessionByTokenHash(deps.db, hashTokenMemo(token), now);
  if (!s || s.disabled) return null;
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) await touchSession(deps.db, s.session_id, now);
  return {
    operatorId: s.id,
    sessionId: s.session_id,
    username: s.username,
    displayName: s.display_name,
    roles: s.roles,
    permissions: permissionsOf(s.roles),
  };
}
