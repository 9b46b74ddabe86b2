import { z } from 'zod';
import { Fen, Timestamp } from './common.js';

/** Amount inputs are strings of integer fen ("10010" = ¥100.10); anything else gets AMOUNT_INVALID. */
export const AmountInput = z.union([z.string().max(40), z.number()]).describe('string of integer fen, e.g. "10010" = ¥100.10');

export const WalletCard = z.object({
  id: z.string(),
  bankName: z.string(),
  cardMasked: z.string(),
  /** 同卡进出: false when this card has never been used to top up while another card has. */
  withdrawable: z.boolean(),
});

export const Wallet = z.object({
  available: Fen,
  frozen: Fen,
  experience: Fen,
  /** Limits left today (Asia/Shanghai day). */
  topUpRemainingToday: Fen,
  withdrawalRemainingToday: Fen,
  /** Withdrawals at or above this wait for review by finance. */
  reviewThreshold: Fen,
  cards: z.array(WalletCard),
  /** False until the member has verified their real name and bound a card. */
  ready: z.boolean(),
  /** The payment channels a top-up can go through now (支付宝, 微信支付). */
  channels: z.array(z.enum(['alipay', 'wechat'])),
});
export type Wallet = z.infer<typeof Wallet>;

export const WalletOrderStatus = z.enum(['pending', 'held', 'reviewing', 'paying', 'succeeded', 'failed', 'closed', 'rejected']);
export type WalletOrderStatus = z.infer<typeof WalletOrderStatus>;

/** The payment provider an order goes through: 支付宝 or 微信支付. */
export const PaymentChannel = z.enum(['alipay', 'wechat']);
export type PaymentChannel = z.infer<typeof PaymentChannel>;

export const WalletOrder = z.object({
  id: z.string(),
  type: z.enum(['top_up', 'withdrawal']),
  channel: PaymentChannel,
  amount: Fen,
  status: WalletOrderStatus,
  bankName: z.string(),
  cardMasked: z.string(),
  payUrl: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
});
export type WalletOrder = z.infer<typeof WalletOrder>;

/** What finance sees on top of the member's view. */
export const ConsoleWalletOrder = WalletOrder.extend({
  memberId: z.string(),
  gatewayRef: z.string().nullable(),
  reportedAmount: Fen.nullable(),
  reviewNote: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: Timestamp.nullable(),
  settledAt: Timestamp.nullable(),
});
export type ConsoleWalletOrder = z.infer<typeof ConsoleWalletOrder>;

export const TopUpRequest = z.strictObject({
  amount: AmountInput,
  cardId: z.uuid().optional(),
  /** Which provider the member pays with; 支付宝 when left out. */
  channel: PaymentChannel.optional(),
});
export const TopUpResponse = z.object({ orderId: z.string(), payUrl: z.string(), order: WalletOrder });
export type TopUpResponse = z.infer<typeof TopUpResponse>;
export const WithdrawalRequest = z.strictObject({
  amount: AmountInput,
  paymentPassword: z.string().max(16),
  cardId: z.uuid().optional(),
});

export const RefundRequest = z.strictObject({ amount: AmountInput, reason: z.string().trim().min(1).max(200) });
export const WalletRefund = z.object({
  id: z.string(),
  orderId: z.string(),
  memberId: z.string(),
  channel: PaymentChannel,
  amount: Fen,
  status: z.enum(['pending', 'succeeded', 'failed']),
  reason: z.string(),
  requestedBy: z.string(),
  gatewayRef: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
});
export type WalletRefund = z.infer<typeof WalletRefund>;

export const ReviewDecision = z.strictObject({ note: z.string().trim().min(1).max(200) });
export const ResolveHeldRequest = z.strictObject({ action: z.enum(['credit_reported', 'close']), note: z.string().trim().min(1).max(200) });

export const ReconRun = z.object({
  id: z.string(),
  billDate: z.string(),
  billLines: z.number().int(),
  matched: z.number().int(),
  mismatches: z.number().int(),
  ranAt: Timestamp,
  ranBy: z.string(),
});
export const ReconItem = z.object({
  id: z.string(),
  billDate: z.string(),
  problem: z.enum(['missing_in_bill', 'missing_in_orders', 'amount_mismatch']),
  orderId: z.string().nullable(),
  gatewayRef: z.string().nullable(),
  ourAmount: Fen.nullable(),
  billAmount: Fen.nullable(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: Timestamp.nullable(),
});
export const ReconResolution = z.enum(['gateway_corrected', 'order_corrected', 'written_off']);
export const ResolveReconRequest = z.strictObject({ resolution: ReconResolution, note: z.string().trim().min(1).max(200) });
export const RunReconRequest = z.strictObject({ billDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), channel: PaymentChannel.optional() });

export const CallbackRejection = z.object({
  id: z.string(),
  reason: z.string(),
  params: z.unknown(),
  ip: z.string().nullable(),
  receivedAt: Timestamp,
});
