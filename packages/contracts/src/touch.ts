import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * The touch layer: topics a member can switch per channel, transactional kinds that always reach
 * them, channels, templates, sends and the delivery log.
 */
export const MARKETING_TOPICS = [
  'market_alerts',
  'product_launches',
  'live_reminders',
  'replies_mentions',
  'campaign_news',
  'group_digests',
] as const;
export const TRANSACTIONAL_TOPICS = ['account', 'money', 'security', 'moderation'] as const;
export const MarketingTopic = z.enum(MARKETING_TOPICS);
export type MarketingTopic = z.infer<typeof MarketingTopic>;
export const TransactionalTopic = z.enum(TRANSACTIONAL_TOPICS);
export type TransactionalTopic = z.infer<typeof TransactionalTopic>;
export const TouchTopic = z.enum([...MARKETING_TOPICS, ...TRANSACTIONAL_TOPICS]);
export type TouchTopic = z.infer<typeof TouchTopic>;
export const isMarketingTopic = (topic: string): topic is MarketingTopic => (MARKETING_TOPICS as readonly string[]).includes(topic);

/** Channels that reach one member; `wecom` (企业微信 group robots) reaches a group. */
export const MEMBER_CHANNELS = ['in_app', 'sms', 'email', 'push', 'wechat'] as const;
export const MemberChannel = z.enum(MEMBER_CHANNELS);
export type MemberChannel = z.infer<typeof MemberChannel>;
export const DeliveryChannel = z.enum([...MEMBER_CHANNELS, 'wecom']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;
export const DeliveryStatus = z.enum(['queued', 'sending', 'sent', 'delivered', 'failed', 'deferred', 'skipped']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** "HH:MM", 00:00–23:59. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
export const QuietHours = z.strictObject({ start: ClockTime, end: ClockTime });
/** The language a member reads notifications in; templates render their zh-CN or en texts (zh-CN when a template has no en). */
export const NoticeLocale = z.enum(['zh-CN', 'en']);
export type NoticeLocale = z.infer<typeof NoticeLocale>;
export type QuietHours = z.infer<typeof QuietHours>;

export const TopicPreference = z.object({
  topic: MarketingTopic,
  channels: z.record(MemberChannel, z.boolean()),
});

export const ActivityLink = z.object({ label: z.string(), link: z.string() });
export type ActivityLink = z.infer<typeof ActivityLink>;

export const ComplianceViolation = z.object({ word: z.string(), start: z.number().int(), end: z.number().int() });

// ---- console: templates
const TemplateText = z.strictObject({
  title: z.string().min(1).max(100),
  body: z.string().min(1).max(1000),
  /** The SMS text (without signature or 回T退订, added per send); the body when omitted. */
  sms: z.string().min(1).max(300).optional(),
});
export const TemplateContent = z.strictObject({ 'zh-CN': TemplateText, en: TemplateText.optional() });
export type TemplateContent = z.infer<typeof TemplateContent>;
const VariableName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/);

export const TemplateInput = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_.-]{1,63}$/),
  name: z.string().min(1).max(60),
  topic: TouchTopic,
  channels: z.array(MemberChannel).min(1).max(5),
  failoverToInApp: z.boolean().default(false),
  content: TemplateContent,
  variables: z.array(VariableName).max(20).default([]),
  productIds: z.array(z.uuid()).max(5).default([]),
  activityLinkId: z.uuid().nullable().default(null),
  wechatTemplateId: z.string().min(1).max(64).nullable().default(null),
  smsTemplateCode: z.string().min(1).max(64).nullable().default(null),
});
export type TemplateInput = z.infer<typeof TemplateInput>;
export const TemplateUpdate = TemplateInput.omit({ code: true, topic: true });
export type TemplateUpdate = z.infer<typeof TemplateUpdate>;

export const TemplateView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  topic: TouchTopic,
  channels: z.array(MemberChannel),
  failoverToInApp: z.boolean(),
  version: z.number().int(),
  content: TemplateContent,
  variables: z.array(z.string()),
  productIds: z.array(z.string()),
  activityLinkId: z.string().nullable(),
  wechatTemplateId: z.string().nullable(),
  smsTemplateCode: z.string().nullable(),
  updatedAt: Timestamp,
});
export type TemplateView = z.infer<typeof TemplateView>;

// ---- console: segments and sends
export const Segment = z.strictObject({
  /** Members whose unexpired suitability level is at least this (1 = C1 … 5 = C5). */
  minSuitability: z.number().int().min(1).max(5).optional(),
  /** Members of any of these groups. */
  groupIds: z.array(z.uuid()).max(20).optional(),
  /** Active (logged in) within the last N days. */
  activeWithinDays: z.number().int().min(1).max(365).optional(),
  /** Bound on this channel (email or WeChat bound, a push subscription). */
  boundChannel: z.enum(['email', 'wechat', 'push']).optional(),
  /** Member tags (kept by a later growth module; refused until a tag source is registered). */
  tags: z.array(z.string().min(1).max(32)).max(10).optional(),
  /** Member levels (the growth issue's 等级); refused until a level source is registered. */
  levels: z.array(z.string().min(1).max(32)).max(10).optional(),
  /** Explicit members (tests, VIP lists). */
  memberIds: z.array(z.uuid()).max(10_000).optional(),
});
export type Segment = z.infer<typeof Segment>;

export const SendInput = z.strictObject({
  templateId: z.uuid(),
  name: z.string().min(1).max(60),
  segment: Segment,
  variables: z.record(z.string(), z.string().max(200)).default({}),
  channels: z.array(MemberChannel).min(1).max(5).optional(),
  scheduledAt: Timestamp.optional(),
});
export type SendInput = z.infer<typeof SendInput>;

export const AudiencePreview = z.object({ audience: z.number().int(), requiresApproval: z.boolean(), threshold: z.number().int() });

export const SendView = z.object({
  id: z.string(),
  name: z.string(),
  templateId: z.string(),
  templateVersion: z.number().int(),
  status: z.enum(['pending_approval', 'scheduled', 'running', 'paused', 'completed', 'cancelled']),
  channels: z.array(MemberChannel),
  segment: Segment,
  scheduledAt: Timestamp,
  audienceEstimate: z.number().int(),
  requiresApproval: z.boolean(),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  targeted: z.number().int(),
  skipped: z.record(z.string(), z.number().int()),
  results: z.record(z.string(), z.record(z.string(), z.number().int())),
  compliance: z.object({ ok: z.boolean(), skippedBySuitability: z.number().int() }),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type SendView = z.infer<typeof SendView>;

export const DeliveryView = z.object({
  id: z.string(),
  messageId: z.string(),
  sendId: z.string().nullable(),
  memberId: z.string().nullable(),
  channel: DeliveryChannel,
  status: DeliveryStatus,
  reason: z.string().nullable(),
  attempts: z.number().int(),
  provider: z.string().nullable(),
  providerCode: z.string().nullable(),
  title: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  nextAttemptAt: Timestamp,
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const MailOutboxItem = z.object({ id: z.string(), to: z.string(), subject: z.string(), raw: z.string(), createdAt: Timestamp });
export type MailOutboxItem = z.infer<typeof MailOutboxItem>;
