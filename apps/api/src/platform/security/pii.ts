import crypto from 'node:crypto';

/**
 * Personal data (phones, ID numbers, card numbers, names) is encrypted at rest with AES-256-GCM.
 * Keys are derived from QUANZI_SECRET with HKDF; each ciphertext names its key id, so after a
 * rotation (new QUANZI_SECRET, old one in QUANZI_SECRET_PREVIOUS) old rows still decrypt.
 * Format: `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts).
 *
 * Equality lookups (one ID per account, login by phone) use a blind index: HMAC-SHA256 of the
 * normalised value under a separate derived key, never the plaintext. New rows are indexed under the
 * current secret's key; lookups try every known key (`blindIndexes`), so a rotation never hides a
 * row, and identity's `pii-reindex` job rewrites old rows (index and ciphertext) to the current key.
 */
export interface PiiVault {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** The blind index under the current key (what new and re-indexed rows store). */
  blindIndex(kind: string, plain: string): string;
  /** The blind index under every known key, current first: what a lookup must match during a rotation. */
  blindIndexes(kind: string, plain: string): string[];
  /** The current keys' id: rows carrying it need no re-indexing or re-encryption. */
  readonly keyId: string;
  /** True when the ciphertext was sealed with an older key. */
  sealedWithOldKey(sealed: string): boolean;
}

interface Key {
  id: string;
  key: Buffer;
}

function derive(secret: string, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('quanzi'), Buffer.from(info), 32));
}

function encryptionKey(secret: string): Key {
  const key = derive(secret, 'pii-encryption/v1');
  return { id: crypto.createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function createPiiVault(secret: string, previousSecrets: string[] = []): PiiVault {
  const current = encryptionKey(secret);
  const keys = new Map([current, ...previousSecrets.map(encryptionKey)].map((k) => [k.id, k.key]));
  const indexKeys = [secret, ...previousSecrets].map((s) => derive(s, 'pii-blind-index/v1'));
  const hmac = (key: Buffer, kind: string, plain: string) =>
    crypto.createHmac('sha256', key).update(`${kind}:${plain.trim().toUpperCase()}`).digest('base64url');
  return {
    keyId: current.id,
    sealedWithOldKey: (sealed) => sealed.split('.')[1] !== current.id,
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', current.key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, kid, iv, tag, ct] = sealed.split('.');
      const key = kid ? keys.get(kid) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || ct === undefined) throw new Error('Unreadable or unknown-key ciphertext');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, plain) {
      return hmac(indexKeys[0]!, kind, plain);
    },
    blindIndexes(kind, plain) {
      return [...new Set(indexKeys.map((key) => hmac(key, kind, plain)))];
    },
  };
}
