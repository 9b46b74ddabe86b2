import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en';
import zhCN from '../locales/zh-CN';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: localStorage.getItem('qz_console_lang') === 'en' ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(code: 'zh-CN' | 'en'): void {
  localStorage.setItem('qz_console_lang', code);
  void i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

export default i18n;
