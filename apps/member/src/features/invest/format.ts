import { formatFen } from '@quanzi/web-kit';
import type { Product } from './invest-api';

/** 业绩比较基准 in basis points → "3.20%", integer arithmetic only. */
export const bpsText = (bps: number): string => `${Math.trunc(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`;

/**
 * What the benchmark would give: principal × bps × days / (10 000 × 365), floored to the fen — the
 * same formula the server uses for a fixed holding's estimate. An estimate, never a promise.
 */
export const estimatedReturn = (principalFen: string, bps: number, days: number): string =>
  ((BigInt(principalFen) * BigInt(bps) * BigInt(days)) / 3_650_000n).toString();

/** Large amounts in 万 for the product cards (floored, so a quota is never shown larger than it is); English keeps the full figure. */
export function compactFen(fen: string, language: string): string {
  const value = BigInt(fen);
  if (!language.startsWith('zh') || value < 1_000_000n) return formatFen(value);
  const wan = value / 1_000_000n;
  const cents = (value % 1_000_000n) / 10_000n;
  const whole = wan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return cents === 0n ? `${whole}万` : `${whole}.${cents.toString().padStart(2, '0').replace(/0$/, '')}万`;
}

export const minBig = (a: string, b: string): string => (BigInt(a) < BigInt(b) ? a : b);

/** Calendar arithmetic on 'YYYY-MM-DD' days, as the server does it (no time zones involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type SaleState = 'open' | 'soldOut' | 'notStarted' | 'ended';

/** Why a product can or cannot be bought right now (the server's `purchasable` decides; this only names the reason). */
export function saleState(p: Product, now = Date.now()): SaleState {
  if (p.purchasable) return p.remainingQuota === '0' ? 'soldOut' : 'open';
  if (p.status === 'sold_out' || p.remainingQuota === '0') return 'soldOut';
  if (p.status === 'on_sale' && now < Date.parse(p.saleStartsAt)) return 'notStarted';
  return 'ended';
}

/** The level number of C1…C5 / R1…R5. */
export const levelNumber = (level: string): number => Number(level.slice(1));
