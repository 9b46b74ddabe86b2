import type { OperatorRole } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import type { OperatorsDeps } from './deps.js';
import { insertOperator, operatorByUsername } from './repo.js';

export interface DemoOperator {
  username: string;
  displayName: string;
  roles: OperatorRole[];
  passwordHash: string;
}

/** Idempotent: an existing username is left as it is. */
export async function seedDemoOperators(deps: OperatorsDeps, operators: DemoOperator[]): Promise<number> {
  let created = 0;
  for (const o of operators) {
    if (await operatorByUsername(deps.db, o.username)) continue;
    await transact(deps.db, async (trx) => {
      const row = await insertOperator(trx, {
        username: o.username,
        display_name: o.displayName,
        roles: o.roles,
        password_hash: o.passwordHash,
        created_at: deps.clock.now(),
      });
      await deps.audit.record(trx, {
        actor: { type: 'system', name: 'demo seed' },
        action: 'operator.created',
        target: { type: 'operator', id: row.id },
        after: { username: o.username, roles: o.roles },
      });
    });
    created++;
  }
  return created;
}
