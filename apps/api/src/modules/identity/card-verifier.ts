/** The four elements a bank checks before a card may be bound. */
export interface CardHolder {
  name: string;
  idNumber: string;
  cardNumber: string;
  reservedPhone: string;
}

/**
 * Four-element card verification (a UnionPay / payment-company service in production). The code
 * sent to the reserved phone proves the phone; this proves name, ID, card and phone belong together.
 */
export interface CardVerifier {
  verify(holder: CardHolder): Promise<boolean>;
}

/** Sandbox bank: every card matches except test cards ending in 4444, which it declines. */
export const SANDBOX_DECLINED_SUFFIX = '4444';
export const sandboxCardVerifier: CardVerifier = {
  verify: async (holder) => !holder.cardNumber.endsWith(SANDBOX_DECLINED_SUFFIX),
};
