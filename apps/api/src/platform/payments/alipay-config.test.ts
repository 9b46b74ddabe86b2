import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const base = { QUANZI_SECRET: 'x'.repeat(40) } as NodeJS.ProcessEnv;
const load = (env: Record<string, string>) => loadConfig({ ...base, ...env } as NodeJS.ProcessEnv, ['node', 'main']);

describe('Alipay configuration', () => {
  it('uses the built-in sandbox unless ALIPAY_APP_ID is set', () => {
    expect(load({}).alipay).toBeUndefined();
  });

  it('takes public-key mode or certificate mode, PEM newlines from one-line env files, and refuses half a setup', () => {
    const pub = load({ ALIPAY_APP_ID: '2021000000000001', ALIPAY_PRIVATE_KEY: 'a\\nb', ALIPAY_PUBLIC_KEY: 'c' }).alipay!;
    expect(pub).toMatchObject({ appId: '2021000000000001', privateKey: 'a\nb', alipayPublicKey: 'c', payMethod: 'wap' });
    expect(pub.gatewayUrl).toBe('https://openapi.alipay.com/gateway.do');
    const cert = load({
      ALIPAY_APP_ID: '1',
      ALIPAY_PRIVATE_KEY: 'k',
      ALIPAY_APP_CERT: 'app',
      ALIPAY_PUBLIC_CERT: 'alipay',
      ALIPAY_ROOT_CERT: 'root',
      ALIPAY_GATEWAY: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
      ALIPAY_PAY_METHOD: 'page',
    }).alipay!;
    expect(cert).toMatchObject({
      appCertContent: 'app',
      alipayPublicCertContent: 'alipay',
      alipayRootCertContent: 'root',
      payMethod: 'page',
    });
    expect(() => load({ ALIPAY_APP_ID: '1' })).toThrow(ConfigError);
    expect(() => load({ ALIPAY_APP_ID: '1', ALIPAY_PRIVATE_KEY: 'k' })).toThrow(/ALIPAY_PUBLIC_KEY/);
    expect(() => load({ ALIPAY_APP_ID: '1', ALIPAY_PRIVATE_KEY: 'k', ALIPAY_APP_CERT: 'a' })).toThrow(/certificate mode/);
    expect(() => load({ ALIPAY_APP_ID: '1', ALIPAY_PRIVATE_KEY: 'k', ALIPAY_PUBLIC_KEY: 'p', ALIPAY_PAY_METHOD: 'qr' })).toThrow(
      /wap or page/,
    );
  });
});
