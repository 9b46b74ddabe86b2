import type { Operator } from '@quanzi/contracts';
import { permissionsOf } from './permissions.js';
import type { OperatorRow } from './repo.js';

export const presentOperator = (o: OperatorRow): Operator => ({
  id: o.id,
  username: o.username,
  displayName: o.display_name,
  roles: o.roles,
  permissions: [...permissionsOf(o.roles)],
  disabled: o.disabled,
  createdAt: o.created_at.toISOString(),
  lastLoginAt: o.last_login_at?.toISOString() ?? null,
});
