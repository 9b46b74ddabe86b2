import crypto from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { generateRsaKeyPair } from './alipay-sign.js';
import * as repo from './repo.js';

const GATEWAY_KEY = 'gateway';

export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

export interface KeyStore {
  /** The gateway's key pair: created on first use, then the same for every instance and restart. */
  gateway(): Promise<KeyPair>;
  registerMerchant(appId: string, publicKeyPem: string): Promise<void>;
  /** Read per request (no cache) so a key re-uploaded through another instance takes effect at once. */
  merchantKey(appId: string): Promise<string | undefined>;
}

export function createKeyStore(db: Db, clock: Clock): KeyStore {
  let gatewayKeys: Promise<KeyPair> | undefined;

  async function loadOrCreate(): Promise<KeyPair> {
    const existing = await repo.findKeyPair(db, GATEWAY_KEY);
    if (existing) return { publicKey: existing.public_key, privateKey: existing.private_key };
    const fresh = generateRsaKeyPair();
    await repo.insertKeyPairIfAbsent(db, {
      name: GATEWAY_KEY,
      public_key: fresh.publicKey,
      private_key: fresh.privateKey,
      created_at: clock.now(),
    });
    // Re-read: if another instance inserted first, its pair is the one everybody must use.
    const stored = await repo.findKeyPair(db, GATEWAY_KEY);
    if (!stored) throw new Error('sandbox gateway key pair vanished after insert');
    return { publicKey: stored.public_key, privateKey: stored.private_key };
  }

  return {
    gateway() {
      gatewayKeys ??= loadOrCreate().catch((err: unknown) => {
        gatewayKeys = undefined; // a failed load (database down) is retried on the next call
        throw err;
      });
      return gatewayKeys;
    },
    async registerMerchant(appId, publicKeyPem) {
      if (!appId.trim()) throw new Error('appId must not be empty');
      // Refuse a key that would make every later signature check fail in a confusing way.
      const key = crypto.createPublicKey(publicKeyPem);
      if (key.asymmetricKeyType !== 'rsa') throw new Error('merchant key must be an RSA public key');
      await repo.upsertMerchant(db, { app_id: appId, public_key: publicKeyPem, registered_at: clock.now() });
    },
    merchantKey: (appId) => repo.findMerchantKey(db, appId),
  };
}
