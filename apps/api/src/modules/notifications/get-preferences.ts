import {
  MARKETING_TOPICS,
  MEMBER_CHANNELS,
  NOTIFICATION_KINDS,
  TRANSACTIONAL_TOPICS,
  isRequiredNotificationKind,
  type MemberChannel,
  type NotificationPreferences,
} from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import * as repo from './repo.js';
import { toClock, TOUCH_POLICY } from './touch-policy.js';

/**
 * Everything the member chose: inbox kinds (never changed = on), each marketing topic per channel
 * (never changed = on), the transactional kinds that always reach them, quiet hours (default
 * 22:00–08:00 Shanghai; null when turned off) and where they can be reached.
 */
export async function getPreferences(db: Executor, memberId: string): Promise<NotificationPreferences> {
  const [kinds, topics, [settings], binds, subs] = await Promise.all([
    repo.preferences(db, memberId),
    repo.topicPreferences(db, [memberId]),
    repo.memberSettings(db, [memberId]),
    repo.bindings(db, [memberId]),
    repo.pushSubscriptions(db, [memberId]),
  ]);
  const saved = new Map(kinds.map((p) => [p.kind, p.in_app]));
  const off = new Set(topics.filter((t) => !t.enabled).map((t) => `${t.topic}:${t.channel}`));
  const start = settings?.quiet_start ?? TOUCH_POLICY.quietStart;
  const end = settings?.quiet_end ?? TOUCH_POLICY.quietEnd;
  return {
    items: NOTIFICATION_KINDS.map((kind) => {
      const required = isRequiredNotificationKind(kind);
      return { kind, inApp: required || (saved.get(kind) ?? true), required };
    }),
    topics: MARKETING_TOPICS.map((topic) => ({
      topic,
      channels: Object.fromEntries(MEMBER_CHANNELS.map((c) => [c, !off.has(`${topic}:${c}`)])) as Record<MemberChannel, boolean>,
    })),
    transactional: [...TRANSACTIONAL_TOPICS],
    quietHours: start === end ? null : { start: toClock(start), end: toClock(end) },
    locale: settings?.locale ?? 'zh-CN',
    bindings: {
      phone: true,
      email: binds.find((b) => b.channel === 'email')?.address_mask ?? null,
      wechat: binds.find((b) => b.channel === 'wechat')?.address_mask ?? null,
      push: subs.length,
    },
  };
}
