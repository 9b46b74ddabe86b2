import type { ErrorCode } from '@quanzi/contracts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  INTERNAL: 500,
  PHONE_TAKEN: 409,
  ID_NUMBER_TAKEN: 409,
  CARD_ALREADY_BOUND: 409,
  ALREADY_VERIFIED: 409,
  USERNAME_TAKEN: 409,
  CLOSURE_BLOCKED: 409,
  SMS_COOLDOWN: 429,
  SMS_DAILY_LIMIT: 429,
  ACCOUNT_LOCKED: 423,
  PAYMENT_PASSWORD_LOCKED: 423,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_CLOSED: 403,
  OPERATOR_DISABLED: 403,
  INSUFFICIENT_BALANCE: 409,
  IDENTITY_REQUIRED: 403,
  CARD_REQUIRED: 403,
  CARD_NOT_ELIGIBLE: 403,
  DAILY_LIMIT_EXCEEDED: 429,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_FLIGHT: 409,
  ORDER_STATE_CONFLICT: 409,
  PAYMENT_GATEWAY_UNAVAILABLE: 503,
  ISSUER_SIGNATURE_INVALID: 401,
  EXPERIENCE_NOT_REDEEMABLE: 409,
  SUITABILITY_ANSWERS_INVALID: 400,
  SUITABILITY_ATTEMPTS_EXCEEDED: 429,
  SUITABILITY_REQUIRED: 403,
  SUITABILITY_MISMATCH: 403,
  PRODUCT_NOT_ON_SALE: 409,
  QUOTA_EXCEEDED: 409,
  PER_PERSON_LIMIT_EXCEEDED: 409,
  NOT_REDEEMABLE: 409,
  PRODUCT_STATE_CONFLICT: 409,
  YIELD_ALREADY_DECLARED: 409,
  NOTIFICATION_KIND_REQUIRED: 400,
};

/**
 * A failure the caller can act on. Domain code throws these; the HTTP layer turns them into
 * `{"error":{"code","message"}}` with the message in the caller's language. Anything else is a bug.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.status = STATUS[code] ?? 400;
  }
}

export const fail = (code: ErrorCode, params?: Record<string, string | number>, details?: unknown): never => {
  throw new AppError(code, params, details);
};
