/**
 * What Quanzi needs from a payment gateway (Alipay, UnionPay, a bank's custody system). The wallet
 * speaks only this interface; the sandbox gateway is one implementation reached over signed HTTP.
 * Amounts here are fen; adapters convert to whatever the gateway speaks.
 */
export interface PaymentGateway {
  readonly name: string;
  createPayment(input: CreatePaymentInput): Promise<{ gatewayRef: string; payUrl: string }>;
  queryPayment(orderId: string): Promise<GatewayStatus>;
  createPayout(input: CreatePayoutInput): Promise<{ gatewayRef: string }>;
  queryPayout(orderId: string): Promise<GatewayStatus>;
  /** Verifies a callback's signature and reads it; null when the signature or content is not trustworthy. */
  verifyCallback(params: Record<string, string>): Promise<GatewayEvent | null>;
  /** The gateway's record of a day's completed payments and payouts (Asia/Shanghai day, YYYY-MM-DD). */
  downloadBill(day: string): Promise<BillLine[]>;
}

export interface CreatePaymentInput {
  orderId: string;
  amount: bigint;
  subject: string;
  notifyUrl: string;
  returnUrl: string;
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
  kind: 'payment' | 'payout';
  orderId: string;
  gatewayRef: string;
  state: 'succeeded' | 'failed';
  /** Null when the gateway sent an amount we cannot read: never credited, held for review. */
  amount: bigint | null;
}

export interface BillLine {
  gatewayRef: string;
  orderId: string;
  kind: 'payment' | 'payout';
  amount: bigint;
}

export class GatewayUnavailableError extends Error {}
