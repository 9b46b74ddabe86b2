/** Suitability rules in one place. Days are Asia/Shanghai days. */
export const SUITABILITY_POLICY = {
  /** Submissions per member per day: enough to correct a slip, too few to game the score. */
  maxAttemptsPerDay: 3,
  /** An assessment is valid one year; after that the member has no level until they retake it. */
  validYears: 1,
} as const;

/** One calendar year after `at` (29 February → 1 March). */
export function expiryOf(at: Date): Date {
  const expires = new Date(at);
  expires.setUTCFullYear(expires.getUTCFullYear() + SUITABILITY_POLICY.validYears);
  return expires;
}
