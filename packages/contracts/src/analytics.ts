import { z } from 'zod';
import { Fen, Timestamp } from './common.js';

/** Analytics (issue 17): event collection, funnels, the core metric, channels. No personal data. */

/** Why one event of a batch was not kept. */
export const EventDropCode = z.enum([
  'MALFORMED',
  'UNKNOWN_EVENT',
  'FUTURE_TIMESTAMP',
  'TOO_OLD',
  'PROPERTIES_TOO_LARGE',
  'BATCH_TOO_LARGE',
  'RATE_LIMITED',
  'BOT',
]);
export type EventDropCode = z.infer<typeof EventDropCode>;

/** Each element is checked on its own (a bad one is dropped with a code, the others are kept). */
export const EventBatch = z.strictObject({ events: z.array(z.unknown()).min(1).max(1000) });
export const EventBatchResult = z.object({
  accepted: z.number().int(),
  dropped: z.array(z.object({ index: z.number().int(), code: EventDropCode })),
});
export type EventBatchResult = z.infer<typeof EventBatchResult>;

export const FunnelOrder = z.enum(['ordered', 'strict', 'any']);
export const FunnelBreakdown = z.enum(['channel', 'utm_source', 'device', 'product']);
const PropertyValue = z.union([z.string().max(200), z.number(), z.boolean()]);
export const FunnelStep = z.strictObject({
  event: z.string().min(1).max(64),
  /** Equality filters on the event's properties (`productId`, `path`, `kind` …), all must match. */
  properties: z.record(z.string().min(1).max(64), PropertyValue).optional(),
  label: z.string().max(40).optional(),
});
export const FunnelQuery = z.strictObject({
  steps: z.array(FunnelStep).min(2).max(10),
  windowDays: z.number().int().min(1).max(90).default(14),
  order: FunnelOrder.default('ordered'),
  breakdown: FunnelBreakdown.optional(),
  /** Shanghai days (YYYY-MM-DD), inclusive: when step 1 may be entered. Default: the last 30 days. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type FunnelQuery = z.infer<typeof FunnelQuery>;
const FunnelStepCount = z.object({
  step: z.number().int(),
  event: z.string(),
  label: z.string(),
  count: z.number().int(),
  /** Share of step 1, 0..1. */
  conversion: z.number(),
  /** Seconds from the previous step (medians over the people who made it). */
  medianSecondsFromPrevious: z.number().nullable(),
});
export const FunnelResult = z.object({
  from: z.string(),
  to: z.string(),
  windowDays: z.number().int(),
  order: FunnelOrder,
  steps: z.array(FunnelStepCount),
  breakdown: z
    .array(z.object({ value: z.string(), steps: z.array(z.object({ step: z.number().int(), count: z.number().int() })) }))
    .optional(),
  /** Time from step 1 to the last step, people per bucket. */
  timeToConvert: z.array(z.object({ bucket: z.string(), people: z.number().int() })),
});
export type FunnelResult = z.infer<typeof FunnelResult>;

export const SaveDroppedSegment = z.strictObject({
  name: z.string().trim().min(1).max(60),
  funnel: FunnelQuery,
  /** 1-based: members who reached this step and not the next one. */
  droppedAfterStep: z.number().int().min(1).max(9),
});
export const AnalyticsSegment = z.object({
  id: z.string(),
  name: z.string(),
  members: z.number().int(),
  createdAt: Timestamp,
});
export type AnalyticsSegment = z.infer<typeof AnalyticsSegment>;

export const CoreMetricQuery = z.strictObject({
  period: z.enum(['day', 'week']).default('day'),
  /** The Shanghai day the current period contains (default: yesterday). */
  date: z.iso.date().optional(),
  channel: z.string().max(40).optional(),
});
const Factors = z.object({
  uv: z.number(),
  registrationRate: z.number(),
  investmentRate: z.number(),
  averageTicket: z.number(),
});
export const CoreMetric = z.object({
  period: z.enum(['day', 'week']),
  current: z.object({
    from: z.string(),
    to: z.string(),
    amount: Fen,
    registrations: z.number().int(),
    investors: z.number().int(),
    factors: Factors,
  }),
  previous: z.object({
    from: z.string(),
    to: z.string(),
    amount: Fen,
    registrations: z.number().int(),
    investors: z.number().int(),
    factors: Factors,
  }),
  /** LMDI log decomposition of the change in fen: the four parts sum to `change`. Null where a factor is 0. */
  contributions: z
    .object({ uv: z.number(), registrationRate: z.number(), investmentRate: z.number(), averageTicket: z.number() })
    .nullable(),
  change: z.number(),
  /** The factor that moved the amount most (by absolute contribution). */
  mainDriver: z.enum(['uv', 'registrationRate', 'investmentRate', 'averageTicket']).nullable(),
  /** Daily amounts for the trend chart. */
  trend: z.array(
    z.object({ day: z.string(), amount: Fen, uv: z.number().int(), registrations: z.number().int(), investors: z.number().int() }),
  ),
  watermark: Timestamp.nullable(),
});
export type CoreMetric = z.infer<typeof CoreMetric>;

