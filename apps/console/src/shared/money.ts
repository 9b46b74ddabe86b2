import { formatFen, yuanInputToFen } from '@quanzi/web-kit';

/**
 * Money on screen. The API sends strings of integer fen ("10010" = ¥100.10); web-kit's `formatFen`
 * does the exact bigint arithmetic, and the console adds the currency sign. Never parseFloat.
 */

const FEN = /^-?\d+$/;

/** "10010" → "¥100.10", "-5" → "-¥0.05", "123456789" → "¥1,234,567.89"; `sign` adds "+" above zero. */
export function formatMoney(fen: string | bigint, options: { sign?: boolean } = {}): string {
  if (typeof fen === 'string' && !FEN.test(fen)) return fen;
  return formatFen(fen, { sign: options.sign }).replace(/^([+-]?)/, '$1¥');
}

/** Exact sum of fen strings. */
export const sumFen = (values: readonly string[]): bigint => values.reduce((sum, v) => sum + BigInt(v), 0n);

/** Sign of a fen string without converting it to a float: -1, 0 or 1. */
export const fenSign = (fen: string): -1 | 0 | 1 => {
  const value = BigInt(fen);
  return value > 0n ? 1 : value < 0n ? -1 : 0;
};

/** The largest amount the API accepts in one field: ¥10,000,000,000.00. */
export const MAX_FEN = 1_000_000_000_000n;

/** What finance types in yuan ("100", "0.5", "1234.56") → a string of fen ("10000"); null unless a positive amount ≤ MAX_FEN. */
export function parseYuan(input: string): string | null {
  const fen = yuanInputToFen(input);
  return fen !== null && BigInt(fen) <= MAX_FEN ? fen : null;
}
