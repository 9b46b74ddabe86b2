import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import crypto from 'node:crypto';
import type { PiiVault } from '../../platform/security/pii.js';

export interface GatewayCredentials {
  appId: string;
  merchantPrivateKey: string;
  merchantPublicKey: string;
  gatewayPublicKey: string;
}

/**
 * Our key pair for a gateway, made once and kept in the database (private half encrypted with the
 * platform secret) so every instance signs with the same key. `exchange` is the out-of-band step —
 * uploading our public key to the gateway's console and downloading theirs — done once, by the first
 * instance that needs it.
 */
export async function loadOrCreateCredentials(
  db: Db,
  vault: PiiVault,
  gateway: string,
  exchange: (appId: string, merchantPublicKey: string) => Promise<string>,
  now: Date,
): Promise<GatewayCredentials> {
  const existing = await read(db, vault, gateway);
  if (existing) return existing;
  const appId = `quanzi-${gateway}`;
  const pair = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const gatewayPublicKey = await exchange(appId, pair.publicKey);
  await sql`
    INSERT INTO wallet_gateway_credentials (gateway, app_id, merchant_private_enc, merchant_public_key, gateway_public_key, created_at)
    VALUES (${gateway}, ${appId}, ${vault.encrypt(pair.privateKey)}, ${pair.publicKey}, ${gatewayPublicKey}, ${now})
    ON CONFLICT (gateway) DO NOTHING`.execute(db);
  const stored = (await read(db, vault, gateway))!;
  // Another instance won the race: make sure the gateway knows the key that was kept.
  if (stored.merchantPublicKey !== pair.publicKey) await exchange(stored.appId, stored.merchantPublicKey);
  return stored;
}

async function read(db: Db, vault: PiiVault, gateway: string): Promise<GatewayCredentials | undefined> {
  const { rows } = await sql<{ app_id: string; merchant_private_enc: string; merchant_public_key: string; gateway_public_key: string }>`
    SELECT app_id, merchant_private_enc, merchant_public_key, gateway_public_key FROM wallet_gateway_credentials WHERE gateway = ${gateway}`.execute(
    db,
  );
  const row = rows[0];
  return (
    row && {
      appId: row.app_id,
      merchantPrivateKey: vault.decrypt(row.merchant_private_enc),
      merchantPublicKey: row.merchant_public_key,
      gatewayPublicKey: row.gateway_public_key,
    }
  );
}
