import type { SuitabilityLevel } from '@quanzi/contracts';

export const MAX_ATTEMPTS_PER_DAY = 3;

/** The product risks a level may buy: C1 → "R1", C3 → "R1–R3". */
export const riskRange = (level: SuitabilityLevel): string => {
  const n = Number(level.slice(1));
  return n === 1 ? 'R1' : `R1–R${n}`;
};

/** The China calendar date of an instant, YYYY-MM-DD, whatever the viewer's zone. */
export const shanghaiDate = (iso: string): string => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Only same-app paths: a `next` pointing elsewhere falls back to the invest tab. */
export const safeNext = (next: string | null): string => (next && /^\/(?![/\\])/.test(next) ? next : '/invest');
