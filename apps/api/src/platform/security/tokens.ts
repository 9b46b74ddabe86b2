import crypto from 'node:crypto';

/** Opaque session token: 256 random bits. Only its SHA-256 is stored, so a database leak grants no sessions. */
export const newToken = (): string => crypto.randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('base64url');

const MEMO_MAX = 20_000;
const memo = new Map<string, string>();

/**
 * `hashToken` for the per-request session lookup, remembered for the tokens seen lately: a pure
 * function, so a remembered hash can never be stale — whether the session is still live is decided
 * by the session cache and the database, as before. Bounded; the oldest entry goes first.
 */
export function hashTokenMemo(token: string): string {
  const hit = memo.get(token);
  if (hit !== undefined) return hit;
  const hash = hashToken(token);
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value as string);
  memo.set(token, hash);
  return hash;
}

/** Uniform 6-digit code for SMS verification. */
export const newSmsCode = (): string => crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
