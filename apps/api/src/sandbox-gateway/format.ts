import crypto from 'node:crypto';
import { shanghaiDay } from '../platform/clock.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Alipay's wire format for instants: "yyyy-MM-dd HH:mm:ss" in Beijing time (China has no daylight saving). */
export function gatewayTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instants [from, to) of an Asia/Shanghai day "YYYY-MM-DD"; null for anything that is not a real date. */
export function shanghaiDayRange(day: string): { from: Date; to: Date } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const from = new Date(`${day}T00:00:00+08:00`);
  // "2026-02-30" parses as 2 March; comparing back rejects it.
  if (Number.isNaN(from.getTime()) || shanghaiDay(from) !== day) return null;
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/**
 * Gateway serial numbers shaped like Alipay's: the Shanghai date, a two-digit kind marker, then 18
 * random digits — unguessable, so a pay URL cannot be found by counting.
 */
export function newSerial(at: Date, kind: 'pay' | 'payout' | 'extra'): string {
  const marker = { pay: '22', payout: '01', extra: '99' }[kind];
  const random = Array.from({ length: 3 }, () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')).join('');
  return `${shanghaiDay(at).replaceAll('-', '')}${marker}${random}`;
}

export const newNotifyId = (): string => crypto.randomBytes(16).toString('hex');

const digits = (seed: string, n: number) => {
  const hex = crypto.createHash('sha256').update(seed).digest('hex');
  return (BigInt(`0x${hex.slice(0, 24)}`) % 10n ** BigInt(n)).toString().padStart(n, '0');
};

/** Alipay user ids are 2088 followed by 12 digits; the sandbox derives them from a seed so they stay stable. */
export const alipayUserId = (seed: string): string => `2088${digits(seed, 12)}`;
export const sellerId = (appId: string): string => alipayUserId(`seller:${appId}`);
/** Alipay shows the buyer's account masked, e.g. 138****0000. */
export const buyerLogonId = (tradeNo: string): string => `1${digits(`logon:${tradeNo}`, 2)}****${digits(`tail:${tradeNo}`, 4)}`;

/** What Alipay reports for a trade: a fully refunded trade reads TRADE_CLOSED. */
export const tradeStatusOf = (p: { status: string; refunded_fen: bigint; amount_fen: bigint }): string =>
  p.status === 'TRADE_SUCCESS' && p.refunded_fen >= p.amount_fen ? 'TRADE_CLOSED' : p.status;
