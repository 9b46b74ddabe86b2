/**
 * What Quanzi needs from a payment provider (Alipay, WeChat Pay, a bank's custody system). The
 * wallet speaks only this interface and keeps one gateway per **channel** (`'alipay'`, `'wechat'`):
 * a member picks the channel at top-up, withdrawals go out through the payout channel, and the
 * ledger, reconciliation and held-amount rules are the same for every channel. Amounts here are fen;
 * adapters convert to whatever the provider speaks. Every call is idempotent by Quanzi's own ids
 * (the order id as out_trade_no / out_biz_no, the refund id as out_request_no / out_refund_no), so
 * the wallet may repeat any call after a crash.
 */
export interface PaymentGateway {
  /** The channel this gateway serves; also prefixes its event ids when deduplicating callbacks. */
  readonly name: string;
  /**
   * Makes the order payable and answers where the member pays (a redirect URL, a QR code URL…).
   * `gatewayRef` is the provider's trade id when it already exists, else null (Alipay's page/wap pay
   * creates the trade only when the buyer opens the page; the callback brings the id).
   */
  createPayment(input: CreatePaymentInput): Promise<{ gatewayRef: string | null; payUrl: string }>;
  queryPayment(orderId: string): Promise<GatewayStatus>;
  /** Closes an unpaid payment so it can no longer be paid; a payment that does not exist is fine. */
  closePayment(orderId: string): Promise<void>;
  /** Refunds part or all of a paid order; idempotent by refundId. Throws GatewayUnavailableError when unsure. */
  refund(input: RefundInput): Promise<RefundStatus>;
  queryRefund(input: { orderId: string; refundId: string }): Promise<RefundStatus>;
  createPayout(input: CreatePayoutInput): Promise<{ gatewayRef: string }>;
  queryPayout(orderId: string): Promise<GatewayStatus>;
  /** Verifies a callback's signature and reads it; null when the signature or content is not trustworthy. */
  verifyCallback(input: CallbackInput): Promise<GatewayEvent | null>;
  /** The provider's record of a day's completed payments, refunds and payouts (Asia/Shanghai day, YYYY-MM-DD). */
  downloadBill(day: string): Promise<BillLine[]>;
}

/** A provider's notification as it arrived: form fields (Alipay), or headers and the raw body (WeChat Pay v3). */
export interface CallbackInput {
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export interface CreatePaymentInput {
  orderId: string;
  amount: bigint;
  subject: string;
  notifyUrl: string;
  returnUrl: string;
}

export interface RefundInput {
  orderId: string;
  /** Quanzi's refund id: the provider's out_request_no / out_refund_no. */
  refundId: string;
  amount: bigint;
  /** What the order was paid (some providers want it with every refund). */
  orderAmount: bigint;
  reason: string;
  notifyUrl: string;
}

export interface RefundStatus {
  state: 'pending' | 'succeeded' | 'failed' | 'unknown';
  gatewayRef: string | null;
  amount: bigint | null;
  /** The provider's reason for a refusal (failed), for finance. */
  reason?: string;
}

export interface CreatePayoutInput {
  orderId: string;
  amount: bigint;
  cardLast4: string;
  payeeNameMasked: string;
  notifyUrl: string;
}

export interface GatewayStatus {
  state: 'pending' | 'succeeded' | 'failed' | 'unknown';
  gatewayRef: string | null;
  amount: bigint | null;
}

export interface GatewayEvent {
  /** The gateway's id for this notification; duplicates repeat it. */
  eventId: string;
  kind: 'payment' | 'payout' | 'refund';
  orderId: string;
  /** For kind 'refund': Quanzi's refund id the provider echoes back. */
  refundId?: string;
  gatewayRef: string;
  state: 'succeeded' | 'failed';
  /** Null when the gateway sent an amount we cannot read: never credited, held for review. For a refund: this refund's amount. */
  amount: bigint | null;
}

export interface BillLine {
  gatewayRef: string;
  orderId: string;
  kind: 'payment' | 'payout' | 'refund';
  /** For kind 'refund'. */
  refundId?: string;
  amount: bigint;
}

export class GatewayUnavailableError extends Error {}
