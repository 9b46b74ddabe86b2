import crypto from 'node:crypto';

/**
 * The gateway's side of Alipay's OpenAPI signature rules (the sandbox is the third party here; Quanzi
 * itself signs and verifies only through the official alipay-sdk):
 *
 * - a merchant's **request** is verified over every parameter except `sign` — `sign_type` included —
 *   sorted by name, joined `k=v&k=v`, empty values left out (what the SDK's `sign()` produces);
 * - a **response** `{"<method>_response":{…},"sign":"…"}` is signed over the raw JSON text of the
 *   `<method>_response` value exactly as sent;
 * - an asynchronous **notification** is signed over its parameters without `sign` and `sign_type`
 *   (what `checkNotifySignV2` accepts).
 */
export type Params = Record<string, string>;

function canonical(params: Params, omit: string[]): string {
  return Object.keys(params)
    .filter((k) => !omit.includes(k) && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export const requestSignContent = (params: Params) => canonical(params, ['sign']);
export const notifySignContent = (params: Params) => canonical(params, ['sign', 'sign_type']);

export function rsa2Sign(content: string, privateKeyPem: string): string {
  return crypto.sign('sha256', Buffer.from(content, 'utf8'), privateKeyPem).toString('base64');
}

/** False for a missing, malformed or wrong signature. */
export function rsa2Verify(content: string, signature: string | undefined, publicKeyPem: string): boolean {
  if (!signature) return false;
  try {
    return crypto.verify('sha256', Buffer.from(content, 'utf8'), publicKeyPem, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A merchant request: RSA2 only (RSA1 is retired), signed over everything but `sign`. */
export function verifyRequest(params: Params, merchantPublicKeyPem: string): boolean {
  if (params.sign_type !== 'RSA2') return false;
  return rsa2Verify(requestSignContent(params), params.sign, merchantPublicKeyPem);
}

/** The body of a gateway answer: the response JSON is written once and the signature covers those very bytes. */
export function signedEnvelope(responseKey: string, response: Record<string, unknown>, privateKeyPem: string, extra: Params = {}): string {
  const raw = JSON.stringify(response);
  const tail = Object.entries(extra)
    .map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join('');
  return `{${JSON.stringify(responseKey)}:${raw}${tail},"sign":${JSON.stringify(rsa2Sign(raw, privateKeyPem))}}`;
}

export function signNotification(params: Params, privateKeyPem: string): Params {
  const signed: Params = { ...params, sign_type: 'RSA2' };
  signed.sign = rsa2Sign(notifySignContent(signed), privateKeyPem);
  return signed;
}

export function generateRsaKeyPair(): { publicKey: string; privateKey: string } {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
