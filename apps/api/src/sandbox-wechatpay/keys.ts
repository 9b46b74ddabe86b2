import crypto from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { certificateSerial, generateKeyPair, publicKeyId } from './crypto.js';
import * as repo from './repo.js';

export interface PlatformKey {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

export interface KeyStore {
  /** The platform's signing key (public-key mode), created once and the same across restarts. */
  platform(): Promise<PlatformKey>;
  registerMerchant(input: { mchid: string; publicKey: string; apiV3Key: string }): Promise<{ serialNo: string }>;
}

export function createKeyStore(db: Db, clock: Clock): KeyStore {
  let cached: Promise<PlatformKey> | undefined;
  async function load(): Promise<PlatformKey> {
    let row = await repo.findKeyPair(db, 'platform');
    if (!row) {
      const pair = generateKeyPair();
      await repo.insertKeyPairIfAbsent(db, {
        name: 'platform',
        public_key: pair.publicKey,
        private_key: pair.privateKey,
        created_at: clock.now(),
      });
      row = await repo.findKeyPair(db, 'platform');
      if (!row) throw new Error('wechatpay sandbox platform key vanished after insert');
    }
    return { keyId: publicKeyId(row.public_key), publicKey: row.public_key, privateKey: row.private_key };
  }
  return {
    platform() {
      cached ??= load().catch((err: unknown) => {
        cached = undefined;
        throw err;
      });
      return cached;
    },
    async registerMerchant({ mchid, publicKey, apiV3Key }) {
      if (!/^[0-9A-Za-z_-]{1,32}$/.test(mchid)) throw new Error('mchid must be 1–32 letters or digits');
      if (Buffer.byteLength(apiV3Key) !== 32) throw new Error('the APIv3 key must be 32 bytes');
      if (crypto.createPublicKey(publicKey).asymmetricKeyType !== 'rsa') throw new Error('merchant key must be an RSA public key');
      const serialNo = certificateSerial(publicKey);
      await repo.upsertMerchant(db, {
        mchid,
        serial_no: serialNo,
        public_key: publicKey,
        api_v3_key: apiV3Key,
        registered_at: clock.now(),
      });
      return { serialNo };
    },
  };
}
