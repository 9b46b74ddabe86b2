import crypto from 'node:crypto';
import type { WechatPayCredentials } from './gateway.js';

/**
 * Real WeChat Pay by configuration: with `WECHATPAY_MCHID` set, Quanzi talks to `WECHATPAY_API_BASE`
 * (default https://api.mch.weixin.qq.com) with these credentials; without it, to the sandbox at
 * /sandbox/wechatpay with a key pair made once and kept by the wallet's credential store.
 *
 * WECHATPAY_MCHID, WECHATPAY_APPID, WECHATPAY_SERIAL_NO (merchant API certificate serial),
 * WECHATPAY_PRIVATE_KEY (PEM, `\n` escapes allowed), WECHATPAY_PUBLIC_KEY_ID (PUB_KEY_ID_…),
 * WECHATPAY_PUBLIC_KEY (platform public key PEM), WECHATPAY_APIV3_KEY (32 bytes).
 */
export interface WechatPayEnv {
  apiBase: string;
  credentials: WechatPayCredentials;
}

export function wechatPayFromEnv(env: NodeJS.ProcessEnv): WechatPayEnv | undefined {
  if (!env.WECHATPAY_MCHID) return undefined;
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`${name} is required when WECHATPAY_MCHID is set`);
    return v.replace(/\\n/g, '\n');
  };
  const apiV3Key = need('WECHATPAY_APIV3_KEY');
  if (Buffer.byteLength(apiV3Key) !== 32) throw new Error('WECHATPAY_APIV3_KEY must be 32 bytes');
  return {
    apiBase: env.WECHATPAY_API_BASE || 'https://api.mch.weixin.qq.com',
    credentials: {
      mchid: need('WECHATPAY_MCHID'),
      appid: need('WECHATPAY_APPID'),
      serialNo: need('WECHATPAY_SERIAL_NO'),
      privateKey: need('WECHATPAY_PRIVATE_KEY'),
      platformKeyId: need('WECHATPAY_PUBLIC_KEY_ID'),
      platformPublicKey: need('WECHATPAY_PUBLIC_KEY'),
      apiV3Key,
    },
  };
}

/** The sandbox merchant's APIv3 key, derived from its (stored, encrypted) private key: the same on every instance. */
export const sandboxApiV3Key = (merchantPrivateKey: string) =>
  crypto.createHmac('sha256', merchantPrivateKey).update('wechatpay-apiv3-key').digest('base64url').slice(0, 32);
