import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { NoticeSender } from '../../platform/events/notices.js';
import type { LivePorts } from './ports.js';

export interface LiveDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  audit: AuditModule;
  /** Member notices travel as `live.notices` events; the notification module delivers them. */
  notices: NoticeSender;
  ports: LivePorts;
}

/** Who runs a session: an operator in the console, or the member who hosts it from the member app. */
export type LiveActor = { kind: 'operator'; operator: OperatorPrincipal; ip: string | null } | { kind: 'member'; memberId: string };

export const auditActor = (actor: LiveActor) =>
  actor.kind === 'operator'
    ? { type: 'operator' as const, id: actor.operator.operatorId, name: actor.operator.displayName }
    : { type: 'member' as const, id: actor.memberId, name: null };

export const auditIp = (actor: LiveActor) => (actor.kind === 'operator' ? actor.ip : null);
