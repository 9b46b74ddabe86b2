import type { ConsoleWalletOrder, WalletOrder } from '@quanzi/contracts';
import type { OrderRow } from './repo.js';

export const presentOrder = (o: OrderRow): WalletOrder => ({
  id: o.id,
  type: o.type,
  channel: o.channel as WalletOrder['channel'],
  amount: String(o.amount),
  status: o.status,
  bankName: o.bank_name,
  cardMasked: o.card_masked,
  payUrl: o.status === 'pending' ? o.pay_url : null,
  failureReason: o.failure_reason,
  createdAt: o.created_at.toISOString(),
  completedAt: o.completed_at?.toISOString() ?? null,
});

export const presentConsoleOrder = (o: OrderRow): ConsoleWalletOrder => ({
  ...presentOrder(o),
  payUrl: o.pay_url,
  memberId: o.member_id,
  gatewayRef: o.gateway_ref,
  reportedAmount: o.reported_amount === null ? null : String(o.reported_amount),
  reviewNote: o.review_note,
  reviewedBy: o.reviewed_by,
  reviewedAt: o.reviewed_at?.toISOString() ?? null,
  settledAt: o.settled_at?.toISOString() ?? null,
});
