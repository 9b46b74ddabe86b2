import { z } from 'zod';
import { Timestamp } from './common.js';

export const OperatorRole = z.enum(['admin', 'community_manager', 'growth', 'risk', 'customer_service', 'compliance', 'finance']);
export type OperatorRole = z.infer<typeof OperatorRole>;

export const Permission = z.enum([
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
]);
export type Permission = z.infer<typeof Permission>;

export const ConsoleLoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const Operator = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(OperatorRole),
  permissions: z.array(Permission),
  disabled: z.boolean(),
  createdAt: Timestamp,
  lastLoginAt: Timestamp.nullable(),
});
export type Operator = z.infer<typeof Operator>;

export const ConsoleSessionResponse = z.object({ token: z.string(), expiresAt: Timestamp, operator: Operator });

export const CreateOperatorRequest = z.strictObject({
  username: z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/),
  displayName: z.string().min(1).max(32),
  password: z.string().min(1).max(128),
  roles: z.array(OperatorRole).min(1),
});
export const UpdateOperatorRequest = z.strictObject({
  displayName: z.string().min(1).max(32).optional(),
  roles: z.array(OperatorRole).min(1).optional(),
  disabled: z.boolean().optional(),
});

export const MemberListItem = z.object({
  id: z.string(),
  phoneMasked: z.string(),
  nickname: z.string(),
  status: z.enum(['active', 'closed']),
  realNameVerified: z.boolean(),
  bankCardCount: z.number().int(),
  channel: z.string().nullable(),
  createdAt: Timestamp,
});
export type MemberListItem = z.infer<typeof MemberListItem>;

export const RevealRequest = z.strictObject({
  field: z.enum(['phone', 'idNumber', 'cardNumber']),
  cardId: z.string().optional(),
  reason: z.string().min(2).max(200),
});
export const RevealResponse = z.object({ field: z.string(), value: z.string() });

export const AuditEntry = z.object({
  id: z.string(),
  seq: z.string(),
  actorType: z.enum(['operator', 'member', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  at: Timestamp,
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z.string().max(64).optional(),
  actorType: z.enum(['operator', 'member', 'system']).optional(),
  actorId: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

export const SmsOutboxItem = z.object({
  id: z.string(),
  phoneMasked: z.string(),
  purpose: z.string(),
  content: z.string(),
  channel: z.string(),
  sentAt: Timestamp,
});
export type SmsOutboxItem = z.infer<typeof SmsOutboxItem>;

export const MemberDetail = MemberListItem.extend({
  realName: z.object({ nameMasked: z.string(), idNumberMasked: z.string(), verifiedAt: Timestamp }).nullable(),
  bankCards: z.array(
    z.object({
      id: z.string(),
      bankName: z.string(),
      cardMasked: z.string(),
      reservedPhoneMasked: z.string(),
      boundAt: Timestamp,
      unboundAt: Timestamp.nullable(),
    }),
  ),
  hasPaymentPassword: z.boolean(),
  agreementVersion: z.string(),
  registeredIpMasked: z.string().nullable(),
  registeredDevice: z.string().nullable(),
  utm: z.object({ source: z.string().nullable(), medium: z.string().nullable(), campaign: z.string().nullable() }),
  lockedUntil: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
});
export type MemberDetail = z.infer<typeof MemberDetail>;

export const RoleInfo = z.object({ role: OperatorRole, permissions: z.array(Permission) });
