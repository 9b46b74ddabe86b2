import type { TouchTopic } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';

export interface WarnDeps {
  health(): Promise<{ items: Array<{ groupId: string; groupName: string | null; dying: boolean; signals: string[]; weekly: number[] }> }>;
  staffOf(groupId: string): Promise<string[]>;
  send(input: { memberId: string; topic: TouchTopic; title: string; body: string; link: string; dedupeKey: string }): Promise<unknown>;
}

/**
 * The weekly dying-group warning: every group whose activity has fallen for weeks while its
 * responses got slower is reported to its owner and admins through the touch layer (notifications'
 * `send`, in-app, once per group and Shanghai week: the dedupe key).
 */
export async function warnDyingGroups(deps: WarnDeps, now: Date): Promise<{ groups: number; sent: number }> {
  const { items } = await deps.health();
  const week = shanghaiDay(now);
  let sent = 0;
  const dying = items.filter((g) => g.dying);
  for (const g of dying) {
    for (const memberId of await deps.staffOf(g.groupId)) {
      await deps.send({
        memberId,
        topic: 'group_digests',
        title: `圈子「${g.groupName ?? '未命名'}」活跃度持续下降`,
        body: `近几周发言 ${[...g.weekly.slice(0, 4)].reverse().join(' → ')}，${g.signals.join('；')}。建议尽快安排话题或答疑。`,
        link: `/community/groups/${g.groupId}`,
        dedupeKey: `analytics:dying:${g.groupId}:${week}`,
      });
      sent++;
    }
  }
  return { groups: dying.length, sent };
}
