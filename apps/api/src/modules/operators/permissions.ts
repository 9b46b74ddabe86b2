import type { OperatorRole, Permission } from '@quanzi/contracts';

/** Each role sees and may do only its part; admin holds every permission. */
export const ROLE_PERMISSIONS: Record<OperatorRole, Permission[]> = {
  admin: [
    'members.read',
    'pii.reveal',
    'operators.manage',
    'audit.read',
    'sms.read',
    'realtime.broadcast',
    'ledger.read',
    'finance.operate',
    'charter.edit',
    'community.manage',
    'community.moderate',
    'touch.manage',
    'touch.approve',
    'loyalty.manage',
    'newbie.manage',
    'rewards.manage',
    'growth.manage',
    'analytics.growth',
    'analytics.community',
    'risk.manage',
    'risk.monitoring',
  ],
  compliance: [
    'members.read',
    'pii.reveal',
    'audit.read',
    'ledger.read',
    'charter.edit',
    'community.moderate',
    'touch.approve',
    'risk.monitoring',
  ],
  risk: ['members.read', 'pii.reveal', 'audit.read', 'risk.manage', 'risk.monitoring'],
  customer_service: ['members.read', 'sms.read', 'community.moderate'],
  community_manager: ['members.read', 'charter.edit', 'community.manage', 'community.moderate', 'touch.manage', 'analytics.community'],
  growth: ['members.read', 'touch.manage', 'loyalty.manage', 'newbie.manage', 'rewards.manage', 'growth.manage', 'analytics.growth'],
  finance: ['members.read', 'audit.read', 'ledger.read', 'finance.operate'],
};

export const permissionsOf = (roles: readonly OperatorRole[]): Set<Permission> => new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
