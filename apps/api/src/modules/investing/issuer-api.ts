import crypto from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { InvestingDeps } from './deps.js';
import * as repo from './repo.js';

/** A signed request older or newer than this is refused (replay protection). */
const MAX_SKEW_MS = 5 * 60_000;

export interface IssuerHeaders {
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** The string an issuer signs: the millisecond timestamp, a newline, the JSON body with sorted keys. */
export const issuerSigningString = (timestamp: string, body: unknown): string => `${timestamp}\n${canonicalJson(body)}`;

export const signIssuerRequest = (secret: string, timestamp: string, body: unknown): string =>
  crypto.createHmac('sha256', secret).update(issuerSigningString(timestamp, body)).digest('hex');

/**
 * Creates (or replaces) an issuer's API key. The secret is returned this once, for finance to hand
 * to the issuer over a secure channel; Quanzi keeps it only encrypted.
 */
export async function createIssuerKey(deps: InvestingDeps, op: OperatorPrincipal, issuerId: string, ip: string | null) {
  const keyId = `qzi_${crypto.randomBytes(8).toString('hex')}`;
  const secret = crypto.randomBytes(32).toString('base64url');
  await transact(deps.db, async (trx) => {
    if (!(await repo.findIssuer(trx, issuerId))) throw new AppError('NOT_FOUND');
    await repo.upsertIssuerKey(trx, {
      issuer_id: issuerId,
      key_id: keyId,
      secret_enc: deps.vault.encrypt(secret),
      created_at: deps.clock.now(),
      created_by: op.displayName,
    });
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: op.operatorId, name: op.displayName },
      action: 'investing.issuer.api_key_created',
      target: { type: 'issuer', id: issuerId },
      after: { keyId },
      ip,
    });
  });
  return { keyId, secret };
}

/** Checks key, timestamp window and HMAC (constant-time); any failure is the same 401. */
export async function verifyIssuerRequest(deps: InvestingDeps, headers: IssuerHeaders, body: unknown) {
  const { keyId, timestamp, signature } = headers;
  const refuse = (): never => {
    throw new AppError('ISSUER_SIGNATURE_INVALID');
  };
  if (!keyId || !timestamp || !signature || !/^\d{13}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) refuse();
  if (Math.abs(deps.clock.now().getTime() - Number(timestamp)) > MAX_SKEW_MS) refuse();
  const key = (await repo.issuerKey(deps.db, keyId!)) ?? refuse();
  const expected = Buffer.from(signIssuerRequest(deps.vault.decrypt(key.secret_enc), timestamp!, body), 'hex');
  if (!crypto.timingSafeEqual(expected, Buffer.from(signature!, 'hex'))) refuse();
  return { issuerId: key.issuer_id, name: key.name };
}
