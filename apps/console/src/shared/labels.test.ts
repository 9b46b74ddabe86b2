import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../locales/en';
import zhCN from '../locales/zh-CN';
import { auditActionLabel, auditTargetLabel, channelName } from './labels';

describe('labels for codes', () => {
  it('names channels, audit actions and objects in Chinese (and English), leaving unknown codes as they came', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } } });
    const t = i18n.t.bind(i18n);
    expect(['douyin', 'app_store', 'wechat'].map((c) => channelName(t, c))).toEqual(['抖音', '应用商店', '微信']);
    expect(channelName(t, 'spring.fair')).toBe('spring.fair');
    expect(channelName(t, null)).toBe('—');
    expect(auditActionLabel(t, 'operator.login')).toBe('运营登录');
    expect(auditActionLabel(t, 'moderation.hide')).toBe('隐藏内容');
    expect(auditActionLabel(t, 'unknown.thing')).toBe('unknown.thing');
    expect(auditTargetLabel(t, 'bank_card')).toBe('银行卡');
    await i18n.changeLanguage('en');
    expect(channelName(t, 'douyin')).toBe('Douyin');
    expect(auditActionLabel(t, 'operator.login')).toBe('Operator login');
  });
});
