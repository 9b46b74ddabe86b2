import crypto from 'node:crypto';

/**
 * RSA2 as Alipay uses it: SHA256withRSA over the request's parameters sorted by name, joined as
 * `k=v&k=v`, leaving out `sign`, `sign_type` and empty values; the signature travels base64 in
 * `sign`. Both the sandbox gateway and Quanzi's adapter sign and verify with this one function pair,
 * the way both ends of a real integration follow the gateway's published rules.
 */
export type Params = Record<string, string>;

export function canonicalString(params: Params): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'sign_type' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function signParams(params: Params, privateKeyPem: string): string {
  return crypto.sign('sha256', Buffer.from(canonicalString(params), 'utf8'), privateKeyPem).toString('base64');
}

/** False for a missing, malformed or wrong signature, and for any altered parameter. */
export function verifyParams(params: Params, publicKeyPem: string): boolean {
  const sign = params.sign;
  if (!sign || params.sign_type !== 'RSA2') return false;
  try {
    return crypto.verify('sha256', Buffer.from(canonicalString(params), 'utf8'), publicKeyPem, Buffer.from(sign, 'base64'));
  } catch {
    return false;
  }
}

export function generateRsaKeyPair(): { publicKey: string; privateKey: string } {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
