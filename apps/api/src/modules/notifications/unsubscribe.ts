import crypto from 'node:crypto';
import { MARKETING_TOPICS, MEMBER_CHANNELS, type MarketingTopic, type MemberChannel } from '@quanzi/contracts';
import type { PiiVault } from '../../platform/security/pii.js';

interface Claim {
  m: string;
  t: MarketingTopic;
  c: MemberChannel;
}

// The blind index folds case; signing the payload's hash keeps the signature bound to its exact
// bytes. 128 bits of the HMAC are kept, so the whole token stays short enough for one URL segment.
const sign = (vault: PiiVault, payload: string) =>
  vault.blindIndex('unsubscribe', crypto.createHash('sha256').update(payload).digest('hex')).slice(0, 22);
/** Signatures under every known key: links in mail sent before a QUANZI_SECRET rotation keep working. */
const signatures = (vault: PiiVault, payload: string) =>
  vault.blindIndexes('unsubscribe', crypto.createHash('sha256').update(payload).digest('hex')).map((s) => s.slice(0, 22));

/** A one-click unsubscribe token: member (uuid hex), topic and channel (one digit each), signed. */
export function unsubscribeToken(vault: PiiVault, claim: Claim): string {
  const payload = `${claim.m.replace(/-/g, '')}${MARKETING_TOPICS.indexOf(claim.t)}${MEMBER_CHANNELS.indexOf(claim.c)}`;
  return `${payload}.${sign(vault, payload)}`;
}

export function readUnsubscribeToken(vault: PiiVault, token: string): Claim | null {
  const match = /^([0-9a-f]{32})(\d)(\d)\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const [, hex, t, c, sig] = match;
  const payload = `${hex}${t}${c}`;
  if (!signatures(vault, payload).some((s) => crypto.timingSafeEqual(Buffer.from(s), Buffer.from(sig!)))) return null;
  const topic = MARKETING_TOPICS[Number(t)];
  const channel = MEMBER_CHANNELS[Number(c)];
  if (!topic || !channel) return null;
  const m = `${hex!.slice(0, 8)}-${hex!.slice(8, 12)}-${hex!.slice(12, 16)}-${hex!.slice(16, 20)}-${hex!.slice(20)}`;
  return { m, t: topic, c: channel };
}
