import { z } from 'zod';
import { Fen, Phone, Timestamp } from './common.js';

// ——— Lottery (抽奖) ———

export const PrizeKind = z.enum(['none', 'points', 'coupon', 'experience', 'physical']);
export type PrizeKind = z.infer<typeof PrizeKind>;

export const WheelPrizeInput = z.strictObject({
  name: z.string().trim().min(1).max(60),
  kind: PrizeKind,
  weight: z.number().int().min(1).max(1_000_000),
  /** Omitted or null: unlimited. */
  stock: z.number().int().min(0).max(10_000_000).nullable().optional(),
  points: z.number().int().min(1).max(1_000_000).optional(),
  /** Experience money, integer fen. */
  amount: Fen.optional(),
  days: z.number().int().min(1).max(365).optional(),
  couponRef: z.string().min(1).max(100).optional(),
});
export type WheelPrizeInput = z.infer<typeof WheelPrizeInput>;

export const CreateWheel = z.strictObject({
  name: z.string().trim().min(1).max(60),
  pointsCost: z.number().int().min(0).max(1_000_000),
  /** After this many misses in a row the next draw wins a prize. */
  guaranteeAfter: z.number().int().min(1).max(1000).nullable().optional(),
  prizes: z.array(WheelPrizeInput).min(2).max(12),
});
export type CreateWheel = z.infer<typeof CreateWheel>;

export const WheelPrize = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  kind: PrizeKind,
  weight: z.number().int(),
  stock: z.number().int().nullable(),
  initialStock: z.number().int().nullable(),
  points: z.number().int().nullable(),
  amount: Fen.nullable(),
  days: z.number().int().nullable(),
  couponRef: z.string().nullable(),
});

export const WheelStatus = z.enum(['draft', 'open', 'closed']);
export const ConsoleWheel = z.object({
  id: z.string(),
  name: z.string(),
  status: WheelStatus,
  pointsCost: z.number().int(),
  guaranteeAfter: z.number().int().nullable(),
  commitment: z.string().nullable(),
  seed: z.string().nullable(),
  drawCount: z.number().int(),
  prizes: z.array(WheelPrize),
  createdAt: Timestamp,
  openedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
});
export type ConsoleWheel = z.infer<typeof ConsoleWheel>;

export const MemberWheel = z.object({
  id: z.string(),
  name: z.string(),
  status: WheelStatus,
  pointsCost: z.number().int(),
  guaranteeAfter: z.number().int().nullable(),
  chances: z.number().int(),
  misses: z.number().int(),
  commitment: z.string().nullable(),
  prizes: z.array(
    z.object({ position: z.number().int(), name: z.string(), kind: PrizeKind, weight: z.number().int(), soldOut: z.boolean() }),
  ),
});
export type MemberWheel = z.infer<typeof MemberWheel>;

export const Fulfilment = z.enum(['none', 'granted', 'awaiting_address', 'to_ship', 'shipped']);
export const DrawResult = z.object({
  id: z.string(),
  wheelId: z.string(),
  seq: z.number().int(),
  won: z.boolean(),
  prize: z.object({ position: z.number().int(), name: z.string(), kind: PrizeKind }).nullable(),
  guaranteed: z.boolean(),
  substituted: z.boolean(),
  paidWith: z.enum(['chance', 'points']),
  fulfilment: Fulfilment,
  tracking: z.string().nullable(),
  createdAt: Timestamp,
});
export type DrawResult = z.infer<typeof DrawResult>;

