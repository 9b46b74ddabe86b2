import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isUuid } from '../../platform/ids.js';
import { loadGroup } from './access.js';
import type { CommunityDeps } from './deps.js';
import { authorCards } from './present.js';
import * as repo from './repo.js';

const actorOf = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });

/** Community managers appoint experts (a verified badge with a title); audited. */
export async function appointExpert(
  deps: CommunityDeps,
  op: OperatorPrincipal,
  input: { memberId: string; title: string },
  ip: string | null,
) {
  if (!isUuid(input.memberId)) throw new AppError('NOT_FOUND');
  await deps.identity.profile(input.memberId);
  await transact(deps.db, async (trx) => {
    await repo.upsertExpert(trx, {
      member_id: input.memberId,
      title: input.title,
      appointed_by: op.displayName,
      appointed_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: actorOf(op),
      action: 'community.expert_appointed',
      target: { type: 'member', id: input.memberId },
      after: { title: input.title },
      ip,
    });
  });
  return (await listExperts(deps)).find((e) => e.member.id === input.memberId)!;
}

export async function removeExpert(deps: CommunityDeps, op: OperatorPrincipal, memberId: string, ip: string | null) {
  if (!isUuid(memberId)) throw new AppError('NOT_FOUND');
  await transact(deps.db, async (trx) => {
    if (!(await repo.deleteExpert(trx, memberId))) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, { actor: actorOf(op), action: 'community.expert_removed', target: { type: 'member', id: memberId }, ip });
  });
}

export async function listExperts(deps: CommunityDeps) {
  const rows = await repo.listExperts(deps.db);
  const cards = await authorCards(
    deps,
    rows.map((r) => r.member_id),
  );
  return rows.map((r) => ({ member: cards.get(r.member_id)!, title: r.title, appointedAt: r.appointed_at.toISOString() }));
}

/** Makes a group member an admin (or back to a member); operators only, audited. The owner keeps their role. */
export async function setGroupRole(
  deps: CommunityDeps,
  op: OperatorPrincipal,
  groupId: string,
  input: { memberId: string; role: 'admin' | 'member' },
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    await loadGroup(trx, groupId);
    const m = isUuid(input.memberId) ? await repo.membership(trx, groupId, input.memberId) : undefined;
    if (!m || m.state !== 'active') throw new AppError('NOT_FOUND');
    if (m.role === 'owner') throw new AppError('GROUP_ROLE_REQUIRED');
    await repo.updateMembership(trx, groupId, input.memberId, { role: input.role });
    await deps.audit.record(trx, {
      actor: actorOf(op),
      action: 'community.group_role_changed',
      target: { type: 'group', id: groupId },
      before: { memberId: input.memberId, role: m.role },
      after: { memberId: input.memberId, role: input.role },
      ip,
    });
    return { memberId: input.memberId, role: input.role };
  });
}
