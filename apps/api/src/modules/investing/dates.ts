import { shanghaiDay } from '../../platform/clock.js';

/** Calendar arithmetic on 'YYYY-MM-DD' days (no time zones involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** T+1 起息: a purchase made on a Shanghai day starts earning the next day. */
export const valueDateFor = (purchasedAt: Date): string => addDays(shanghaiDay(purchasedAt), 1);
