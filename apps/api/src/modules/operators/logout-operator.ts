import { afterCommit, transact } from '../../platform/db/transact.js';
import type { OperatorPrincipal, RequestMeta } from '../../platform/http/auth.js';
import { OPERATOR_CHANGED, type OperatorsDeps } from './deps.js';
import { revokeSession } from './repo.js';

export async function logoutOperator(deps: OperatorsDeps, op: OperatorPrincipal, meta: RequestMeta): Promise<void> {
  await transact(deps.db, async (trx) => {
    await revokeSession(trx, op.sessionId, deps.clock.now());
    // Sockets opened in this session close on every instance.
    afterCommit(trx, () => deps.bus.publish(OPERATOR_CHANGED, op.operatorId));
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'operator.logout',
      target: { type: 'operator', id: op.operatorId },
      ip: meta.ip,
    });
  });
}
