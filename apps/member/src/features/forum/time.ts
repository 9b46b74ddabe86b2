import type { TFunction } from 'i18next';

const shanghai = (iso: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, ...options }).format(new Date(iso));

/** "刚刚", "5 分钟前", "3 小时前", "2 天前", then the China date ("01/05", or with the year when not this year). */
export function agoText(iso: string, t: TFunction, now = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return t('forum.time.justNow');
  if (minutes < 60) return t('forum.time.minutesAgo', { count: minutes });
  if (minutes < 24 * 60) return t('forum.time.hoursAgo', { count: Math.floor(minutes / 60) });
  if (minutes < 7 * 24 * 60) return t('forum.time.daysAgo', { count: Math.floor(minutes / 1440) });
  const sameYear = shanghai(iso, { year: 'numeric' }) === shanghai(new Date(now).toISOString(), { year: 'numeric' });
  return shanghai(iso, { ...(sameYear ? {} : { year: 'numeric' }), month: '2-digit', day: '2-digit' });
}
