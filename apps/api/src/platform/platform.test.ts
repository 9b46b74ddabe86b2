import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { shanghaiDay, shanghaiDayStart } from './clock.js';
import { ConfigError, loadConfig, parseRole } from './config.js';
import { localeFrom, translate } from './i18n/messages.js';

describe('Asia/Shanghai days', () => {
  it('starts the day at 16:00 UTC of the previous UTC day', () => {
    expect(shanghaiDay(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(shanghaiDay(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
    expect(shanghaiDayStart(new Date('2026-11-24T20:00:00Z')).toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });
});

describe('configuration', () => {
  it('refuses to start on a server database without QUANZI_SECRET', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y' } as NodeJS.ProcessEnv, [])).toThrow(ConfigError);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', QUANZI_SECRET: 'x'.repeat(32) } as NodeJS.ProcessEnv, []).demo).toBe(false);
  });
  it('seeds demo data by default only on the embedded database, or with --demo', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv, []).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', QUANZI_SECRET: 'x'.repeat(32) } as NodeJS.ProcessEnv, ['--demo']).demo).toBe(true);
  });
  it('accepts the three roles and nothing else', () => {
    expect(parseRole([])).toBe('all');
    expect(parseRole(['--role=worker'])).toBe('worker');
    expect(() => parseRole(['--role=admin'])).toThrow(ConfigError);
  });
});

describe('languages', () => {
  it('is zh-CN unless the caller prefers English', () => {
    expect(localeFrom(undefined)).toBe('zh-CN');
    expect(localeFrom('en-GB,en;q=0.8')).toBe('en');
    expect(localeFrom('fr-FR,zh-TW;q=0.9,en;q=0.5')).toBe('zh-CN');
    expect(localeFrom('de')).toBe('zh-CN');
  });
  it('fills parameters into messages', () => {
    expect(translate('zh-CN', 'SMS_COOLDOWN', { seconds: 42 })).toBe('验证码已发送，请 42 秒后再获取');
    expect(translate('en', 'WRONG_PAYMENT_PASSWORD', { remaining: 2 })).toBe('Wrong payment password; 2 attempts left');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level so a jsonb round trip hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});