export const ChannelsQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Quadrant thresholds: registrations (volume) and registration → first investment rate (quality). */
  volumeThreshold: z.coerce.number().int().min(0).optional(),
  qualityThreshold: z.coerce.number().min(0).max(1).optional(),
});
export const ChannelRow = z.object({
  channel: z.string(),
  uv: z.number().int(),
  registrations: z.number().int(),
  realNames: z.number().int(),
  firstInvestments: z.number().int(),
  amount: Fen,
  cost: Fen,
  /** Cost per first investor (fen), null without cost or investors. */
  cac: Fen.nullable(),
  /** (amount × revenue rate − cost) / cost, null without cost. */
  roi: z.number().nullable(),
  conversion: z.number(),
  retention30: z.number().nullable(),
  vanity: z.boolean(),
  vanityReason: z.string().nullable(),
  quadrant: z.enum(['grow', 'fix_quality', 'test', 'cut']),
});
export const Channels = z.object({
  from: z.string(),
  to: z.string(),
  volumeThreshold: z.number(),
  qualityThreshold: z.number(),
  revenueRate: z.number(),
  items: z.array(ChannelRow),
});
export type Channels = z.infer<typeof Channels>;
export const ChannelCostInput = z.strictObject({
  channel: z.string().trim().min(1).max(40),
  from: z.iso.date(),
  to: z.iso.date(),
  /** Integer fen, 0 … 10¹⁵ − 1. */
  amount: z.string().regex(/^\d{1,15}$/, 'integer fen, not negative'),
});
export const ChannelCost = z.object({
  id: z.string(),
  channel: z.string(),
  from: z.string(),
  to: z.string(),
  amount: Fen,
  enteredAt: Timestamp,
});

export const CommunityHealthQuery = z.strictObject({ groupId: z.uuid().optional() });
export const GroupHealth = z.object({
  groupId: z.string(),
  groupName: z.string().nullable(),
  stage: z.enum(['formation', 'assimilation', 'collaboration', 'declining']),
  /** Why the group is in its stage (zh-CN sentences for the card). */
  signals: z.array(z.string()),
  dauMau: z.number(),
  messagesPerDay: z.number(),
  members: z.number().int(),
  lurkerShare: z.number(),
  responseMedianSeconds: z.number().nullable(),
  responseP90Seconds: z.number().nullable(),
  unanswered: z.number().int(),
  newcomerFirstWeekValue: z.number().nullable(),
  /** Messages per week, newest first (8 weeks), for the sparkline. */
  weekly: z.array(z.number().int()),
  dying: z.boolean(),
  /** Community → money over the last 30 days (fen): investments credited to the group by last touch (a product card's group, else the latest group activity within 7 days) and by first touch (the earliest within 30 days). */
  attributed: z.object({ lastTouch: Fen, firstTouch: Fen, lastTouchInvestments: z.number().int() }),
});
export const CommunityHealth = z.object({
  asOf: Timestamp,
  overall: z.object({ groups: z.number().int(), dying: z.number().int(), messagesPerDay: z.number(), medianDauMau: z.number() }),
  items: z.array(GroupHealth),
});
export type CommunityHealth = z.infer<typeof CommunityHealth>;

export const MembersQuery = z.strictObject({
  /** High-net-worth threshold in fen (default ¥500,000). */
  hnwThreshold: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});
export const MembersAnalytics = z.object({
  cohorts: z.array(z.object({ week: z.string(), size: z.number().int(), retention: z.array(z.number()) })),
  repeatInvestmentRate: z.number(),
  lorenz: z.array(z.object({ people: z.number(), assets: z.number() })),
  top20Share: z.number(),
  highNetWorth: z.object({ threshold: Fen, members: z.number().int() }),
  lifecycle: z.object({
    new: z.number().int(),
    active: z.number().int(),
    silent: z.number().int(),
    churn_risk: z.number().int(),
    churned: z.number().int(),
  }),
});
export type MembersAnalytics = z.infer<typeof MembersAnalytics>;
