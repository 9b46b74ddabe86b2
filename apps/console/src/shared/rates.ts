/**
 * Rates on screen and in forms. 业绩比较基准 and actual returns travel as integer basis points
 * (320 = 3.20%); 万份收益 as yuan text with up to 4 decimals ("0.6512"). Conversions use string and
 * integer arithmetic only, never parseFloat, so "3.2" is 320 and not 319.99999999999997.
 */

/** 320 → "3.20%", 5 → "0.05%", 1234 → "12.34%". */
export function formatBps(bps: number): string {
  const abs = Math.abs(Math.trunc(bps));
  return `${bps < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

const PERCENT = /^(0|[1-9]\d{0,2})(\.\d{1,2})?$/;

/** A percentage as typed ("3.2", "3.20", "0.05", "4%") → basis points (320, 320, 5, 400); null unless it has at most 2 decimals. */
export function percentToBps(input: string): number | null {
  const text = input.trim().replace(/%$/, '');
  if (!PERCENT.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 万份收益 as the API takes it: yuan per 10,000 yuan, 1–2 integer digits and up to 4 decimals. */
export const PER10K_PATTERN = /^\d{1,2}(\.\d{1,4})?$/;

/**
 * The annualised rate a 万份收益 corresponds to (× 365, rounded to the basis point), shown beside the
 * input so a misplaced decimal point ("5.12" for "0.512") stands out before it is declared.
 */
export function per10kToAnnualBps(input: string): number | null {
  const text = input.trim();
  if (!PER10K_PATTERN.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  const units = Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
  return Math.floor((units * 365 + 5_000) / 10_000);
}
