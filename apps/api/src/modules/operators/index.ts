import type { OperatorRole } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal, RequestMeta } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import { OPERATOR_CHANGED, type OperatorsDeps } from './deps.js';
import { loginOperator } from './login-operator.js';
import { logoutOperator } from './logout-operator.js';
import { createOperator, listOperators, updateOperatorAccount, type NewOperator, type OperatorPatch } from './manage-operators.js';
import { presentOperator } from './present.js';
import { deleteSessionsExpiredBefore, liveSessionsByIds, operatorById } from './repo.js';
import { resolveOperatorSession } from './resolve-operator-session.js';
import { seedDemoOperators, type DemoOperator } from './seed-demo-operators.js';

export { operatorsConsoleRoutes, CONSOLE_LOGIN_RATE_LIMIT } from './routes.console.js';
export { ROLE_PERMISSIONS, permissionsOf } from './permissions.js';

export function createOperatorsModule(platform: Platform, modules: { audit: AuditModule }) {
  const deps: OperatorsDeps = { db: platform.db, clock: platform.clock, audit: modules.audit, bus: platform.bus };
  return {
    login: (username: string, password: string, meta: RequestMeta) => loginOperator(deps, username, password, meta),
    logout: (op: OperatorPrincipal, meta: RequestMeta) => logoutOperator(deps, op, meta),
    resolveSession: (token: string) => resolveOperatorSession(deps, token),
    /** Console sessions still live (operator enabled) → the operator and their current roles; for sockets. */
    async liveSessions(sessionIds: readonly string[]): Promise<Map<string, { operatorId: string; roles: OperatorRole[] }>> {
      if (!sessionIds.length) return new Map();
      const rows = await liveSessionsByIds(deps.db, sessionIds, deps.clock.now());
      return new Map(rows.map((r) => [r.session_id, { operatorId: r.id, roles: r.roles }]));
    },
    /** Called on every instance after an operator's sessions or roles changed (logout, disable, role edit). */
    onOperatorChanged: (listener: (operatorId: string) => void) => platform.bus.on(OPERATOR_CHANGED, listener),
    list: () => listOperators(deps),
    async get(id: string) {
      const found = await operatorById(deps.db, id);
      if (!found) throw new AppError('NOT_FOUND');
      return presentOperator(found);
    },
    create: (by: OperatorPrincipal | null, input: NewOperator, meta: RequestMeta | null) => createOperator(deps, by, input, meta),
    update: (by: OperatorPrincipal, id: string, patch: OperatorPatch, meta: RequestMeta) =>
      updateOperatorAccount(deps, by, id, patch, meta),
    seedDemo: (operators: DemoOperator[]) => seedDemoOperators(deps, operators),
    purgeExpiredSessions: (now: Date) => deleteSessionsExpiredBefore(deps.db, new Date(now.getTime() - 24 * 3600_000)),
  };
}
export type OperatorsModule = ReturnType<typeof createOperatorsModule>;
