/** Pure helpers for the community-operations pages (tested in ops-model.test.ts). */

/** "12 分 5 秒"-style parts of a duration, for response and waiting times. */
export function durationParts(seconds: number): { unit: 'seconds' | 'minutes' | 'hours' | 'days'; count: number; rest: number } {
  if (seconds < 60) return { unit: 'seconds', count: seconds, rest: 0 };
  if (seconds < 3600) return { unit: 'minutes', count: Math.floor(seconds / 60), rest: seconds % 60 };
  if (seconds < 86_400) return { unit: 'hours', count: Math.floor(seconds / 3600), rest: Math.floor((seconds % 3600) / 60) };
  return { unit: 'days', count: Math.floor(seconds / 86_400), rest: Math.floor((seconds % 86_400) / 3600) };
}

/** Response-time colour: green within the default 10 minutes, gold within an hour, red beyond. */
export const responseColor = (seconds: number) => (seconds <= 600 ? 'green' : seconds <= 3600 ? 'gold' : 'red');

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
