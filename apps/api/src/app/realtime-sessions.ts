import { isUuid } from '../platform/ids.js';
import type { RealtimeHub } from '../platform/realtime/hub.js';
import type { RealtimePrincipal, SessionCheck } from '../platform/realtime/principal.js';
import type { Modules } from './modules.js';

/**
 * Sockets live as long as their session: the identity and operators modules say which sessions
 * behind open sockets are still live (one query per kind, however many sockets), and announce on
 * the invalidation bus — every instance — when a member's or operator's sessions or roles change.
 */
export function realtimeSessionCheck(modules: Pick<Modules, 'identity' | 'operators'>): SessionCheck {
  return async (principals) => {
    const ids = (kind: RealtimePrincipal['kind']) => [
      ...new Set(principals.filter((p) => p.kind === kind && isUuid(p.sessionId)).map((p) => p.sessionId)),
    ];
    const [members, operators] = await Promise.all([
      modules.identity.liveSessions(ids('member')),
      modules.operators.liveSessions(ids('operator')),
    ]);
    return principals.map((p): RealtimePrincipal | null => {
      if (p.kind === 'member') return members.get(p.sessionId) === p.memberId ? p : null;
      const op = operators.get(p.sessionId);
      return op && op.operatorId === p.operatorId ? { ...p, roles: op.roles } : null;
    });
  };
}

/** Every instance re-checks the affected sockets within milliseconds of the commit. */
export function revalidateSocketsOnChange(modules: Pick<Modules, 'identity' | 'operators'>, hub: RealtimeHub): void {
  const run = (key: string) => void hub.revalidate(key);
  modules.identity.onMemberChanged((memberId) => run(`member:${memberId}`));
  modules.operators.onOperatorChanged((operatorId) => run(`operator:${operatorId}`));
}
