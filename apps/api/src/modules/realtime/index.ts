import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal, RequestMeta } from '../../platform/http/auth.js';
import type { RealtimeTickets } from '../../platform/realtime/tickets.js';
import type { AuditModule } from '../audit/index.js';
import { broadcast } from './broadcast.js';

export { realtimeMemberRoutes } from './routes.member.js';
export { realtimeConsoleRoutes } from './routes.console.js';
export { subscribeRealtime } from './subscriptions.js';

export function createRealtimeModule(platform: Platform, modules: { audit: AuditModule }, tickets: RealtimeTickets) {
  const deps = { db: platform.db, outbox: platform.outbox, audit: modules.audit };
  return {
    tickets,
    broadcast: (operator: OperatorPrincipal, input: { channel: string; name: string; data: unknown }, meta: RequestMeta) =>
      broadcast(deps, operator, input, meta),
  };
}
export type RealtimeModule = ReturnType<typeof createRealtimeModule>;
