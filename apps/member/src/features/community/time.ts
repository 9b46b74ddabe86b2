import type { TFunction } from 'i18next';

const shanghai = (iso: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, ...options }).format(new Date(iso));

/** A chat time line in China time: "14:05" today, "01/05 14:05" this year, else with the year. */
export function chatTime(iso: string, now = Date.now()): string {
  const day = (d: number | string) => shanghai(new Date(d).toISOString(), { year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = shanghai(iso, { hour: '2-digit', minute: '2-digit' });
  if (day(iso) === day(now)) return time;
  const sameYear = day(iso).slice(0, 4) === day(now).slice(0, 4);
  return `${shanghai(iso, { ...(sameYear ? {} : { year: 'numeric' }), month: '2-digit', day: '2-digit' })} ${time}`;
}

/** "刚刚", "5 分钟前", "3 小时前", "2 天前", then the China date. */
export function agoText(iso: string, t: TFunction, now = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return t('circle.justNow');
  if (minutes < 60) return t('circle.minutesAgo', { count: minutes });
  if (minutes < 24 * 60) return t('circle.hoursAgo', { count: Math.floor(minutes / 60) });
  if (minutes < 7 * 24 * 60) return t('circle.daysAgo', { count: Math.floor(minutes / 1440) });
  return shanghai(iso, { month: '2-digit', day: '2-digit' });
}
