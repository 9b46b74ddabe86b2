/**
 * Money on screen. The API sends strings of integer fen ("10010"); these helpers format and parse
 * with string and bigint arithmetic only, so ¥0.1 + ¥0.2 is never ¥0.30000000000000004.
 */

/** "10010" → "100.10"; "-5" → "-0.05"; grouping with commas: "1234567" → "12,345.67". */
export function formatFen(fen: string | bigint, options: { grouping?: boolean; sign?: boolean } = {}): string {
  const value = typeof fen === 'bigint' ? fen : BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let whole = (abs / 100n).toString();
  if (options.grouping !== false) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  const sign = negative ? '-' : options.sign && abs > 0n ? '+' : '';
  return `${sign}${whole}.${cents}`;
}

/** What a member types ("100", "100.5", "100.05") → fen as a string; null when it is not a plain amount. */
export function yuanInputToFen(input: string): string | null {
  const text = input.trim();
  if (!/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  const fen = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return fen > 0n ? fen.toString() : null;
}

/** A fresh key per user action; a retry of the same action reuses it (Idempotency-Key header). */
export const newIdempotencyKey = (): string => crypto.randomUUID();
