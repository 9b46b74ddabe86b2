import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isMarketingTopic, type MemberChannel, type NotificationKind, type TouchTopic } from '@quanzi/contracts';

/** The touch layer's defaults; operators change the cap and the approval threshold in the console. */
export const TOUCH_POLICY = {
  /** Marketing touches per member per Asia/Shanghai day, across every channel. */
  dailyCap: 3,
  /** Quiet hours in minutes after Shanghai midnight (22:00–08:00). */
  quietStart: 22 * 60,
  quietEnd: 8 * 60,
  /** Sends to more recipients than this need a second operator's approval. */
  approvalThreshold: 1000,
  /** Members per send batch (one transaction, one pg-boss step). */
  batchSize: 2000,
  /** Attempts per delivery before a transient failure becomes final. */
  maxAttempts: 6,
  /** How long a claimed delivery is this worker's before another may take it over. */
  leaseMs: 120_000,
  /** Deliveries a worker claims at a time. */
  claimBatch: 200,
} as const;

export const SETTING_KEYS = { dailyCap: 'daily_cap', approvalThreshold: 'approval_threshold' } as const;

const SHANGHAI_OFFSET_MIN = 8 * 60;
const DAY_MIN = 24 * 60;

/** Minutes after midnight in Asia/Shanghai (UTC+8 all year). */
export const shanghaiMinutes = (at: Date): number =>
  (((Math.floor(at.getTime() / 60_000) + SHANGHAI_OFFSET_MIN) % DAY_MIN) + DAY_MIN) % DAY_MIN;

/** Whether `minutes` falls in [start, end), a window that may cross midnight; start = end is no window. */
export function inQuietHours(minutes: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** The next instant at `end` (Shanghai) after `at`: when deferred marketing goes out. */
export function quietHoursEnd(at: Date, end: number): Date {
  const now = shanghaiMinutes(at);
  const wait = (end - now + DAY_MIN) % DAY_MIN || DAY_MIN;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}

export const toClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const fromClock = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Exponential backoff for transient failures: 10 s, 40 s, 160 s … capped at an hour. */
export const retryDelayMs = (attempts: number): number => Math.min(3_600_000, 10_000 * 4 ** Math.max(0, attempts - 1));

/** The inbox kind a topic's in-app notice is filed under. */
export function inboxKind(topic: TouchTopic): NotificationKind {
  switch (topic) {
    case 'money':
      return 'money';
    case 'moderation':
      return 'moderation';
    case 'account':
    case 'security':
      return 'system';
    case 'live_reminders':
      return 'live_reminder';
    case 'replies_mentions':
      return 'reply';
    default:
      return 'marketing';
  }
}

export const isMarketing = (topic: TouchTopic): boolean => isMarketingTopic(topic);

/** Marketing SMS end with the opt-out instruction the MIIT rules require. */
export const SMS_OPT_OUT = '回T退订';
export const withOptOut = (text: string): string => (text.trimEnd().endsWith(SMS_OPT_OUT) ? text : `${text.trimEnd()} ${SMS_OPT_OUT}`);

export const TOPIC_LABELS: Record<TouchTopic, string> = {
  market_alerts: '行情提醒',
  product_launches: '产品上新',
  live_reminders: '直播提醒',
  replies_mentions: '回复与提及',
  campaign_news: '活动资讯',
  group_digests: '圈子摘要',
  account: '账户通知',
  money: '资金通知',
  security: '安全通知',
  moderation: '处理通知',
};

export const CHANNEL_ORDER: readonly MemberChannel[] = ['in_app', 'sms', 'email', 'push', 'wechat'];

/** The audit log's actor for an operator's change. */
export const actor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });
