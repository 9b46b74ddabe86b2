import type { ModerationActorKind, OperatorRole } from '@quanzi/contracts';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { GroupRole } from './targets.js';

/** Who asks for an action. Group staff act as members; the filter records through `recordFilter`. */
export type ModerationActor =
  | { kind: 'operator'; operator: OperatorPrincipal; ip?: string | null | undefined }
  | { kind: 'member'; memberId: string }
  | { kind: 'system' };

/** How an actor appears in the log: kind and role are public, the name is for staff only. */
export interface ActorStamp {
  actor_kind: ModerationActorKind;
  actor_role: string;
  actor_name: string | null;
  actor_operator_id: string | null;
  actor_member_id: string | null;
}

/** What the public log calls each role (the stable role code travels with it). */
const ROLE_LABELS: Record<string, string> = {
  community_manager: '社区经理',
  compliance: '合规专员',
  customer_service: '客服',
  admin: '平台管理员',
  risk: '风控专员',
  growth: '运营',
  finance: '财务',
  group_owner: '圈主',
  group_admin: '圈管理员',
  expert: '专家',
  word_filter: '敏感词过滤',
  system: '系统',
};
export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? '平台工作人员';

/** The role an operator acts in: the moderating one when they hold several. */
const MODERATING_ROLES: OperatorRole[] = ['community_manager', 'compliance', 'customer_service', 'admin'];
export function operatorStamp(op: OperatorPrincipal): ActorStamp {
  const role = MODERATING_ROLES.find((r) => op.roles.includes(r)) ?? op.roles[0] ?? 'admin';
  return { actor_kind: 'operator', actor_role: role, actor_name: op.displayName, actor_operator_id: op.operatorId, actor_member_id: null };
}

export function groupStaffStamp(memberId: string, role: Exclude<GroupRole, 'member'>): ActorStamp {
  return {
    actor_kind: role === 'expert' ? 'expert' : 'group_admin',
    actor_role: role === 'owner' ? 'group_owner' : role === 'admin' ? 'group_admin' : 'expert',
    actor_name: null,
    actor_operator_id: null,
    actor_member_id: memberId,
  };
}

export const FILTER_STAMP: ActorStamp = {
  actor_kind: 'filter',
  actor_role: 'word_filter',
  actor_name: null,
  actor_operator_id: null,
  actor_member_id: null,
};

export const SYSTEM_STAMP: ActorStamp = {
  actor_kind: 'system',
  actor_role: 'system',
  actor_name: null,
  actor_operator_id: null,
  actor_member_id: null,
};

/** Group roles by authority: staff may only act on members below them. */
export const GROUP_RANK: Record<GroupRole, number> = { owner: 3, admin: 2, expert: 1, member: 0 };