export const PublicDraw = z.object({
  seq: z.number().int(),
  rolledPosition: z.number().int(),
  prizePosition: z.number().int().nullable(),
  guaranteed: z.boolean(),
  /** The member's level lottery weight used for this draw (100 = normal). */
  weightPercent: z.number().int(),
  substituted: z.boolean(),
  at: Timestamp,
});
export const DrawRecord = z.object({
  wheelId: z.string(),
  name: z.string(),
  status: WheelStatus,
  commitment: z.string().nullable(),
  /** The committed text: canonical JSON of the prizes and weights; commitment = SHA-256(weightsDoc + "\n" + seed). */
  weightsDoc: z.string().nullable(),
  /** Revealed once the wheel is closed. */
  seed: z.string().nullable(),
  algorithm: z.string(),
  draws: z.array(PublicDraw),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DrawRecord = z.infer<typeof DrawRecord>;

export const ShippingAddress = z.strictObject({
  name: z.string().trim().min(1).max(30),
  phone: Phone,
  address: z.string().trim().min(5).max(200),
});
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const GrantChances = z.strictObject({
  memberId: z.uuid(),
  count: z.number().int().min(1).max(100),
  reason: z.string().trim().min(1).max(200),
});

export const ShipRequest = z.strictObject({
  carrier: z.string().trim().min(1).max(40),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/),
});
export type ShipRequest = z.infer<typeof ShipRequest>;

export const ConsoleDraw = z.object({
  id: z.string(),
  seq: z.number().int(),
  memberId: z.string(),
  prizeName: z.string().nullable(),
  fulfilment: Fulfilment,
  /** Masked: 张* · 138****5678 · the address line. */
  shipTo: z.string().nullable(),
  tracking: z.string().nullable(),
  createdAt: Timestamp,
});

// ——— Points mall (积分商城) ———

export const MallGrant = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lottery_chances'), wheelId: z.uuid(), count: z.number().int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('experience'), amount: Fen, days: z.number().int().min(1).max(365) }),
  z.strictObject({ kind: z.literal('coupon'), couponRef: z.string().min(1).max(100) }),
]);
export type MallGrant = z.infer<typeof MallGrant>;

export const CreateMallItem = z.strictObject({
  name: z.string().trim().min(1).max(60),
  description: z.string().max(500).default(''),
  kind: z.enum(['physical', 'virtual']),
  pointsPrice: z.number().int().min(1).max(10_000_000),
  stock: z.number().int().min(0).max(10_000_000),
  perMemberLimit: z.number().int().min(1).max(1000).nullable().optional(),
  grant: MallGrant.optional(),
});
export type CreateMallItem = z.infer<typeof CreateMallItem>;

export const UpdateMallItem = z.strictObject({
  status: z.enum(['on_sale', 'off_sale']).optional(),
  addStock: z.number().int().min(1).max(10_000_000).optional(),
});

export const MallItem = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['physical', 'virtual']),
  pointsPrice: z.number().int(),
  stock: z.number().int(),
  perMemberLimit: z.number().int().nullable(),
  status: z.enum(['on_sale', 'off_sale']),
});
export type MallItem = z.infer<typeof MallItem>;

export const CreateMallOrder = z.strictObject({
  itemId: z.uuid(),
  quantity: z.number().int().min(1).max(10).default(1),
  address: ShippingAddress.optional(),
});
export type CreateMallOrder = z.infer<typeof CreateMallOrder>;

export const MallOrderStatus = z.enum(['granted', 'to_ship', 'shipped', 'delivered']);
export const MallOrder = z.object({
  id: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  kind: z.enum(['physical', 'virtual']),
  quantity: z.number().int(),
  points: z.number().int(),
  status: MallOrderStatus,
  carrier: z.string().nullable(),
  tracking: z.string().nullable(),
  createdAt: Timestamp,
});
export type MallOrder = z.infer<typeof MallOrder>;
export const ConsoleMallOrder = MallOrder.extend({ memberId: z.string(), shipTo: z.string().nullable() });

// ——— Referral (邀请) ———

export const ReferralRefusal = z.enum([
  'self_referral',
  'shared_device',
  'shared_id',
  'shared_card',
  'shared_phone_prefix',
  'risk_denied',
  'risk_review',
]);
export type ReferralRefusal = z.infer<typeof ReferralRefusal>;

export const ReferralSummary = z.object({
  code: z.string(),
  link: z.string(),
  posterUrl: z.string(),
  windowDays: z.number().int(),
  counts: z.object({
    invited: z.number().int(),
    pending: z.number().int(),
    rewarded: z.number().int(),
    refused: z.number().int(),
    expired: z.number().int(),
  }),
  pointsEarned: z.number().int(),
  tiers: z.array(z.object({ from: z.number().int(), points: z.number().int() })),
  rewards: z.array(z.object({ invitee: z.string(), points: z.number().int(), tier: z.number().int(), at: Timestamp })),
  refused: z.array(z.object({ invitee: z.string(), reason: ReferralRefusal, at: Timestamp })),
  invitedBy: z.object({ status: z.enum(['pending', 'rewarded', 'refused', 'expired']) }).nullable(),
});
export type ReferralSummary = z.infer<typeof ReferralSummary>;

export const BindReferral = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z2-9]{8}$/),
});
