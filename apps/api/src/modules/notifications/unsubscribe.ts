import crypto from 'node:crypto';
import type { MarketingTopic, MemberChannel } from '@quanzi/contracts';
import type { PiiVault } from '../../platform/security/pii.js';

interface Claim {
  m: string;
  t: MarketingTopic;
  c: MemberChannel;
}

/** A one-click unsubscribe token: the member, topic and channel, signed (HMAC under the platform secret). */
// The blind index folds case; signing the payload's hash keeps the signature bound to its exact bytes.
const sign = (vault: PiiVault, payload: string) =>
  vault.blindIndex('unsubscribe', crypto.createHash('sha256').update(payload).digest('hex'));

export function unsubscribeToken(vault: PiiVault, claim: Claim): string {
  const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${payload}.${sign(vault, payload)}`;
}

export function readUnsubscribeToken(vault: PiiVault, token: string): Claim | null {
  const [payload, sig] = token.split('.');
  if (!payload || !sig || sig.length > 100 || sign(vault, payload) !== sig) return null;
  try {
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claim;
    return typeof claim.m === 'string' && typeof claim.t === 'string' && typeof claim.c === 'string' ? claim : null;
  } catch {
    return null;
  }
}
