import { z } from 'zod';
import { Timestamp } from './common.js';
import { ActivityLink, MarketingTopic, MemberChannel, NoticeLocale, QuietHours, TopicPreference, TransactionalTopic } from './touch.js';

/**
 * What a notification is about. Members may switch each kind off, except the mandatory ones
 * (`money`, `moderation`, `system` — the transactional kinds): those always reach them.
 */
export const NOTIFICATION_KINDS = ['money', 'investing', 'mention', 'reply', 'live_reminder', 'moderation', 'system', 'marketing'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Kinds that cannot be turned off (the preference API answers NOTIFICATION_KIND_REQUIRED). */
export const REQUIRED_NOTIFICATION_KINDS: readonly NotificationKind[] = ['money', 'moderation', 'system'];
export const isRequiredNotificationKind = (kind: NotificationKind): boolean => REQUIRED_NOTIFICATION_KINDS.includes(kind);

export const InboxNotification = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** An app path ("/wallet/orders/…") the member lands on when they tap it; null when there is none. */
  link: z.string().nullable(),
  /** One approved activity link a transactional notice may carry (招行-style), null otherwise. */
  activity: ActivityLink.nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type InboxNotification = z.infer<typeof InboxNotification>;

/** `before` is the previous page's `nextBefore` (keyset paging, newest first). */
export const InboxQuery = z.strictObject({
  kind: NotificationKind.optional(),
  unread: z.enum(['true', 'false']).optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

/** Newest first; `nextBefore` is null on the last page; `unread` counts every unread notification of the member. */
export const InboxPage = z.object({
  items: z.array(InboxNotification),
  nextBefore: z.string().nullable(),
  unread: z.number().int(),
});
export type InboxPage = z.infer<typeof InboxPage>;

/** Mark some (`ids`; others' ids are ignored) or `all` of the member's notifications read. */
export const InboxReadRequest = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(100).optional(),
    all: z.literal(true).optional(),
  })
  .refine((b) => b.ids !== undefined || b.all === true, { message: 'ids or all is required' });
export type InboxReadRequest = z.infer<typeof InboxReadRequest>;

export const InboxReadResponse = z.object({ marked: z.number().int(), unread: z.number().int() });
export type InboxReadResponse = z.infer<typeof InboxReadResponse>;

export const NotificationPreference = z.object({
  kind: NotificationKind,
  inApp: z.boolean(),
  /** Mandatory kinds are always on. */
  required: z.boolean(),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = z.object({
  /** Inbox kinds (in-app switches, the first preferences). */
  items: z.array(NotificationPreference),
  /** Marketing topics, each switchable per channel. */
  topics: z.array(TopicPreference),
  /** Account, money, security and moderation notices: always sent, cannot be switched off. */
  transactional: z.array(TransactionalTopic),
  /** Marketing waits outside this window (Asia/Shanghai); null when the member turned quiet hours off. */
  quietHours: QuietHours.nullable(),
  /** The language templates and operator sends reach the member in. */
  locale: NoticeLocale,
  /** Where the member can be reached besides the app (masked). */
  bindings: z.object({ phone: z.boolean(), email: z.string().nullable(), wechat: z.string().nullable(), push: z.number().int() }),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** One change at a time: an inbox kind, a topic on a channel, the quiet hours (null turns them off), or the language. */
export const NotificationPreferenceUpdate = z.union([
  z.strictObject({ kind: NotificationKind, inApp: z.boolean() }),
  z.strictObject({ topic: MarketingTopic, channel: MemberChannel, enabled: z.boolean() }),
  z.strictObject({ quietHours: QuietHours.nullable() }),
  z.strictObject({ locale: NoticeLocale }),
]);
export type NotificationPreferenceUpdate = z.infer<typeof NotificationPreferenceUpdate>;
