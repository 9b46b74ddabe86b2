import crypto from 'node:crypto';

/**
 * WeChat Pay API v3's cryptography, as the platform applies it (written from the spec, not shared
 * with Quanzi's adapter: the sandbox is the other party).
 *
 * - Request signature: `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`, SHA256withRSA, base64, sent as
 *   `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`.
 * - Response and notification signature: `TIMESTAMP\nNONCE\nBODY\n` with the platform key, in the
 *   `Wechatpay-Signature` / `-Timestamp` / `-Nonce` / `-Serial` headers.
 * - Notification resource: AEAD_AES_256_GCM under the merchant's APIv3 key, 12-byte nonce, the
 *   original type as associated data, ciphertext || 16-byte tag in base64.
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** Signatures older or newer than this (seconds) are refused on both sides. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export function sign(message: string, privateKeyPem: string): string {
  return crypto.createSign('RSA-SHA256').update(message).sign(privateKeyPem, 'base64');
}

export function verify(message: string, signature: string, publicKeyPem: string): boolean {
  try {
    return crypto.createVerify('RSA-SHA256').update(message).verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

export const requestMessage = (method: string, url: string, timestamp: string, nonce: string, body: string) =>
  `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
export const responseMessage = (timestamp: string, nonce: string, body: string) => `${timestamp}\n${nonce}\n${body}\n`;

/** The `Authorization` header's fields, or null when it is not a v3 signature. */
export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  for (const k of ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no']) if (!fields[k]) return null;
  return fields;
}

/** Public-key mode: the platform key's id, `PUB_KEY_ID_` + digits derived from the key. */
export function publicKeyId(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const digits = BigInt(`0x${crypto.createHash('sha256').update(der).digest('hex').slice(0, 24)}`)
    .toString()
    .padStart(30, '0')
    .slice(0, 30);
  return `PUB_KEY_ID_01${digits}`;
}

/** The merchant API certificate's serial number stands in as a hex fingerprint of its public key. */
export function certificateSerial(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha1').update(der).digest('hex').toUpperCase();
}

export function nonce(size = 32): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from(crypto.randomBytes(size), (b) => alphabet[b % alphabet.length]).join('');
}

export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string) {
  const iv = nonce(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(iv));
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce: iv };
}

export function generateKeyPair(): { publicKey: string; privateKey: string } {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** RFC 3339 in China time, the way WeChat Pay writes every time: `2026-12-06T10:00:00+08:00`. */
export function rfc3339(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** `2026-12-06 10:00:00` in China time, as the bill writes it. */
export function billTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function digits(n: number): string {
  return Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join('');
}
