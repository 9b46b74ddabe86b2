import type { ConsoleTask, MemberTasks, NewbieTaskCode } from '@quanzi/contracts';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type NewbieDeps } from './deps.js';
import * as repo from './repo.js';

/** What each growth task (成长任务) is called in the points statement. */
export const TASK_LABELS: Record<NewbieTaskCode, string> = {
  register: '注册',
  real_name: '实名认证',
  bind_card: '绑定银行卡',
  first_invest: '首次投资',
  repeat_invest: '再次投资',
};

/** The business key of a task's reward: the points ledger and the risk decision are idempotent on it. */
export const rewardRef = (memberId: string, code: NewbieTaskCode) => `newbie-task:${memberId}:${code}`;

const REWARD_STATUS = { allow: 'granted', review: 'in_review', deny: 'refused' } as const;

/**
 * The member's five tasks with progress read from identity (real name, cards) and investing (cash
 * investments), and what each one gave. A task stays done once rewarded (unbinding a card later
 * does not undo 绑卡).
 */
export async function memberTasks(deps: NewbieDeps, memberId: string): Promise<MemberTasks> {
  const [profile, investments, tasks, rewards] = await Promise.all([
    deps.identity.profile(memberId),
    deps.investing.cashInvestmentCount(memberId),
    repo.listTasks(deps.db),
    repo.rewardsOf(deps.db, memberId),
  ]);
  const rewarded = new Map(rewards.map((r) => [r.task_code, r]));
  const progress: Record<NewbieTaskCode, { current: number; target: number }> = {
    register: { current: 1, target: 1 },
    real_name: { current: profile.realName ? 1 : 0, target: 1 },
    bind_card: { current: profile.bankCards.length > 0 ? 1 : 0, target: 1 },
    first_invest: { current: Math.min(investments, 1), target: 1 },
    repeat_invest: { current: Math.min(investments, 2), target: 2 },
  };
  const items = tasks.map((task) => {
    const reward = rewarded.get(task.code);
    const p = progress[task.code];
    const done = p.current >= p.target || reward !== undefined;
    return {
      code: task.code,
      done,
      progress: done ? { current: p.target, target: p.target } : p,
      rewardPoints: task.enabled ? task.reward_points : 0,
      reward: reward
        ? {
            points: reward.decision === 'allow' ? reward.points : 0,
            status: REWARD_STATUS[reward.decision],
            at: reward.granted_at.toISOString(),
          }
        : null,
    };
  });
  return {
    items,
    completed: items.filter((i) => i.done).length,
    total: items.length,
    pointsEarned: items.reduce((sum, i) => sum + (i.reward?.status === 'granted' ? i.reward.points : 0), 0),
  };
}

/**
 * Completes tasks for a member, once per (member, task) however often the events are replayed: the
 * reward row is claimed first (a replay claims nothing and stops), the risk check decides, and the
 * points are earned through loyalty in the same transaction, idempotent on the same key.
 */
export async function completeTasks(deps: NewbieDeps, memberId: string, codes: NewbieTaskCode[], eventId: string): Promise<number> {
  if (!codes.length) return 0;
  return transact(deps.db, async (trx) => {
    let granted = 0;
    for (const code of codes) {
      const task = await repo.findTask(trx, code);
      if (!task) continue;
      const points = task.enabled ? task.reward_points : 0;
      const ref = rewardRef(memberId, code);
      const decision =
        points > 0
          ? (await deps.risk.assess(trx, { use: 'reward_grant', ref, memberId, context: { task: code, points, eventId } })).decision
          : 'allow';
      const claimed = await repo.claimReward(trx, {
        member_id: memberId,
        task_code: code,
        points,
        decision,
        event_id: eventId,
        granted_at: deps.clock.now(),
      });
      if (!claimed || decision !== 'allow' || points === 0) continue;
      await deps.points.earn(trx, { memberId, points, source: 'task', ref, reason: `成长任务·${TASK_LABELS[code]}` });
      granted += points;
    }
    return granted;
  });
}

const memberOf = (event: DomainEvent): string | null => {
  const id = (event.payload as { memberId?: unknown }).memberId;
  return typeof id === 'string' ? id : null;
};

/** Outbox events → the tasks they complete. */
export async function onEvent(deps: NewbieDeps, event: DomainEvent): Promise<void> {
  const memberId = memberOf(event);
  if (!memberId) return;
  switch (event.name) {
    case 'member.registered':
      await completeTasks(deps, memberId, ['register'], event.id);
      return;
    case 'member.real_name_verified':
      await completeTasks(deps, memberId, ['real_name'], event.id);
      return;
    case 'member.bank_card_bound':
      await completeTasks(deps, memberId, ['bind_card'], event.id);
      return;
    case 'investing.purchased': {
      if ((event.payload as { fundedBy?: unknown }).fundedBy !== 'cash') return;
      const count = await deps.investing.cashInvestmentCount(memberId);
      const codes: NewbieTaskCode[] = [];
      if (count >= 1) codes.push('first_invest');
      if (count >= 2) codes.push('repeat_invest');
      await completeTasks(deps, memberId, codes, event.id);
      return;
    }
  }
}

function presentTask(row: repo.TaskRow, completions: number): ConsoleTask {
  return {
    code: row.code,
    position: row.position,
    rewardPoints: row.reward_points,
    enabled: row.enabled,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
    completions,
  };
}

export async function consoleTasks(deps: Pick<NewbieDeps, 'db'>) {
  const [tasks, counts] = await Promise.all([repo.listTasks(deps.db), repo.completionCounts(deps.db)]);
  return { items: tasks.map((t) => presentTask(t, counts.get(t.code) ?? 0)) };
}

/** A task's reward and whether it is on (audited). Rewards already granted stay as they were. */
export async function updateTask(
  deps: NewbieDeps,
  op: OperatorPrincipal,
  code: NewbieTaskCode,
  input: { rewardPoints: number; enabled: boolean },
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    const before = await repo.findTask(trx, code, true);
    if (!before) throw new AppError('NOT_FOUND');
    const row = await repo.updateTask(trx, code, {
      reward_points: input.rewardPoints,
      enabled: input.enabled,
      updated_by: op.displayName,
      updated_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'newbie.task_updated',
      target: { type: 'newbie_task', id: code },
      before: { rewardPoints: before.reward_points, enabled: before.enabled },
      after: { rewardPoints: row.reward_points, enabled: row.enabled },
      ip,
    });
    return presentTask(row, (await repo.completionCounts(trx)).get(code) ?? 0);
  });
}
