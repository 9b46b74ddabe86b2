/**
 * "Full jitter" exponential backoff: a random delay up to base·2^attempt, capped. Thousands of
 * clients dropped together spread their reconnects instead of stampeding one instance.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}
