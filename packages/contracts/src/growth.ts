import { z } from 'zod';
import { Timestamp } from './common.js';

/** Integer fen as a string ("10010" = ¥100.10), positive. */
const PositiveFen = z.string().regex(/^[1-9]\d{0,14}$/);
/** Integer fen as a string, zero allowed. */
const FenText = z.string().regex(/^(0|[1-9]\d{0,14})$/);

/**
 * What starts a campaign: a domain event from the outbox. Each trigger names one event
 * (`modules/growth/triggers.ts` maps them); `first_investment` is an investment with none before it.
 */
export const CampaignTrigger = z.enum([
  'registered',
  'real_name_verified',
  'card_bound',
  'first_investment',
  'investment',
  'redemption',
  'referral_converted',
  'checked_in',
  'answer_accepted',
  'live_attended',
  'group_joined',
  /** No event: the campaign's coupons are lottery prizes (the prize's couponRef names the campaign). */
  'lottery_prize',
]);
export type CampaignTrigger = z.infer<typeof CampaignTrigger>;

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Conditions all have to hold (AND). A small closed set: no expressions, nothing evaluated. */
export const CampaignCondition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('amount_min'), min: PositiveFen }),
  z.strictObject({ kind: z.literal('amount_max'), max: PositiveFen }),
  z.strictObject({
    kind: z.literal('product'),
    productIds: z.array(z.uuid()).max(50).optional(),
    productTypes: z
      .array(z.enum(['demand', 'fixed']))
      .max(2)
      .optional(),
  }),
  z.strictObject({ kind: z.literal('member_level'), min: z.number().int().min(0).max(100) }),
  z.strictObject({ kind: z.literal('suitability'), min: z.number().int().min(1).max(5) }),
  z.strictObject({
    kind: z.literal('registration_channel'),
    channels: z.array(z.string().min(1).max(64)).max(20).optional(),
    utmSources: z.array(z.string().min(1).max(64)).max(20).optional(),
    utmCampaigns: z.array(z.string().min(1).max(64)).max(20).optional(),
  }),
  /** Shanghai time of day (and optionally weekdays, 1 = Monday … 7 = Sunday) the event happened in. */
  z.strictObject({
    kind: z.literal('time_window'),
    from: HhMm,
    to: HhMm,
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  }),
  /** The member's first event of this kind. */
  z.strictObject({ kind: z.literal('first_time') }),
  z.strictObject({ kind: z.literal('group_member'), groupId: z.uuid() }),
]);
export type CampaignCondition = z.infer<typeof CampaignCondition>;

/** Where a coupon may be used: products by id and/or type; none given = every product. */
const CouponScope = {
  productIds: z.array(z.uuid()).max(50).optional(),
  productTypes: z
    .array(z.enum(['demand', 'fixed']))
    .max(2)
    .optional(),
  validDays: z.number().int().min(1).max(365),
};
export const CouponSpec = z.discriminatedUnion('type', [
  /** 加息券: boostBps on top of the benchmark for up to `days` days of the purchase, paid as cash at purchase, at most `maxCost`. */
  z.strictObject({
    type: z.literal('rate_boost'),
    boostBps: z.number().int().min(1).max(1000),
    days: z.number().int().min(1).max(365),
    minAmount: PositiveFen.optional(),
    maxCost: PositiveFen,
    ...CouponScope,
  }),
  /** 满减: `amount` back on a purchase of at least `threshold`. */
  z.strictObject({ type: z.literal('cash_back'), threshold: PositiveFen, amount: PositiveFen, ...CouponScope }),
]);
export type CouponSpec = z.infer<typeof CouponSpec>;

export const CampaignEffect = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('points'),
    points: z.number().int().min(1).max(1_000_000),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  }),
  z.strictObject({ kind: z.literal('experience'), amount: PositiveFen, days: z.number().int().min(1).max(365) }),
  z.strictObject({ kind: z.literal('coupon'), coupon: CouponSpec }),
  z.strictObject({ kind: z.literal('red_packet'), amount: PositiveFen }),
  z.strictObject({ kind: z.literal('badge'), code: z.string().regex(/^[a-z0-9_-]{2,32}$/), name: z.string().min(1).max(32) }),
  z.strictObject({ kind: z.literal('notification'), title: z.string().min(1).max(60), body: z.string().min(1).max(500) }),
  z.strictObject({ kind: z.literal('lottery_chances'), wheelId: z.uuid(), count: z.number().int().min(1).max(100) }),
]);
export type CampaignEffect = z.infer<typeof CampaignEffect>;
export type EffectKind = CampaignEffect['kind'];

