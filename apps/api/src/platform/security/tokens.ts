import crypto from 'node:crypto';

/** Opaque session token: 256 random bits. Only its SHA-256 is stored, so a database leak grants no sessions. */
export const newToken = (): string => crypto.randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('base64url');

/** Uniform 6-digit code for SMS verification. */
export const newSmsCode = (): string => crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
