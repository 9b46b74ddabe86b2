/**
 * Money is integer fen everywhere inside Quanzi: bigint in code and the database, a string of
 * digits in JSON. Payment gateways speak yuan with two decimals ("100.10"); these conversions are
 * the only place the two meet, and they never touch a float.
 */

/** The largest amount any single order may carry: ¥10,000,000,000.00 — far above any limit, far below 2^63. */
export const MAX_ORDER_FEN = 1_000_000_000_000n;

const FEN_PATTERN = /^[1-9]\d{0,15}$/;
const YUAN_PATTERN = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;

/** Parses a positive amount of fen ("10010"); null for zero, negatives, fractions, junk and overflow. */
export function parsePositiveFen(raw: unknown): bigint | null {
  if (typeof raw !== 'string' || !FEN_PATTERN.test(raw)) return null;
  const fen = BigInt(raw);
  return fen > 0n && fen <= MAX_ORDER_FEN ? fen : null;
}

/** "100.1" or "100.10" → 10010n; null when the text is not a plain non-negative yuan amount. */
export function yuanToFen(yuan: string): bigint | null {
  if (!YUAN_PATTERN.test(yuan)) return null;
  const [whole, fraction = ''] = yuan.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** 10010n → "100.10"; negative amounts keep their sign. */
export function fenToYuan(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