/** A tier applies when the event's amount is at least `minAmount`; the highest such tier wins. */
export const CampaignTier = z.strictObject({ minAmount: PositiveFen, effects: z.array(CampaignEffect).min(1).max(10) });

export const CampaignBudget = z.strictObject({
  totalMoney: PositiveFen.optional(),
  totalCount: z.number().int().min(1).max(100_000_000).optional(),
  dailyMoney: PositiveFen.optional(),
  dailyCount: z.number().int().min(1).max(100_000_000).optional(),
});

export const CampaignDefinition = z.strictObject({
  name: z.string().min(1).max(60),
  trigger: CampaignTrigger,
  conditions: z.array(CampaignCondition).max(20).default([]),
  /** Either flat effects or tiers by amount (not both). */
  effects: z.array(CampaignEffect).max(10).optional(),
  tiers: z.array(CampaignTier).max(10).optional(),
  budget: CampaignBudget.optional(),
  perMemberLimit: z.number().int().min(1).max(10_000).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});
export type CampaignDefinition = z.infer<typeof CampaignDefinition>;

export const CampaignStatus = z.enum(['active', 'paused', 'exhausted']);

export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  trigger: CampaignTrigger,
  conditions: z.array(CampaignCondition),
  effects: z.array(CampaignEffect),
  tiers: z.array(CampaignTier),
  budget: z.object({
    totalMoney: z.string().nullable(),
    totalCount: z.number().int().nullable(),
    dailyMoney: z.string().nullable(),
    dailyCount: z.number().int().nullable(),
  }),
  perMemberLimit: z.number().int().nullable(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  status: CampaignStatus,
  /** Live: active and inside its window. */
  running: z.boolean(),
  spentMoney: FenText,
  grantedCount: z.number().int(),
  createdAt: Timestamp,
});

export const CampaignDetail = Campaign.extend({
  grants: z.object({
    granted: z.number().int(),
    review: z.number().int(),
    denied: z.number().int(),
    memberLimit: z.number().int(),
    budgetExhausted: z.number().int(),
  }),
  /** One point per Shanghai day with grants: spent that day and the remaining total after it. */
  burnDown: z.array(
    z.object({
      day: z.string(),
      spentMoney: FenText,
      count: z.number().int(),
      remainingMoney: FenText.nullable(),
      remainingCount: z.number().int().nullable(),
    }),
  ),
});

export const CampaignGrant = z.object({
  id: z.string(),
  campaignId: z.string(),
  eventId: z.string(),
  memberId: z.string(),
  status: z.enum(['granted', 'review', 'denied', 'member_limit', 'budget_exhausted']),
  tier: z.number().int().nullable(),
  cost: FenText,
  risk: z.object({ decision: z.enum(['allow', 'review', 'deny']), score: z.number(), ruleSet: z.string() }).nullable(),
  effects: z.array(z.object({ kind: z.string(), summary: z.string() })),
  createdAt: Timestamp,
});

export const CampaignPreview = z.object({
  from: Timestamp,
  to: Timestamp,
  events: z.number().int(),
  matched: z.number().int(),
  wouldGrant: z.number().int(),
  wouldCost: FenText,
  stoppedByBudget: z.number().int(),
  stoppedByMemberLimit: z.number().int(),
  byTier: z.array(z.object({ tier: z.number().int().nullable(), count: z.number().int(), cost: FenText })),
});

export const Coupon = z.object({
  id: z.string(),
  type: z.enum(['rate_boost', 'cash_back']),
  status: z.enum(['available', 'used', 'expired']),
  boostBps: z.number().int().nullable(),
  days: z.number().int().nullable(),
  minAmount: FenText.nullable(),
  maxCost: FenText.nullable(),
  threshold: FenText.nullable(),
  amount: FenText.nullable(),
  productIds: z.array(z.string()),
  productTypes: z.array(z.enum(['demand', 'fixed'])),
  expiresAt: Timestamp,
  usedAt: Timestamp.nullable(),
  usedOrderId: z.string().nullable(),
  /** What the coupon paid out when used. */
  paid: FenText.nullable(),
  createdAt: Timestamp,
});
export type Coupon = z.infer<typeof Coupon>;
export type Campaign = z.infer<typeof Campaign>;
export type CampaignDetail = z.infer<typeof CampaignDetail>;
export type CampaignGrant = z.infer<typeof CampaignGrant>;
export type CampaignPreview = z.infer<typeof CampaignPreview>;
export type CampaignDefinitionInput = z.input<typeof CampaignDefinition>;
