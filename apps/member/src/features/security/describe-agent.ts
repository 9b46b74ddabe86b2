import UAParser from 'ua-parser-js';

/** Names a member recognises: 微信 rather than WeChat's raw token. */
const BROWSER_NAMES: Record<string, string> = {
  WeChat: '微信',
  QQBrowser: 'QQ 浏览器',
  'Mobile Safari': 'Safari',
  'Chrome WebView': 'Chrome',
};
const OS_NAMES: Record<string, string> = { 'Mac OS': 'macOS', HarmonyOS: '鸿蒙' };

/**
 * "Chrome · Android", "微信 · iOS", "Safari · macOS" from a user-agent string (ua-parser-js 1.0,
 * maintained, MIT), never the raw string; null when nothing is recognised.
 */
export function describeAgent(ua: string | null): string | null {
  if (!ua) return null;
  const { browser, os } = new UAParser(ua).getResult();
  const b = browser.name ? (BROWSER_NAMES[browser.name] ?? browser.name) : '';
  const o = os.name ? (OS_NAMES[os.name] ?? os.name) : '';
  return [b, o].filter(Boolean).join(' · ') || null;
}
