import { formatShanghaiTime } from '@quanzi/web-kit';
import type { TFunction } from 'i18next';

/** "刚刚", "5 分钟前", "3 小时前", "2 天前", then the China time of day. */
export function relativeTime(iso: string, t: TFunction, now = Date.now()): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return t('inbox.justNow');
  if (minutes < 60) return t('inbox.minutesAgo', { count: minutes });
  if (minutes < 24 * 60) return t('inbox.hoursAgo', { count: Math.floor(minutes / 60) });
  if (minutes < 7 * 24 * 60) return t('inbox.daysAgo', { count: Math.floor(minutes / 1440) });
  return formatShanghaiTime(iso);
}
